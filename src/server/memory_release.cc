#include "server/memory_release.h"

#include <malloc.h>

#include <cstddef>

// Declared weak so that only the binaries linking jemalloc resolve it; everything else (the unit
// tests of this module, sanitizer builds) gets nullptr and falls back to glibc.
extern "C" int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp,
                       std::size_t newlen) __attribute__((weak));

namespace splitpoint::server {

bool jemalloc_in_use() { return mallctl != nullptr; }

void release_free_memory() {
  if (mallctl != nullptr) {
    // "arena.<MALLCTL_ARENAS_ALL>.purge": 4096 is MALLCTL_ARENAS_ALL in jemalloc 5.
    // Thread caches are flushed first so that their cached blocks can go too.
    mallctl("thread.tcache.flush", nullptr, nullptr, nullptr, 0);
    mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
    return;
  }
  ::malloc_trim(0);
}

}  // namespace splitpoint::server
