// A forward-only JSON scanner for the fast stream decoders (wire/openai/stream_fast.cc,
// wire/ollama/stream_fast.cc), which read the common upstream chunk shapes without building a DOM.
//
// Contract: every read (but key(), see there) either consumes exactly one well-formed token (by RFC 8259, with the same
// strictness as Boost.JSON's default parser: strict UTF-8, no raw control characters, no lone
// surrogates in \u escapes) and returns true, or returns false. False means "not recognised":
// the caller gives up on the whole text and decodes it with the full (DOM) decoder, which then
// produces the value or the error. The scanner may reject texts Boost.JSON accepts (numbers other
// than short integers, escaped keys, ...), never the reverse, so giving up is always safe.
// Header-only; no allocation except into the caller's strings. Not thread-safe per instance.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace splitpoint::wire::scan {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  // Skips whitespace, then consumes `c` if it is next.
  bool eat(char c) {
    skip_ws();
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  // The end of the text (callers that hand a token to another parser may need the distance).
  const char* end() const { return end_; }
  // Skips whitespace; true if `c` is next (not consumed).
  bool peek(char c) {
    skip_ws();
    return p_ != end_ && *p_ == c;
  }
  // True if only whitespace remains.
  bool at_end() {
    skip_ws();
    return p_ == end_;
  }

  // An object key and its ':'. The key is the text up to the next '"', unvalidated: callers
  // compare it with the plain names they know and give up on anything else (so an escaped or
  // otherwise odd key is never taken for a known one).
  bool key(std::string_view& out) {
    if (!eat('"')) return false;
    const void* q = std::memchr(p_, '"', static_cast<std::size_t>(end_ - p_));
    if (q == nullptr) return false;
    const char* close = static_cast<const char*>(q);
    out = std::string_view(p_, static_cast<std::size_t>(close - p_));
    p_ = close + 1;
    return eat(':');
  }

  // A JSON string, decoded and appended to `out`.
  bool string(std::string& out) { return read_string(&out); }
  // A JSON string, validated and dropped.
  bool skip_string() { return read_string(nullptr); }

  // The literal `word` (null, true, false).
  bool literal(std::string_view word) {
    skip_ws();
    if (static_cast<std::size_t>(end_ - p_) < word.size()) return false;
    if (std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }
  bool null() { return literal("null"); }

  // An integer -?(0|[1-9][0-9]*) of at most 18 digits (no fraction, no exponent).
  bool integer() {
    int64_t ignored;
    return integer(ignored);
  }
  // The same, and its value (18 digits always fit in int64; "-0" is 0, as Boost.JSON's int64 or
  // -0.0 both read as integer 0).
  bool integer(int64_t& value) {
    skip_ws();
    const bool negative = p_ != end_ && *p_ == '-';
    if (negative) ++p_;
    if (p_ == end_ || *p_ < '0' || *p_ > '9') return false;
    if (*p_ == '0') {
      ++p_;
      value = 0;
      return true;
    }
    const char* p = p_;
    int64_t v = 0;
    // At most 18 digits are accumulated (no overflow); a 19th digit means "too long".
    while (p != end_ && *p >= '0' && *p <= '9' && p - p_ < 18) v = v * 10 + (*p++ - '0');
    const bool short_enough = p == end_ || *p < '0' || *p > '9';
    p_ = p;
    value = negative ? -v : v;
    return short_enough;
  }

  // A number by the JSON grammar -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?; `token` is its
  // text, for the caller to convert exactly as Boost.JSON does (the scanner never converts
  // fractions or exponents itself).
  bool number_token(std::string_view& token) {
    skip_ws();
    const char* start = p_;
    const char* p = p_;
    const auto digit = [&] { return p != end_ && *p >= '0' && *p <= '9'; };
    if (p != end_ && *p == '-') ++p;
    if (!digit()) return false;
    if (*p == '0') {
      ++p;
    } else {
      while (digit()) ++p;
    }
    if (p != end_ && *p == '.') {
      ++p;
      if (!digit()) return false;
      while (digit()) ++p;
    }
    if (p != end_ && (*p == 'e' || *p == 'E')) {
      ++p;
      if (p != end_ && (*p == '+' || *p == '-')) ++p;
      if (!digit()) return false;
      while (digit()) ++p;
    }
    p_ = p;
    token = std::string_view(start, static_cast<std::size_t>(p - start));
    return true;
  }

 private:
  // Appends the decoded string to `*out` (validates only when out is null).
  bool read_string(std::string* out) {
    if (!eat('"')) return false;
    for (;;) {
      const char* run = p_;
      p_ = plain_run(p_, end_);
      if (out != nullptr) out->append(run, static_cast<std::size_t>(p_ - run));
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c == '\\') {
        if (!escape(out)) return false;
      } else if (c >= 0x80) {
        const char* start = p_;
        if (!utf8_sequence()) return false;
        if (out != nullptr) out->append(start, p_ - start);
      } else {
        return false;  // a raw control character
      }
    }
  }

  // The end of the run of characters in [p, end) that stand for themselves in a JSON string
  // (printable ASCII other than '"' and '\\'), sixteen (SSE2) or eight bytes at a time where it
  // can. A byte is flagged if it is < 0x20, '"', '\\' or >= 0x80; in the eight-byte form the
  // borrows of the subtractions only ever flag bytes above a truly flagged one, so the lowest
  // flag is exact.
  static const char* plain_run(const char* p, const char* end) {
#if defined(__SSE2__)
    // Sixteen bytes at a time: flagged if < 0x20 (unsigned min(v, 0x1f) == v), '"', '\\', or
    // with the high bit set (movemask of v itself).
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i last_control = _mm_set1_epi8(0x1f);
    while (end - p >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i hit =
          _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v),
                       _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
      const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit) | _mm_movemask_epi8(v));
      if (mask != 0) return p + std::countr_zero(mask);
      p += 16;
    }
#endif
    if constexpr (std::endian::native == std::endian::little) {
      constexpr uint64_t kOnes = 0x0101010101010101ULL;
      constexpr uint64_t kHigh = 0x8080808080808080ULL;
      while (end - p >= 8) {
        uint64_t x;
        std::memcpy(&x, p, 8);
        const uint64_t quote = x ^ (kOnes * '"');
        const uint64_t slash = x ^ (kOnes * '\\');
        const uint64_t flags = (((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) |
                                ((slash - kOnes) & ~slash) | x) &
                               kHigh;
        if (flags != 0) return p + (std::countr_zero(flags) >> 3);
        p += 8;
      }
    }
    while (p != end && kPlain[static_cast<unsigned char>(*p)]) ++p;
    return p;
  }

  static constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x80; ++c) t[c] = c != '"' && c != '\\';
    return t;
  }();

  void skip_ws() {
    const char* p = p_;
    while (p != end_ && static_cast<unsigned char>(*p) <= ' ' &&
           (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
      ++p;
    }
    p_ = p;
  }

  // Four hex digits of a \u escape.
  bool hex4(uint32_t& out) {
    if (end_ - p_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = *p_++;
      uint32_t d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        return false;
      }
      out = out << 4 | d;
    }
    return true;
  }

  // At '\\': one escape sequence (a surrogate pair counts as one), appended to `*out` if not null.
  bool escape(std::string* out) {
    char simple = 0;
    ++p_;
    if (p_ == end_) return false;
    const char c = *p_++;
    switch (c) {
      case '"': simple = '"'; break;
      case '\\': simple = '\\'; break;
      case '/': simple = '/'; break;
      case 'b': simple = '\b'; break;
      case 'f': simple = '\f'; break;
      case 'n': simple = '\n'; break;
      case 'r': simple = '\r'; break;
      case 't': simple = '\t'; break;
      case 'u': break;
      default: return false;
    }
    if (c != 'u') {
      if (out != nullptr) out->push_back(simple);
      return true;
    }
    uint32_t cp;
    if (!hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone trailing surrogate
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    if (out != nullptr) append_utf8(*out, cp);
    return true;
  }

  static void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | cp >> 6));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | cp >> 12));
      out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | cp >> 18));
      out.push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  // At a byte >= 0x80: one well-formed UTF-8 sequence (RFC 3629: no overlong forms, no
  // surrogates, nothing above U+10FFFF).
  bool utf8_sequence() {
    const auto b0 = static_cast<unsigned char>(*p_);
    int extra;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      extra = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      extra = 2;
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      extra = 3;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (end_ - p_ <= extra) return false;
    const auto b1 = static_cast<unsigned char>(p_[1]);
    if (b1 < lo || b1 > hi) return false;
    for (int i = 2; i <= extra; ++i) {
      const auto b = static_cast<unsigned char>(p_[i]);
      if (b < 0x80 || b > 0xBF) return false;
    }
    p_ += extra + 1;
    return true;
  }

  const char* p_;
  const char* end_;
};

// Helpers of the fast decoders.

// Sets `bit` in `seen`; false if it was set already (a duplicate key).
inline bool first_time(uint32_t& seen, uint32_t bit) {
  if ((seen & bit) != 0) return false;
  seen |= bit;
  return true;
}

// A string (decoded into `out` when not null) or null.
inline bool string_or_null(Scanner& s, std::string* out) {
  if (s.null()) return true;
  return out != nullptr ? s.string(*out) : s.skip_string();
}

// Calls `member(key)` for each member of an object; `member` consumes the value and returns false
// to give up.
template <typename Member>
bool members(Scanner& s, Member&& member) {
  if (!s.eat('{')) return false;
  if (s.eat('}')) return true;
  do {
    std::string_view key;
    if (!s.key(key) || !member(key)) return false;
  } while (s.eat(','));
  return s.eat('}');
}

}  // namespace splitpoint::wire::scan
