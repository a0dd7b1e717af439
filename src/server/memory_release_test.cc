#include "server/memory_release.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
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

constexpr std::string_view kSmaps =
    "55d0c0a00000-55d0c0b00000 r-xp 00020000 08:01 1234    /usr/bin/splitpoint\n"
    "Size:               1024 kB\n"
    "Rss:                 600 kB\n"
    "Anonymous:             0 kB\n"
    "VmFlags: rd ex mr mw me\n"
    "55d0c0b00000-55d0c0b10000 r--p 00120000 08:01 1234    /usr/bin/splitpoint\n"
    "Rss:                  64 kB\n"
    "Anonymous:            64 kB\n"  // RELRO: relocated, private pages
    "55d0c0b10000-55d0c0b20000 rw-p 00130000 08:01 1234    /usr/bin/splitpoint\n"
    "Rss:                  32 kB\n"
    "Anonymous:             0 kB\n"  // writable: never dropped
    "7f0000000000-7f0000100000 rw-p 00000000 00:00 0 \n"
    "Rss:                 900 kB\n"
    "Anonymous:           900 kB\n"
    "7f0000200000-7f0000280000 r--p 00000000 08:01 99      /usr/lib/libhs.so.5\n"
    "Rss:                 512 kB\n"
    "Anonymous:             0 kB\n"
    "7f0000280000-7f0000290000 r--p 00000000 08:01 99      /usr/lib/libhs.so.5\n"
    "Rss:                   0 kB\n"  // nothing resident: nothing to drop
    "Anonymous:             0 kB\n"
    "7ffd00000000-7ffd00002000 r-xp 00000000 00:00 0       [vdso]\n"
    "Rss:                   8 kB\n"
    "Anonymous:             0 kB\n";

TEST(MemoryRelease, FindsReadOnlyFileMappingsWithoutPrivatePages) {
  const std::vector<CleanFileMapping> m = clean_file_mappings(kSmaps);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].begin, 0x55d0c0a00000u);
  EXPECT_EQ(m[0].end, 0x55d0c0b00000u);
  EXPECT_EQ(m[0].rss_kb, 600u);
  EXPECT_EQ(m[1].begin, 0x7f0000200000u);
  EXPECT_EQ(m[1].rss_kb, 512u);
  EXPECT_TRUE(clean_file_mappings("").empty());
  EXPECT_TRUE(clean_file_mappings("garbage\nRss: 5 kB\n").empty());
}

int answer() { return 42; }

// The process keeps running code and reading constants from the dropped pages: they come back
// from the page cache on the next access.
TEST(MemoryRelease, DroppedStartupPagesAreMappedAgainOnUse) {
  const std::string before = std::to_string(answer()) + std::string(kSmaps.substr(0, 12));
  const std::size_t released = release_startup_pages();
  EXPECT_GT(released, 0u);  // at least this test binary's code was resident
  EXPECT_EQ(std::to_string(answer()) + std::string(kSmaps.substr(0, 12)), before);
  EXPECT_EQ(clean_file_mappings(kSmaps).size(), 2u);
}

}  // namespace
}  // namespace splitpoint::server
