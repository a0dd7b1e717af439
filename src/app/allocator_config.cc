// jemalloc's start-up options for the gateway (read by jemalloc before main; inert when the
// executable is built without it, SPLITPOINT_JEMALLOC=OFF). docs/performance.md "Memory after load".
//
// background_thread: a jemalloc thread returns dirty pages to the OS while the gateway is idle, so
// RSS goes back to its idle level after any load, not only after the large bursts that
// server/memory_release.h purges at once (without it, decay only advances on allocator calls).
// dirty_decay_ms: how long freed pages are kept for reuse before they are returned.
// muzzy_decay_ms:0: returned with MADV_DONTNEED (RSS drops now), not MADV_FREE (RSS drops only
// under memory pressure).
extern "C" {
// NOLINTNEXTLINE: the name and type are jemalloc's interface.
extern const char* malloc_conf;
const char* malloc_conf = "background_thread:true,max_background_threads:1,dirty_decay_ms:5000,muzzy_decay_ms:0";
}
