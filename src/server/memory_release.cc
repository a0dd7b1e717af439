#include "server/memory_release.h"

#include <malloc.h>
#include <sys/mman.h>

#include <charconv>
#include <cstddef>
#include <fstream>
#include <iterator>
#include <string>

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

namespace {

// The fields of a smaps mapping header: "begin-end perms offset dev inode [path]".
struct Header {
  std::uintptr_t begin = 0, end = 0;
  bool candidate = false;  // readable, not writable, backed by a file (inode != 0)
};

bool parse_hex(std::string_view s, std::uintptr_t& out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, 16);
  return ec == std::errc() && p == s.data() + s.size();
}

// Splits off the next space-separated field of `line`.
std::string_view next_field(std::string_view& line) {
  const std::size_t start = line.find_first_not_of(' ');
  if (start == std::string_view::npos) return line = {}, std::string_view{};
  line.remove_prefix(start);
  const std::size_t end = std::min(line.find(' '), line.size());
  const std::string_view field = line.substr(0, end);
  line.remove_prefix(end);
  return field;
}

// Parses a mapping header line into `h`; false for any other line ("Key: value").
bool parse_header(std::string_view line, Header& h) {
  const std::string_view range = next_field(line);
  const std::size_t dash = range.find('-');
  if (dash == std::string_view::npos) return false;
  if (!parse_hex(range.substr(0, dash), h.begin) || !parse_hex(range.substr(dash + 1), h.end)) {
    return false;
  }
  const std::string_view perms = next_field(line);
  next_field(line);  // offset
  next_field(line);  // device
  const std::string_view inode = next_field(line);
  h.candidate = perms.size() == 4 && perms[0] == 'r' && perms[1] == '-' && !inode.empty() &&
                inode != "0";
  return true;
}

// The kB value of a "Key:   123 kB" line whose key is `key`, or -1.
long kb_field(std::string_view line, std::string_view key) {
  if (line.size() <= key.size() || line.substr(0, key.size()) != key || line[key.size()] != ':') {
    return -1;
  }
  line.remove_prefix(key.size() + 1);
  const std::string_view value = next_field(line);
  long kb = -1;
  std::from_chars(value.data(), value.data() + value.size(), kb);
  return kb;
}

}  // namespace

std::vector<CleanFileMapping> clean_file_mappings(std::string_view smaps) {
  std::vector<CleanFileMapping> out;
  Header h;
  long rss = -1, anon = -1;
  auto flush = [&] {
    if (h.candidate && rss > 0 && anon == 0) {
      out.push_back({h.begin, h.end, static_cast<std::size_t>(rss)});
    }
  };
  while (!smaps.empty()) {
    const std::size_t eol = std::min(smaps.find('\n'), smaps.size());
    const std::string_view line = smaps.substr(0, eol);
    smaps.remove_prefix(std::min(eol + 1, smaps.size()));
    Header next;
    if (parse_header(line, next)) {
      flush();
      h = next;
      rss = anon = -1;
    } else if (long v = kb_field(line, "Rss"); v >= 0) {
      rss = v;
    } else if (long a = kb_field(line, "Anonymous"); a >= 0) {
      anon = a;
    }
  }
  flush();
  return out;
}

std::size_t release_startup_pages() {
  std::ifstream in("/proc/self/smaps");
  if (!in) return 0;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t released = 0;
  for (const CleanFileMapping& m : clean_file_mappings(text)) {
    // NOLINTNEXTLINE(performance-no-int-to-ptr): the address comes from the kernel's own map.
    if (::madvise(reinterpret_cast<void*>(m.begin), m.end - m.begin, MADV_DONTNEED) == 0) {
      released += m.rss_kb * 1024;
    }
  }
  return released;
}

}  // namespace splitpoint::server
