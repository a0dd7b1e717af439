// Test-only (the fast decoders' differential tests): the texts a small deterministic fuzzer derives
// from one good sample, and how many of them a fast decoder accepted.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace splitpoint::testing {

struct MutationCounts {  // texts the fast decoder accepted, by kind
  int prefixes = 0;
  int removals = 0;
  int replacements = 0;
};

// Calls `accepts(text)` on every prefix of `base` (the whole included), on `base` with each byte
// removed, and with each byte replaced by each of a set of bytes that matter to JSON (quotes,
// escapes, brackets, digits, letters of true/false/null, a control byte, DEL, UTF-8 lead and
// continuation bytes). `accepts` checks fast against full itself and returns whether the fast
// decoder took the text.
template <typename Accepts>
MutationCounts for_each_mutation(const std::string& base, Accepts&& accepts) {
  constexpr std::string_view kReplacements = "\"\\{}[],: 0-9.aeEnulfsrtU\x01\x7f\x80\xc3\xff";
  MutationCounts n;
  for (std::size_t i = 0; i <= base.size(); ++i) n.prefixes += accepts(base.substr(0, i));
  for (std::size_t i = 0; i < base.size(); ++i) {
    std::string removed = base;
    removed.erase(i, 1);
    n.removals += accepts(removed);
    for (char r : kReplacements) {
      std::string mutated = base;
      mutated[i] = r;
      n.replacements += accepts(mutated);
    }
  }
  return n;
}

}  // namespace splitpoint::testing
