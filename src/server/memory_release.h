#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

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

// Unmaps the start-up-only pages of the executable and its libraries from this process.
//
// Linux counts a page of a mapped file in the process's RSS once the process has touched it (and
// maps up to 64 KB of cached neighbours with each fault), so start-up leaves code resident that
// serving never runs again: Hyperscan's pattern compiler (~4 MB), the YAML and command-line
// parsers, SQLite's schema code. This drops the resident pages of every read-only file mapping
// that holds no private copy-on-write page, with MADV_DONTNEED: for such a mapping that only
// removes this process's page-table entries; the pages stay in the page cache and the next access
// maps them again (a minor fault), which is what the kernel may do to them at any time under
// memory pressure. Writable mappings and relocated read-only ones (RELRO: they hold private
// pages) are left alone. Returns the bytes that were resident in the mappings dropped.
// Thread-safe; reads /proc/self/smaps (~1 ms). Call when start-up (or a reload) is done.
std::size_t release_startup_pages();

// One mapping that release_startup_pages() may drop.
struct CleanFileMapping {
  std::uintptr_t begin = 0, end = 0;
  std::size_t rss_kb = 0;
};

// Parses /proc/<pid>/smaps text: the read-only, file-backed mappings with resident pages and no
// anonymous (copy-on-write) page. Unknown lines are ignored.
std::vector<CleanFileMapping> clean_file_mappings(std::string_view smaps);

}  // namespace splitpoint::server
