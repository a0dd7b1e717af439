// Invariant checks for the libFuzzer targets (src/**/*_fuzz.cc). A violated invariant prints
// what broke and aborts, so libFuzzer records the input as a finding like a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace splitpoint::fuzz {

[[noreturn]] inline void fail(const char* what, std::string_view a = {}, std::string_view b = {}) {
  std::fprintf(stderr, "FUZZ INVARIANT VIOLATED: %s\n", what);
  if (!a.empty()) std::fprintf(stderr, "  first : %.*s\n", static_cast<int>(a.size()), a.data());
  if (!b.empty()) std::fprintf(stderr, "  second: %.*s\n", static_cast<int>(b.size()), b.data());
  std::abort();
}

inline void check(bool ok, const char* what) {
  if (!ok) fail(what);
}

inline void check_equal(std::string_view a, std::string_view b, const char* what) {
  if (a != b) fail(what, a, b);
}

}  // namespace splitpoint::fuzz
