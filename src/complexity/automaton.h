// Text normalization and the Aho-Corasick automaton over the cue lexicon. Internal to the
// complexity module.
//
// Normalization maps UTF-8 text to a stream over a 28-letter alphabet: a separator (whitespace,
// punctuation, symbols), "other" (digits, non-Latin letters), and a..z. The class of a..z is
// 1..26, so an ASCII letter's class is its low five bits (b & 0x1F) in either case. ASCII is
// lowercased; Latin-1 and Latin Extended-A letters are folded to their base letter (é -> e, ß -> s,
// ł -> l), so "resume" matches "résumé" and accents typed or not match alike.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "complexity/lexicon.h"

namespace splitpoint::complexity {

inline constexpr uint8_t kSep = 0;              // separator class
inline constexpr uint8_t kOther = 27;           // word character without a letter class
inline constexpr std::size_t kClassCount = 32;  // 28 used, padded to a power of two

// The class of the character at p[i] (i < n) and how many bytes it spans (>= 1).
struct Char {
  uint8_t cls;
  uint8_t len;
};
Char classify_char(const uint8_t* p, std::size_t i, std::size_t n);

namespace detail {
constexpr std::array<uint8_t, 128> make_ascii_classes() {
  std::array<uint8_t, 128> t{};
  for (int c = 0; c < 128; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      t[c] = static_cast<uint8_t>(c & 0x1F);
    else if (c >= '0' && c <= '9')
      t[c] = kOther;
    else
      t[c] = kSep;
  }
  return t;
}
inline constexpr std::array<uint8_t, 128> kAsciiClass = make_ascii_classes();
}  // namespace detail

// The class of an ASCII byte (< 0x80).
inline uint8_t ascii_class(uint8_t b) {
  return detail::kAsciiClass[b & 0x7F];
}

class Automaton {
 public:
  struct Output {
    lexicon::Cue cue;
    uint8_t words;        // words in the entry
    bool sentence_start;  // only counts as the first word of a sentence
    int32_t value;        // kNumber / kUnit value
  };

  // The automaton over lexicon::cue_words(), built on first use (thread-safe).
  static const Automaton& instance();

  uint16_t start() const { return 0; }
  uint16_t next(uint16_t state, uint8_t cls) const { return delta_[state * kClassCount + cls]; }
  // States are numbered so that those with outputs come last.
  bool has_output(uint16_t state) const { return state >= first_output_; }
  uint16_t first_output_state() const { return first_output_; }
  std::span<const Output> outputs(uint16_t state) const {
    return {out_.data() + out_begin_[state], out_.data() + out_begin_[state + 1]};
  }
  std::size_t state_count() const { return out_begin_.size() - 1; }
  // The tables behind next() and has_output(), for loops that keep them in registers.
  const uint16_t* delta_table() const { return delta_.data(); }
  const uint32_t* out_begin_table() const { return out_begin_.data(); }

 private:
  Automaton();
  std::vector<uint16_t> delta_;      // state * kClassCount + class -> state
  std::vector<uint32_t> out_begin_;  // state -> first output; state_count + 1 entries
  std::vector<Output> out_;
  uint16_t first_output_ = 0;
};

}  // namespace splitpoint::complexity
