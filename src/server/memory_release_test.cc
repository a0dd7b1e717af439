#include "server/memory_release.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

namespace splitpoint::server {
namespace {

long rss_pages() {
  long size = 0, resident = 0;
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return -1;
  const int n = std::fscanf(f, "%ld %ld", &size, &resident);
  std::fclose(f);
  return n == 2 ? resident : -1;
}

// The unit tests link glibc's allocator (jemalloc is linked into the gateway executable only), so
// this checks the malloc_trim path: freed pages below a live block, which glibc does not return
// by itself (its automatic trim only shrinks the top of the heap), go back to the OS.
TEST(MemoryRelease, ReturnsFreedHeapPagesBelowALiveBlock) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer's allocator replaces glibc's: malloc_trim has nothing to do";
#endif
  ASSERT_FALSE(jemalloc_in_use());
  constexpr std::size_t kBlocks = 8000, kSize = 4000;  // ~32 MB of heap (below mmap threshold)
  std::vector<std::unique_ptr<char[]>> blocks;
  blocks.reserve(kBlocks);
  for (std::size_t i = 0; i < kBlocks; ++i) {
    blocks.emplace_back(new char[kSize]);
    std::memset(blocks.back().get(), 1, kSize);  // make the pages resident
  }
  // A live block above them holds the heap's top: larger than any free chunk the test process
  // may have, so it is carved from the top, and below the mmap threshold (128 KB).
  auto pin = std::make_unique<char[]>(100000);
  pin[0] = 1;
  blocks.clear();  // freed, but resident until released
  const long before = rss_pages();
  release_free_memory();
  const long after = rss_pages();
  ASSERT_GT(before, 0);
  const long page_kb = sysconf(_SC_PAGESIZE) / 1024;
  EXPECT_GT((before - after) * page_kb, 16 * 1024) << "RSS pages " << before << " -> " << after;
  EXPECT_EQ(pin[0], 1);
}

}  // namespace
}  // namespace splitpoint::server
