#pragma once

namespace splitpoint::server {

// Hands freed heap memory back to the OS. Called when a worker's burst of connections has fully
// drained (session.cc), so that RSS returns to its idle level after load.
//
// The `splitpoint` executable links jemalloc (CMake option SPLITPOINT_JEMALLOC, docs/performance.md
// "Memory after load"): its size-class slabs keep the few objects that outlive a burst (Asio's
// per-socket reactor state, pooled upstream connections) together, where glibc's heap leaves one
// on nearly every page and so pins the pages of the whole burst. With jemalloc this purges the
// dirty pages of every arena; without it (tests, sanitizer builds) it is glibc's malloc_trim(0).
// Thread-safe; costs a few milliseconds after a large burst, so not for the per-request path.
void release_free_memory();

// True when the process's allocator is jemalloc (the weak mallctl symbol resolved).
bool jemalloc_in_use();

}  // namespace splitpoint::server
