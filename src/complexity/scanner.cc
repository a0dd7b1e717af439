#include "complexity/scanner.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string_view>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace splitpoint::complexity {
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

// The window loop classifies kBlock bytes at a time and scans at most kBlock - 1 of them, so a
// block's masks always end in a zero bit (runs end inside the mask). ASCII letters are stepped
// in runs, a run of spaces ends the word once, every other byte takes scan_other().
constexpr std::size_t kBlock = 64;

}  // namespace

struct ScanBlock {
  uint64_t letter;                   // bit k: q[k] is an ASCII letter
  uint64_t space;                    // bit k: q[k] == ' '
  alignas(16) uint8_t low5[kBlock];  // q[k] & 0x1F: a letter's automaton class
};

namespace {

#ifdef __SSE2__
void classify_block(const uint8_t* q, ScanBlock& b) {
  const auto byte = [](int c) { return _mm_set1_epi8(static_cast<char>(c)); };
  b.letter = b.space = 0;
  for (std::size_t k = 0; k < kBlock; k += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q + k));
    // a..z after folding case, as an unsigned range check: a signed compare after shifting 'a'
    // to -128 (bytes >= 0x80 fold to >= 0xA0 and stay out of range).
    const __m128i folded = _mm_add_epi8(_mm_or_si128(v, byte(0x20)), byte(0x80 - 'a'));
    const __m128i letter = _mm_cmplt_epi8(folded, byte(0x80 + 26));
    const __m128i space = _mm_cmpeq_epi8(v, byte(' '));
    b.letter |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(letter))) << k;
    b.space |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(space))) << k;
    _mm_store_si128(reinterpret_cast<__m128i*>(b.low5 + k), _mm_and_si128(v, byte(0x1F)));
  }
}
#else
void classify_block(const uint8_t* q, ScanBlock& b) {
  b.letter = b.space = 0;
  for (std::size_t k = 0; k < kBlock; ++k) {
    const uint8_t folded = q[k] | 0x20;
    b.letter |= static_cast<uint64_t>(folded >= 'a' && folded <= 'z') << k;
    b.space |= static_cast<uint64_t>(q[k] == ' ') << k;
    b.low5[k] = q[k] & 0x1F;
  }
}
#endif

// The block at q, of which only `avail` (< kBlock) bytes may be read; the rest count as NULs.
void classify_short_block(const uint8_t* q, std::size_t avail, ScanBlock& b) {
  uint8_t buf[kBlock] = {};
  std::memcpy(buf, q, avail);
  classify_block(buf, b);
}

// ASCII bytes other than letters, digits and spaces whose only effects are to separate words,
// end a sentence (. ? ! :) or group digits (, .): scan_block() handles them inline.
constexpr std::array<bool, 256> make_punct() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c) {
    const uint8_t fl = kFlags[c] & ~(kFSentence | kFGroup);
    t[c] = c != ' ' && fl == 0 && !(kFlags[c] & kFDigit) && detail::kAsciiClass[c] == kSep;
  }
  return t;
}
constexpr std::array<bool, 256> kPunct = make_punct();

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

void Scanner::scan_text(std::string_view text, std::size_t head, std::size_t tail,
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

// Feeds every byte of [begin, end) through the rules of scan_other() (scanner_reference.h has
// them byte by byte; scanner_identity_test checks the two agree), a block at a time.
void Scanner::scan_window(const uint8_t* p, std::size_t begin, std::size_t end, std::size_t n) {
  if (begin >= end) return;
  state_ = ac_.next(ac_.start(), kSep);
  prev_sep_ = true;
  sentence_pending_ = true;
  ScanBlock b;
  for (std::size_t i = begin; i < end;) {
    if (n - i >= kBlock)
      classify_block(p + i, b);
    else
      classify_short_block(p + i, n - i, b);
    i += scan_block(p, i, n, std::min(kBlock - 1, end - i), b);
  }
  emit(kSep);
}

// The first `lim` (< kBlock) bytes at p[i], classified in b: a run of letters steps the automaton,
// a run of spaces ends the word once (more separators are no-ops), other bytes go to
// scan_punct() or scan_other(). Returns the bytes consumed, >= lim (a character may reach past
// the block).
std::size_t Scanner::scan_block(const uint8_t* p, std::size_t i, std::size_t n, std::size_t lim,
                                const ScanBlock& b) {
  const uint64_t valid = (uint64_t{1} << lim) - 1;  // bit 63 is clear: every run ends in the mask
  const uint64_t letters = b.letter & valid;
  const uint64_t spaces = b.space & valid;
  const uint64_t single = spaces & (letters >> 1);  // a space between two letters
  const uint16_t* const delta = ac_.delta_table();
  const std::size_t first_output = ac_.first_output_state();
  std::size_t s = state_;
  std::size_t j = 0;
  while (j < lim) {
    if ((letters >> j) & 1) {
      if (prev_sep_) start_word();
      word_is_number_ = false;
      for (;;) {
        const std::size_t from = j;
        j += static_cast<std::size_t>(__builtin_ctzll(~(letters >> j)));
        s = step_letters(s, b.low5 + from, b.low5 + j, delta, first_output);
        if (((single >> j) & 1) == 0) break;  // j <= lim < 64
        // The word ends at a single space and the next one begins: what close_word() and
        // start_word() would do, less their dead stores (the previous word had a letter, so
        // word_is_number_ is false; no sentence can be pending after a word's first letter).
        s = step(s, kSep, delta, first_output);
        ++words_;
        ++j;
      }
    } else if ((spaces >> j) & 1) {
      if (!prev_sep_) {
        close_word();
        s = step(s, kSep, delta, first_output);
      }
      j += static_cast<std::size_t>(__builtin_ctzll(~(spaces >> j)));
    } else if (kPunct[p[i + j]]) {
      s = scan_punct(s, p, i + j, n);
      ++j;
    } else {
      state_ = static_cast<uint16_t>(s);
      j += scan_other(p, i + j, n);
      s = state_;
    }
  }
  state_ = static_cast<uint16_t>(s);
  return j;
}

// The automaton from state s over one class (delta and first_output: ac_'s tables, which the
// callers keep in registers).
inline std::size_t Scanner::step(std::size_t s, uint8_t cls, const uint16_t* delta,
                                 std::size_t first_output) {
  s = delta[s * kClassCount + cls];
  if (s >= first_output) [[unlikely]]
    report(static_cast<uint16_t>(s));
  return s;
}

// The automaton from state s over the letter classes [c, e), two at a time.
inline std::size_t Scanner::step_letters(std::size_t s, const uint8_t* c, const uint8_t* e,
                                         const uint16_t* delta, std::size_t first_output) {
  if ((e - c) & 1) s = step(s, *c++, delta, first_output);
  for (; c != e; c += 2) {
    s = step(s, c[0], delta, first_output);
    s = step(s, c[1], delta, first_output);
  }
  return s;
}

// p[i] is punctuation that only separates words, or ends a sentence, or groups digits
// (kPunct): scan_other()'s rules for it, with the automaton state in s.
inline std::size_t Scanner::scan_punct(std::size_t s, const uint8_t* p, std::size_t i,
                                       std::size_t n) {
  const uint8_t fl = kFlags[p[i]];
  if ((fl & kFGroup) && word_is_number_ && !prev_sep_ && i + 1 < n && is_digit(p[i + 1])) {
    return s;  // a digit group separator: the number goes on
  }
  if (fl & kFSentence) sentence_pending_ = true;
  if (prev_sep_) return s;
  close_word();
  return step(s, kSep, ac_.delta_table(), ac_.first_output_state());
}

// The character at p[i] (any byte; the window loop sends all but letters and spaces); returns
// its length.
std::size_t Scanner::scan_other(const uint8_t* p, std::size_t i, std::size_t n) {
  const uint8_t b = p[i];
  if (b >= 0x80) {
    const Char ch = classify_char(p, i, n);
    if (b == 0xC2 && ch.len == 2 && (p[i + 1] == 0xBF || p[i + 1] == 0xA1)) {
      sentence_pending_ = true;  // ¿ ¡
    } else if (b == 0xC3 && ch.len == 2 && (p[i + 1] == 0x97 || p[i + 1] == 0xB7)) {
      ++c_.math_ops;  // × ÷
    }
    emit(ch.cls);
    if (ch.cls != kSep) word_is_number_ = false;
    return ch.len;
  }
  const uint8_t fl = kFlags[b];
  if (fl & kFDigit) {
    emit(kOther);
    if (word_is_number_) number_ = std::min(number_ * 10 + (b - '0'), kMaxNumber);
    return 1;
  }
  if ((fl & kFGroup) && word_is_number_ && !prev_sep_ && i + 1 < n && is_digit(p[i + 1])) {
    return 1;  // a digit group separator: the number goes on
  }
  if (fl) on_special(p, i, n, b);
  const uint8_t cls = ascii_class(b);
  emit(cls);
  if (cls != kSep) word_is_number_ = false;
  return 1;
}

void Scanner::on_special(const uint8_t* p, std::size_t i, std::size_t n, uint8_t b) {
  const uint8_t fl = kFlags[b];
  if (fl & kFSentence) sentence_pending_ = true;
  if (fl & kFNewline) on_line_start(p, i + 1, n);
  if (fl & kFCode) ++c_.code_punct;
  if ((fl & kFMath) && is_math_op(p, i, n, b)) ++c_.math_ops;
  if ((fl & kFBackslash) && i + 1 < n && is_alpha(p[i + 1])) ++c_.latex;
}

inline void Scanner::start_word() {
  prev_sep_ = false;
  ++words_;
  word_is_number_ = true;
  number_ = 0;
  if (sentence_pending_) {
    sentence_start_word_ = words_ - 1;
    sentence_pending_ = false;
  }
}

inline void Scanner::close_word() {
  prev_sep_ = true;
  if (word_is_number_ && number_ > 0) {
    last_number_ = number_;
    last_number_word_ = words_ - 1;
  }
}

void Scanner::emit(uint8_t cls) {
  if (cls == kSep) {
    if (prev_sep_) return;
    close_word();
  } else if (prev_sep_) {
    start_word();
  }
  state_ = ac_.next(state_, cls);
  if (ac_.has_output(state_)) report(state_);
}

void Scanner::report(uint16_t state) {
  for (const auto& o : ac_.outputs(state)) on_match(o);
}

void Scanner::on_match(const Automaton::Output& o) {
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

void Scanner::scan_lines(const uint8_t* p, std::size_t begin, std::size_t end, std::size_t n) {
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
void Scanner::on_line_start(const uint8_t* p, std::size_t i, std::size_t n) {
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

}  // namespace splitpoint::complexity
