// Test-only: the fast (DOM-free) decoders' differential tests. A fast decoder must either decline
// a text or decode it exactly as the full decoder does, compared through model_text.h.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "splitpoint/status.h"
#include "wire/model_text.h"

namespace splitpoint::testing {

inline std::string text(const StreamChunk& c) {
  return chunk_text(c);
}
inline std::string text(const ChatResponse& r) {
  return response_text(r);
}
inline std::string text(const ChatRequest& r) {
  return request_text(r);
}

// The value's text, or "error: <message>".
template <typename T>
std::string result_text(const Result<T>& r) {
  return r.ok() ? text(*r) : "error: " + r.status().message();
}

// "" if `fast` declined (nullopt) or equals `full`; else both texts.
template <typename T>
std::string difference(const std::optional<T>& fast, const Result<T>& full) {
  if (!fast) return {};
  const std::string want = result_text(full);
  const std::string got = text(*fast);
  return want == got ? std::string() : "full: " + want + "\nfast: " + got;
}

// Checks that fast(input) took the text iff `fast_expected`, agrees with full(input), and that
// the public entry(input) answers what the full decoder answers, whichever path it took.
template <typename Fast, typename Full, typename Entry>
void check_fast_decoder(const std::string& input, bool fast_expected, Fast fast, Full full,
                        Entry entry) {
  SCOPED_TRACE(input);
  const auto decoded = fast(input);
  EXPECT_EQ(decoded.has_value(), fast_expected);
  EXPECT_EQ(difference(decoded, full(input)), "");
  EXPECT_EQ(result_text(entry(input)), result_text(full(input)));
}

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

// Calls `check(object)` with the JSON object of `members` ("\"key\":value" texts) in every order
// of the members; returns how many orders there were.
template <typename Check>
int for_each_member_order(std::vector<std::string> members, Check&& check) {
  std::sort(members.begin(), members.end());
  int orders = 0;
  do {
    std::string object = "{";
    for (std::size_t i = 0; i < members.size(); ++i) object += (i ? "," : "") + members[i];
    check(object + "}");
    ++orders;
  } while (std::next_permutation(members.begin(), members.end()));
  return orders;
}

}  // namespace splitpoint::testing
