// The detector's pattern table (internal). Each Hyperscan expression finds candidates; its
// verifier checks the boundaries and checksum of one candidate and may move its span (e.g. to
// drop a "Bearer " prefix, or extend a private key block to its END line).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "privacy/detector.h"

namespace splitpoint::privacy::detail {

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
};

// True if [span) of text is a real finding; may adjust span (staying within text).
using Verifier = bool (*)(std::string_view text, Span& span);

struct Pattern {
  const char* expression;
  unsigned flags;  // Hyperscan flags; without HS_FLAG_SOM_LEFTMOST the verifier sets begin
  Kind kind;
  int priority;  // lower wins between overlapping findings of equal length
  Verifier verify;
};

// All patterns; a pattern's index is its Hyperscan id.
std::span<const Pattern> patterns();

}  // namespace splitpoint::privacy::detail
