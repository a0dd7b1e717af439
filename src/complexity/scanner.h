// The single-pass text scanner behind complexity::extract(). Internal to the complexity module.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "complexity/automaton.h"
#include "complexity/lexicon.h"

namespace splitpoint::complexity {

struct ScanCounts {
  std::array<uint32_t, lexicon::kCueCount> cue{};
  int64_t requested_tenths = 0;  // the longest numeric length request, tenths of a word
  // Line starts (over whole texts).
  uint32_t fences = 0;          // ``` lines
  uint32_t separators = 0;      // ---, ===, ***, ___ lines
  uint32_t labeled_docs = 0;    // "Document 2:", "Invoice B", "Vertrag 1"
  uint32_t doc_tags = 0;        // <doc>, <email ...>, [document]
  uint32_t subjects = 0;        // "Subject:", "Betreff:", "Objet :"
  uint32_t indented_lines = 0;  // 4+ spaces or a tab
  // Characters (inside the windows).
  uint32_t code_punct = 0;  // { } ;
  uint32_t math_ops = 0;    // operators between operands: 3 + 4, x^2, a = b
  uint32_t latex = 0;       // \frac, \sqrt ...
};

struct ScanBlock;  // scanner.cc: a block of text classified for the window loop

class Scanner {
 public:
  Scanner(const Automaton& ac, ScanCounts& counts) : ac_(ac), c_(counts) {}

  // Scans text for cues: all of a short text; in a long text its instruction paragraph(s) (see
  // scanner.cc), at most `head` bytes at the start or `tail` at the end, while `budget` lasts
  // (decremented by the bytes scanned). Line starts are checked everywhere.
  void scan_text(std::string_view text, std::size_t head, std::size_t tail, std::size_t& budget);

 private:
  void scan_window(const uint8_t* p, std::size_t begin, std::size_t end, std::size_t n);
  std::size_t scan_block(const uint8_t* p, std::size_t i, std::size_t n, std::size_t lim,
                         const ScanBlock& b);
  std::size_t scan_other(const uint8_t* p, std::size_t i, std::size_t n);
  std::size_t scan_punct(std::size_t s, const uint8_t* p, std::size_t i, std::size_t n);
  std::size_t step(std::size_t s, uint8_t cls, const uint16_t* delta, std::size_t first_output);
  std::size_t step_letters(std::size_t s, const uint8_t* c, const uint8_t* e, const uint16_t* delta,
                           std::size_t first_output);
  void scan_lines(const uint8_t* p, std::size_t begin, std::size_t end, std::size_t n);
  void on_line_start(const uint8_t* p, std::size_t i, std::size_t n);
  void on_special(const uint8_t* p, std::size_t i, std::size_t n, uint8_t b);
  void start_word();
  void close_word();
  void emit(uint8_t cls);
  [[gnu::noinline]] void report(uint16_t state);
  void on_match(const Automaton::Output& o);

  const Automaton& ac_;
  ScanCounts& c_;
  uint16_t state_ = 0;
  bool prev_sep_ = true;
  bool sentence_pending_ = true;
  bool word_is_number_ = false;
  uint32_t words_ = 0;  // words started so far (over all windows)
  uint32_t sentence_start_word_ = 0;
  int64_t number_ = 0;
  int64_t last_number_ = 0;
  uint32_t last_number_word_ = 0xFFFFFFFF;
};

}  // namespace splitpoint::complexity
