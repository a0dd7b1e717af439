// The scalar, byte-at-a-time scanner as it was before the SSE2 rewrite of scanner.cc, kept
// verbatim (renamed) as the reference the differential test compares the production scanner
// with. Test-only: include it from *_test.cc files, never from the library.
#pragma once

#include <algorithm>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

#include "complexity/scanner.h"

namespace splitpoint::complexity::reference {

class ReferenceScanner {
 public:
  ReferenceScanner(const Automaton& ac, ScanCounts& counts) : ac_(ac), c_(counts) {}

  // Scans text for cues: all of a short text; in a long text its instruction paragraph(s) (see
  // scanner.cc), at most `head` bytes at the start or `tail` at the end, while `budget` lasts
  // (decremented by the bytes scanned). Line starts are checked everywhere.
  void scan_text(std::string_view text, std::size_t head, std::size_t tail, std::size_t& budget);

 private:
  void scan_window(const uint8_t* p, std::size_t begin, std::size_t end, std::size_t n);
  std::size_t scan_letters(const uint8_t* p, std::size_t i, std::size_t end);
  void scan_lines(const uint8_t* p, std::size_t begin, std::size_t end, std::size_t n);
  void on_line_start(const uint8_t* p, std::size_t i, std::size_t n);
  void on_special(const uint8_t* p, std::size_t i, std::size_t n, uint8_t b);
  void emit(uint8_t cls);
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

namespace {

using lexicon::Cue;

enum : uint8_t {
  kFDigit = 1,
  kFSentence = 2,  // ends a sentence: . ? ! : ; newline
  kFNewline = 4,
  kFCode = 8,   // { } ;
  kFMath = 16,  // + - * / = ^ < >
  kFBackslash = 32,
  kFGroup = 64,  // , . inside a number: 2,000 / 2.000
};

constexpr std::array<uint8_t, 128> make_flags() {
  std::array<uint8_t, 128> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = kFDigit;
  for (char c : {'.', '?', '!', ':', ';'}) t[static_cast<uint8_t>(c)] |= kFSentence;
  t['\n'] |= kFSentence | kFNewline;
  for (char c : {'{', '}', ';'}) t[static_cast<uint8_t>(c)] |= kFCode;
  for (char c : {'+', '-', '*', '/', '=', '^', '<', '>'}) t[static_cast<uint8_t>(c)] |= kFMath;
  t['\\'] |= kFBackslash;
  t[','] |= kFGroup;
  t['.'] |= kFGroup;
  return t;
}
constexpr std::array<uint8_t, 128> kFlags = make_flags();

// The automaton class of an ASCII letter (a..z, A..Z); 0 for every other byte, non-ASCII included.
constexpr std::array<uint8_t, 256> make_letter_classes() {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 'a' + 'A'] = detail::kAsciiClass[c];
  return t;
}
constexpr std::array<uint8_t, 256> kLetterClass = make_letter_classes();

constexpr int64_t kMaxNumber = 1'000'000'000;
// Texts up to kWholeText bytes are scanned whole. In a longer text, the shorter of its first and
// last paragraphs is the instruction (capped at `head` / `tail` bytes), the other end paragraph
// too if it is at most kShortParagraph bytes; a text without paragraph breaks near its ends gets
// its first kPlainHead and last kPlainTail bytes.
constexpr std::size_t kWholeText = 1024;
constexpr std::size_t kShortParagraph = 120;
constexpr std::size_t kBreakSearch = 2048;
constexpr std::size_t kPlainHead = 512;
constexpr std::size_t kPlainTail = 256;

bool is_digit(uint8_t c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(uint8_t c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
bool is_upper(uint8_t c) {
  return c >= 'A' && c <= 'Z';
}

// An operator between two operands ("3 + 4", "x^2", "a = b"). '-' and '/' count only when
// spaced on both sides, so dates and ranges ("2024-03-01", "3/4") do not.
bool is_math_op(const uint8_t* p, std::size_t i, std::size_t n, uint8_t op) {
  uint8_t prev = 0, next = 0;
  bool spaced_left = false, spaced_right = false;
  if (i >= 1) {
    prev = p[i - 1];
    if (prev == ' ' && i >= 2) prev = p[i - 2], spaced_left = true;
  }
  if (i + 1 < n) {
    next = p[i + 1];
    if (next == ' ' && i + 2 < n) next = p[i + 2], spaced_right = true;
  }
  if ((op == '-' || op == '/') && !(spaced_left && spaced_right)) return false;
  auto operand = [](uint8_t c) { return is_digit(c) || is_alpha(c) || c == ')'; };
  return operand(prev) && (operand(next) || next == '(');
}

class WordSet {
 public:
  explicit WordSet(std::span<const char* const> words) : words_(words.begin(), words.end()) {
    std::sort(words_.begin(), words_.end());
  }
  bool contains(std::string_view w) const {
    return std::binary_search(words_.begin(), words_.end(), w);
  }

 private:
  std::vector<std::string_view> words_;
};

const WordSet& document_labels() {
  static const WordSet kSet(lexicon::document_labels());
  return kSet;
}
const WordSet& subject_labels() {
  static const WordSet kSet(lexicon::subject_labels());
  return kSet;
}

}  // namespace

namespace {

// Where a long text's instruction is: a pasted document has long paragraphs, the instruction
// around it a short one. Finds the first and last paragraph breaks within kBreakSearch bytes of
// each end (memchr forward; a bounded loop backward).
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool is_break(const uint8_t* p, std::size_t i, std::size_t n) {  // p[i] == '\n'
  return i + 1 < n && (p[i + 1] == '\n' || (p[i + 1] == '\r' && i + 2 < n && p[i + 2] == '\n'));
}

std::size_t first_break(const uint8_t* p, std::size_t n) {
  const std::size_t limit = std::min(n, kBreakSearch);
  for (std::size_t i = 0; i < limit;) {
    const auto* nl = static_cast<const uint8_t*>(std::memchr(p + i, '\n', limit - i));
    if (nl == nullptr) return kNone;
    i = static_cast<std::size_t>(nl - p);
    if (is_break(p, i, n)) return i;
    ++i;
  }
  return kNone;
}

std::size_t last_paragraph(const uint8_t* p, std::size_t n) {
  std::size_t end = n;
  while (end > 0 && (p[end - 1] == '\n' || p[end - 1] == '\r' || p[end - 1] == ' ')) --end;
  const std::size_t floor = end > kBreakSearch ? end - kBreakSearch : 0;
  for (std::size_t i = end; i > floor + 1; --i) {
    if (p[i - 1] == '\n' &&
        (p[i - 2] == '\n' || (p[i - 2] == '\r' && i >= 3 && p[i - 3] == '\n'))) {
      return i;
    }
  }
  return kNone;
}

}  // namespace

inline void ReferenceScanner::scan_text(std::string_view text, std::size_t head, std::size_t tail,
                                        std::size_t& budget) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const std::size_t n = text.size();
  if (n == 0) return;
  on_line_start(p, 0, n);
  std::size_t h = n, t = n;  // cue windows [0, h) and [t, n); lines in between
  if (n > kWholeText) {
    const std::size_t fb = first_break(p, n);
    const std::size_t lp = last_paragraph(p, n);
    const std::size_t first_len = fb == kNone ? kNone : fb;
    const std::size_t last_len = lp == kNone ? kNone : n - lp;
    if (first_len == kNone && last_len == kNone) {
      h = std::min(n, kPlainHead);
      t = n - std::min(n - h, kPlainTail);
    } else if (first_len <= last_len) {
      h = std::min(first_len, head);
      t = last_len <= kShortParagraph ? lp : n;
    } else {
      t = n - std::min(last_len, tail);
      h = first_len <= kShortParagraph ? first_len : 0;
    }
  }
  h = std::min(h, budget);
  budget -= h;
  scan_window(p, 0, h, n);
  t = std::max(t, h);
  const std::size_t tail_len = std::min(n - t, budget);
  budget -= tail_len;
  scan_lines(p, h, n - tail_len, n);
  scan_window(p, n - tail_len, n, n);
}

inline void ReferenceScanner::scan_window(const uint8_t* p, std::size_t begin, std::size_t end,
                                          std::size_t n) {
  if (begin >= end) return;
  state_ = ac_.next(ac_.start(), kSep);
  prev_sep_ = true;
  sentence_pending_ = true;
  std::size_t i = begin;
  while (i < end) {
    const uint8_t b = p[i];
    // Fast path, most bytes: the rest of a word's run of ASCII letters.
    if (!prev_sep_ && kLetterClass[b] != 0) {
      i = scan_letters(p, i, end);
      continue;
    }
    if (b >= 0x80) {
      const Char ch = classify_char(p, i, n);
      if (b == 0xC2 && ch.len == 2 && (p[i + 1] == 0xBF || p[i + 1] == 0xA1)) {
        sentence_pending_ = true;  // ¿ ¡
      } else if (b == 0xC3 && ch.len == 2 && (p[i + 1] == 0x97 || p[i + 1] == 0xB7)) {
        ++c_.math_ops;  // × ÷
      }
      emit(ch.cls);
      if (ch.cls != kSep) word_is_number_ = false;
      i += ch.len;
      continue;
    }
    const uint8_t fl = kFlags[b];
    if (fl & kFDigit) {
      emit(kOther);
      if (word_is_number_) number_ = std::min(number_ * 10 + (b - '0'), kMaxNumber);
      ++i;
      continue;
    }
    if (fl) {
      if ((fl & kFGroup) && word_is_number_ && !prev_sep_ && i + 1 < n && is_digit(p[i + 1])) {
        ++i;  // a digit group separator: the number goes on
        continue;
      }
      on_special(p, i, n, b);
    }
    const uint8_t cls = ascii_class(b);
    emit(cls);
    if (cls != kSep) word_is_number_ = false;
    ++i;
  }
  emit(kSep);
}

// p[i] is an ASCII letter inside a word (!prev_sep_). Steps the automaton over the run of ASCII
// letters from p[i] up to `end` and returns where the run stops. Per letter this is exactly what
// emit() does for a letter inside a word (no separator or word-start bookkeeping applies), with
// the state and the tables kept in registers.
inline std::size_t ReferenceScanner::scan_letters(const uint8_t* p, std::size_t i,
                                                  std::size_t end) {
  const uint16_t* delta = ac_.delta_table();
  const uint32_t* out_begin = ac_.out_begin_table();
  uint32_t s = state_;
  for (uint8_t cls; i < end && (cls = kLetterClass[p[i]]) != 0; ++i) {
    s = delta[s * kClassCount + cls];
    if (out_begin[s] != out_begin[s + 1]) {
      for (const auto& o : ac_.outputs(static_cast<uint16_t>(s))) on_match(o);
    }
  }
  state_ = static_cast<uint16_t>(s);
  word_is_number_ = false;
  return i;
}

inline void ReferenceScanner::on_special(const uint8_t* p, std::size_t i, std::size_t n,
                                         uint8_t b) {
  const uint8_t fl = kFlags[b];
  if (fl & kFSentence) sentence_pending_ = true;
  if (fl & kFNewline) on_line_start(p, i + 1, n);
  if (fl & kFCode) ++c_.code_punct;
  if ((fl & kFMath) && is_math_op(p, i, n, b)) ++c_.math_ops;
  if ((fl & kFBackslash) && i + 1 < n && is_alpha(p[i + 1])) ++c_.latex;
}

inline void ReferenceScanner::emit(uint8_t cls) {
  if (cls == kSep) {
    if (prev_sep_) return;
    prev_sep_ = true;
    if (word_is_number_ && number_ > 0) {
      last_number_ = number_;
      last_number_word_ = words_ - 1;
    }
  } else if (prev_sep_) {
    prev_sep_ = false;
    ++words_;
    word_is_number_ = true;
    number_ = 0;
    if (sentence_pending_) {
      sentence_start_word_ = words_ - 1;
      sentence_pending_ = false;
    }
  }
  state_ = ac_.next(state_, cls);
  if (ac_.has_output(state_)) {
    for (const auto& o : ac_.outputs(state_)) on_match(o);
  }
}

inline void ReferenceScanner::on_match(const Automaton::Output& o) {
  const uint32_t first = words_ - o.words;
  if (o.sentence_start && first != sentence_start_word_) return;
  switch (o.cue) {
    case Cue::kNumber:
      last_number_ = o.value;
      last_number_word_ = words_ - 1;
      return;
    case Cue::kUnit:
      // "five words", "2000 Wörter", "drei kurze Sätze": a number one or two words before.
      if (last_number_word_ + 1 == first || last_number_word_ + 2 == first) {
        c_.requested_tenths = std::max(c_.requested_tenths, last_number_ * o.value);
      }
      return;
    default: ++c_.cue[static_cast<std::size_t>(o.cue)];
  }
}

inline void ReferenceScanner::scan_lines(const uint8_t* p, std::size_t begin, std::size_t end,
                                         std::size_t n) {
  const uint8_t* q = p + begin;
  const uint8_t* e = p + end;
  while (q < e) {
    const auto* nl = static_cast<const uint8_t*>(std::memchr(q, '\n', e - q));
    if (nl == nullptr) return;
    on_line_start(p, static_cast<std::size_t>(nl - p) + 1, n);
    q = nl + 1;
  }
}

// Looks at the first bytes of the line starting at p[i]: code fences, separators, document
// labels ("Document 2:", "## Invoice B", "<email>"), and subject lines.
inline void ReferenceScanner::on_line_start(const uint8_t* p, std::size_t i, std::size_t n) {
  const std::size_t end = std::min(n, i + 48);
  std::size_t j = i;
  int indent = 0;
  while (j < end && (p[j] == ' ' || p[j] == '\t')) indent += p[j++] == '\t' ? 4 : 1;
  if (indent >= 4) ++c_.indented_lines;
  if (j + 3 <= end && p[j + 1] == p[j] && p[j + 2] == p[j]) {
    const uint8_t c = p[j];
    if (c == '`') return void(++c_.fences);
    if (c == '-' || c == '=' || c == '*' || c == '_') return void(++c_.separators);
  }
  bool tag = false;
  for (int k = 0; k < 4 && j < end; ++k, ++j) {
    const uint8_t c = p[j];
    if (c == '<')
      tag = true;
    else if (c != '#' && c != '*' && c != '>' && c != '[' && c != '(' && c != ' ')
      break;
  }
  char word[12];
  std::size_t len = 0;
  while (j < end && is_alpha(p[j])) {
    if (len == sizeof(word)) return;  // too long to be a label
    word[len++] = static_cast<char>(p[j++] | 0x20);
  }
  if (len < 2 || j >= end) return;
  const std::string_view w(word, len);
  const uint8_t c = p[j];
  if (c == ':' || (c == ' ' && j + 1 < end && p[j + 1] == ':')) {
    if (subject_labels().contains(w)) ++c_.subjects;
    return;
  }
  if (tag) {
    if ((c == '>' || c == ' ' || c == '_' || is_digit(c)) && document_labels().contains(w)) {
      ++c_.doc_tags;
    }
    return;
  }
  if (c == ' ' || c == '_' || c == '#' || c == '-') ++j;
  if (j >= end) return;
  if (is_digit(p[j])) {
    std::size_t k = j;
    while (k < end && is_digit(p[k])) ++k;
    if (k - j > 3 || (k < end && is_alpha(p[k]))) return;
  } else if (!is_upper(p[j]) || (j + 1 < n && is_alpha(p[j + 1]))) {
    return;
  }
  if (document_labels().contains(w)) ++c_.labeled_docs;
}

}  // namespace splitpoint::complexity::reference
