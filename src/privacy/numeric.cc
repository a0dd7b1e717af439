// The numeric scanner: finds digit clusters (digit groups joined by one separator) with a SIMD
// skip over text without digits, then parses each cluster against the group shapes of the
// numeric formats and verifies candidates (verify.cc, phone.cc). Longest candidate per format
// and start group first; the detector resolves overlaps.
#include <cstdint>
#include <cstring>

#include "privacy/checks.h"
#include "privacy/verify.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace splitpoint::privacy::detail {
namespace {

using checks::is_alnum;
using checks::is_alpha;
using checks::is_digit;
using checks::is_upper;

// How two digit groups are joined.
enum Join : std::uint16_t {
  kSp1 = 1 << 0,          // " "
  kDot = 1 << 1,          // "."
  kDash = 1 << 2,         // "-"
  kSlash = 1 << 3,        // "/"
  kTab = 1 << 4,          // "\t"
  kNbsp = 1 << 5,         // U+00A0 or U+202F
  kSp2 = 1 << 6,          // two of space / tab
  kNewline = 1 << 7,      // "\n" or "\r\n"
  kSlashSpaced = 1 << 8,  // " / "
  kParen = 1 << 9,        // ")" or ") " closing a '(' before the first group
  kComma = 1 << 10,       // ","
};
constexpr unsigned kPhoneJoins = kSp1 | kDot | kDash | kSlash | kTab | kNbsp;
constexpr unsigned kUsJoins = kSp1 | kDot | kDash;
constexpr unsigned kCardJoins = kSp1 | kSp2 | kTab | kDash | kNewline | kNbsp;
// A value can neither start nor end next to these (continues_left / continues_right).
constexpr unsigned kHardJoins = kSp1 | kDot | kDash | kSlash | kComma;
constexpr int kMaxGroups = 24;

struct Cluster {
  std::string_view t;
  bool paren = false;  // '(' right before the first group
  int n = 0;
  int digits = 0;
  std::uint32_t b[kMaxGroups];
  std::uint32_t e[kMaxGroups];
  std::uint16_t join[kMaxGroups];  // joiner before group k (k >= 1)
  std::size_t end = 0;

  int len(int k) const { return static_cast<int>(e[k] - b[k]); }
  char first(int k) const { return t[b[k]]; }
  std::size_t start(int k) const { return k == 0 && paren ? b[0] - 1 : b[k]; }
  bool joins(int from, int to, unsigned allowed) const {
    for (int k = from; k <= to; ++k) {
      if ((join[k] & allowed) == 0) return false;
    }
    return true;
  }
};

struct Context {
  std::string_view t;
  std::vector<Candidate>* out;
  bool found = false;
  bool done() const { return found && out == nullptr; }
  // Verifies [b, e) as `kind`; true if it is a finding.
  bool offer(Kind kind, int priority, std::size_t b, std::size_t e, Verifier verify) {
    Span s{b, e};
    if (!verify(t, s)) return false;
    found = true;
    if (out != nullptr) out->push_back({kind, priority, s});
    return true;
  }
};

std::size_t find_digit(std::string_view t, std::size_t i) {
  const char* s = t.data();
  const std::size_t n = t.size();
#if defined(__SSE2__)
  const __m128i below = _mm_set1_epi8('0' - 1), above = _mm_set1_epi8('9' + 1);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i d = _mm_and_si128(_mm_cmpgt_epi8(v, below), _mm_cmplt_epi8(v, above));
    const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(d));
    if (m != 0) return i + static_cast<std::size_t>(__builtin_ctz(m));
  }
#endif
  for (; i < n; ++i) {
    if (is_digit(s[i])) return i;
  }
  return n;
}

bool digit_at(std::string_view t, std::size_t i) {
  return i < t.size() && is_digit(t[i]);
}

// Length of the joiner at i if a digit follows it (0 otherwise); its kind in `kind`.
std::size_t joiner(std::string_view t, std::size_t i, bool close_paren, std::uint16_t& kind) {
  auto is = [&](std::size_t len, std::uint16_t k) -> std::size_t {
    if (!digit_at(t, i + len)) return 0;
    kind = k;
    return len;
  };
  auto blank = [&](std::size_t k) { return k < t.size() && (t[k] == ' ' || t[k] == '\t'); };
  if (i >= t.size()) return 0;
  switch (t[i]) {
    case ' ':
      if (blank(i + 1)) return is(2, kSp2);
      if (t.substr(i, 3) == " / ") return is(3, kSlashSpaced);
      return is(1, kSp1);
    case '\t': return blank(i + 1) ? is(2, kSp2) : is(1, kTab);
    case '.': return is(1, kDot);
    case '-': return is(1, kDash);
    case '/': return is(1, kSlash);
    case ',': return is(1, kComma);
    case '\n': return is(1, kNewline);
    case '\r': return t.substr(i, 2) == "\r\n" ? is(2, kNewline) : 0;
    case ')':
      if (!close_paren) return 0;
      return i + 1 < t.size() && t[i + 1] == ' ' ? is(2, kParen) : is(1, kParen);
    case '\xC2': return t.substr(i, 2) == "\xC2\xA0" ? is(2, kNbsp) : 0;
    case '\xE2': return t.substr(i, 3) == "\xE2\x80\xAF" ? is(3, kNbsp) : 0;
    default: return 0;
  }
}

void build_cluster(std::string_view t, std::size_t p, Cluster& c) {
  c.t = t;
  c.paren = p > 0 && t[p - 1] == '(';
  std::size_t i = p;
  while (true) {
    c.b[c.n] = static_cast<std::uint32_t>(i);
    while (i < t.size() && is_digit(t[i])) ++i;
    c.e[c.n] = static_cast<std::uint32_t>(i);
    c.digits += c.len(c.n);
    if (++c.n == kMaxGroups) break;
    std::uint16_t kind = 0;
    const std::size_t len = joiner(t, i, c.paren && c.n == 1, kind);
    if (len == 0) break;
    c.join[c.n] = kind;
    i += len;
  }
  c.end = i;
}

// A tiny anchored parser for the fixed character layouts (NIR, DNI, NINO, codice fiscale).
struct Cursor {
  std::string_view t;
  std::size_t k;
  bool digits(int n) {
    for (int i = 0; i < n; ++i, ++k) {
      if (!digit_at(t, k)) return false;
    }
    return true;
  }
  void opt(const char* set) {
    if (k < t.size() && t[k] != '\0' && std::strchr(set, t[k]) != nullptr) ++k;
  }
  bool letter() {
    if (k >= t.size() || !is_alpha(t[k])) return false;
    ++k;
    return true;
  }
};

}  // namespace

// Shapes per format; each takes the cluster and a start group.
namespace {

void card(const Cluster& c, int i, Context& ctx) {
  if (c.len(i) >= 13 && c.len(i) <= 19 && ctx.offer(Kind::kCard, 1, c.b[i], c.e[i], verify_card)) {
    return;
  }
  if (c.len(i) != 4) return;
  for (int last = std::min(c.n - 1, i + 4); last >= i + 2; --last) {
    bool ok = c.joins(i + 1, last, kCardJoins) && c.len(last) >= 1 && c.len(last) <= 4;
    for (int k = i; ok && k < last; ++k) ok = c.len(k) == 4;
    if (ok && ctx.offer(Kind::kCard, 1, c.b[i], c.e[last], verify_card)) return;
  }
  if (i + 2 < c.n && c.len(i + 1) == 6 && (c.len(i + 2) == 4 || c.len(i + 2) == 5) &&
      c.joins(i + 1, i + 2, kCardJoins)) {
    ctx.offer(Kind::kCard, 1, c.b[i], c.e[i + 2], verify_card);  // Amex 4-6-5, Diners 4-6-4
  }
}

// 030 1234567, (030) 1234567, 030/1234567, 01 23 45 67 89, 020 7946 0958.
void phone_trunk0(const Cluster& c, int i, Context& ctx) {
  if (c.len(i) < 2 || c.len(i) > 6 || c.first(i) != '0' || c.t[c.b[i] + 1] == '0') return;
  if (i + 1 >= c.n) return;
  const bool paren = i == 0 && c.join[1] == kParen;
  if (!paren && (c.join[i + 1] & (kPhoneJoins | kSlashSpaced)) == 0) return;
  for (int last = std::min(c.n - 1, i + 5); last >= i + 1; --last) {
    bool ok = c.joins(i + 2, last, kPhoneJoins & ~kSlash);  // '/' only after the area code
    for (int k = i + 1; ok && k <= last; ++k) ok = c.len(k) >= 2 && c.len(k) <= 8;
    if (ok &&
        ctx.offer(Kind::kPhone, 4, paren ? c.start(0) : c.b[i], c.e[last], verify_phone_trunk0)) {
      return;
    }
  }
}

// 0049 30 12345678: 00 + a European country code, then groups.
void phone_00(const Cluster& c, int i, Context& ctx) {
  const char* g = c.t.data() + c.b[i];
  if (c.len(i) < 3 || c.len(i) > 5 || g[0] != '0' || g[1] != '0' || g[2] == '0') return;
  for (int last = std::min(c.n - 1, i + 7); last >= i + 1; --last) {
    if (c.joins(i + 1, last, kPhoneJoins) &&
        ctx.offer(Kind::kPhone, 4, c.b[i], c.e[last], verify_phone_00)) {
      return;
    }
  }
}

// (555) 123-4567, 555-123-4567, 555.123.4567, 1-800-555-0199.
void phone_us(const Cluster& c, int i, Context& ctx) {
  int area = i;
  if (c.len(i) == 1 && c.first(i) == '1' && i + 1 < c.n && (c.join[i + 1] & kUsJoins)) ++area;
  if (area + 2 >= c.n || c.len(area) != 3 || c.first(area) < '2') return;
  const bool paren = area == 0 && c.join[1] == kParen;
  if (!paren && (c.join[area + 1] & kUsJoins) == 0) return;
  if (c.len(area + 1) != 3 || c.len(area + 2) != 4 || (c.join[area + 2] & kUsJoins) == 0) return;
  ctx.offer(Kind::kPhone, 4, paren ? c.start(0) : c.b[i], c.e[area + 2], verify_phone_us);
}

// Nine-digit national numbers without a trunk 0 (ES, PT, PL; IT mobiles).
void phone_national(const Cluster& c, int i, Context& ctx) {
  struct Shape {
    int n;
    int len[4];
    char lo, hi;  // first digit range
  };
  static constexpr Shape kShapes[] = {
      {3, {3, 3, 3, 0}, '2', '9'}, {4, {3, 2, 2, 2}, '6', '9'}, {4, {2, 3, 2, 2}, '1', '9'},
      {3, {2, 3, 4, 0}, '2', '2'}, {2, {3, 6, 0, 0}, '3', '3'}, {2, {3, 7, 0, 0}, '3', '3'},
  };
  const char first = c.first(i);
  for (const Shape& s : kShapes) {
    if (i + s.n > c.n || first < s.lo || first > s.hi) continue;
    bool ok = c.joins(i + 1, i + s.n - 1, kPhoneJoins);
    for (int k = 0; ok && k < s.n; ++k) ok = c.len(i + k) == s.len[k];
    if (ok && ctx.offer(Kind::kPhone, 4, c.b[i], c.e[i + s.n - 1], verify_phone_national)) return;
  }
}

void ssn(const Cluster& c, int i, Context& ctx) {
  if (i + 2 < c.n && c.len(i) == 3 && c.len(i + 1) == 2 && c.len(i + 2) == 4 &&
      c.join[i + 1] == kDash && c.join[i + 2] == kDash) {
    ctx.offer(Kind::kNationalId, 1, c.b[i], c.e[i + 2], verify_ssn);
  }
}

void ipv4(const Cluster& c, int i, Context& ctx) {
  if (i + 3 >= c.n || !c.joins(i + 1, i + 3, kDot)) return;
  for (int k = i; k <= i + 3; ++k) {
    const int len = c.len(k);
    if (len > 3 || (len > 1 && c.first(k) == '0')) return;
    int v = 0;
    for (int d = 0; d < len; ++d) v = v * 10 + (c.t[c.b[k] + d] - '0');
    if (v > 255) return;
  }
  ctx.offer(Kind::kIpAddress, 3, c.b[i], c.e[i + 3], verify_ipv4);
}

// French NIR: 1 85 05 78 006 084 36 (spaces optional; department 2A/2B for Corsica).
void nir(const Cluster& c, int i, Context& ctx) {
  const char first = c.first(i);
  if (first == '0' || first == '5' || first == '6' || first == '9') return;
  Cursor p{c.t, c.b[i]};
  bool ok = p.digits(1);
  for (int n : {2, 2}) ok = ok && (p.opt(" "), p.digits(n));
  if (ok) {
    p.opt(" ");
    const bool corsica = p.k + 1 < c.t.size() && c.t[p.k] == '2' &&
                         std::strchr("ABab", c.t[p.k + 1]) != nullptr && c.t[p.k + 1] != '\0';
    ok = corsica ? (p.k += 2, true) : p.digits(2);
  }
  for (int n : {3, 3, 2}) ok = ok && (p.opt(" "), p.digits(n));
  if (ok) ctx.offer(Kind::kNationalId, 1, c.b[i], p.k, verify_nir);
}

// Spanish DNI: 8 digits and the check letter (optionally after a space or '-').
void dni(const Cluster& c, int i, Context& ctx) {
  if (i != c.n - 1 || c.len(i) != 8) return;
  Cursor p{c.t, c.e[i]};
  p.opt(" -");
  if (p.letter()) ctx.offer(Kind::kNationalId, 1, c.b[i], p.k, verify_dni);
}

}  // namespace

// Formats that start with letters, tried where a digit cluster starts at p.
namespace {

bool not_alnum_before(std::string_view t, std::size_t s) {
  return s == 0 || !is_alnum(t[s - 1]);
}

// IBAN at s (country code); compact or in groups of four.
void iban(std::string_view t, std::size_t s, Context& ctx) {
  const int length = checks::iban_length(t[s], t[s + 1]);
  if (length == 0 || !digit_at(t, s + 2) || !digit_at(t, s + 3)) return;
  std::size_t i = s + 4;
  int count = 4;
  if (i < t.size() && is_alnum(t[i])) {
    while (count < length && i < t.size() && is_alnum(t[i])) ++i, ++count;
  } else {
    while (count < length) {
      std::size_t j = i;  // one group separator: 1-2 blanks, a line break, a no-break space
      if (j < t.size() && (t[j] == ' ' || t[j] == '\t')) {
        ++j;
        if (j < t.size() && (t[j] == ' ' || t[j] == '\t')) ++j;
      } else if (t.substr(j, 1) == "\n" || t.substr(j, 2) == "\r\n") {
        j += t[j] == '\r' ? 2 : 1;
      } else if (t.substr(j, 2) == "\xC2\xA0") {
        j += 2;
      } else if (t.substr(j, 3) == "\xE2\x80\xAF") {
        j += 3;
      }
      if (j == i) return;
      i = j;
      int g = 0;
      while (g < 4 && count < length && i < t.size() && is_alnum(t[i])) ++i, ++g, ++count;
      if (g == 0 || (g < 4 && count < length)) return;
    }
  }
  if (count == length) ctx.offer(Kind::kIban, 1, s, i, verify_iban);
}

// UK NINO at s: AB 12 34 56 C (spaces optional).
void nino(std::string_view t, std::size_t s, std::size_t p, Context& ctx) {
  Cursor c{t, p};
  bool ok = c.digits(2);
  for (int k = 0; k < 2 && ok; ++k) ok = (c.opt(" "), c.digits(2));
  if (!ok) return;
  c.opt(" ");
  if (c.letter()) ctx.offer(Kind::kNationalId, 1, s, c.k, verify_nino);
}

// Spanish NIE at s: X1234567L, X-1234567-L.
void nie(std::string_view t, std::size_t s, std::size_t p, Context& ctx) {
  Cursor c{t, p};
  if (!c.digits(7)) return;
  c.opt(" -");
  if (c.letter()) ctx.offer(Kind::kNationalId, 1, s, c.k, verify_dni);
}

// Italian codice fiscale at s: RSSMRA85T10A562S (omocodia letters only where a digit sits).
void codice_fiscale(std::string_view t, std::size_t s, Context& ctx) {
  static constexpr char kLayout[] = "LLLLLLDDMDDLDDDL";  // L letter, D digit, M month letter
  if (s + 16 > t.size()) return;
  for (std::size_t k = 0; k < 16; ++k) {
    const char ch = t[s + k];
    const char want = kLayout[k];
    if (want == 'L' && !is_upper(ch)) return;
    if (want == 'D' && !is_digit(ch) && std::strchr("LMNPQRSTUV", ch) == nullptr) return;
    if (want == 'M' && std::strchr("ABCDEHLMPRST", ch) == nullptr) return;
  }
  ctx.offer(Kind::kNationalId, 1, s, s + 16, verify_codice_fiscale);
}

void letter_formats(std::string_view t, std::size_t p, Context& ctx) {
  auto upper = [&](std::size_t from, std::size_t n) {
    for (std::size_t k = from; k < from + n; ++k) {
      if (!is_upper(t[k])) return false;
    }
    return true;
  };
  auto xyz = [](char ch) { return ch != '\0' && std::strchr("XYZxyz", ch) != nullptr; };
  const char prev = p > 0 ? t[p - 1] : '\0';
  if (is_alpha(prev)) {
    if (p >= 2 && is_alpha(t[p - 2]) && not_alnum_before(t, p - 2)) {
      iban(t, p - 2, ctx);
      if (upper(p - 2, 2)) nino(t, p - 2, p, ctx);
    }
    if (xyz(prev) && not_alnum_before(t, p - 1)) nie(t, p - 1, p, ctx);
    if (p >= 6 && upper(p - 6, 6) && not_alnum_before(t, p - 6)) codice_fiscale(t, p - 6, ctx);
  } else if (prev == ' ' && p >= 3 && upper(p - 3, 2) && not_alnum_before(t, p - 3)) {
    nino(t, p - 3, p, ctx);
  } else if (prev == '-' && p >= 2 && xyz(t[p - 2]) && not_alnum_before(t, p - 2)) {
    nie(t, p - 2, p, ctx);
  }
}

void cluster_formats(const Cluster& c, Context& ctx) {
  for (int i = 0; i < c.n && !ctx.done(); ++i) {
    const bool soft = i == 0 || (c.join[i] & kHardJoins) == 0;
    if (i == 0 || c.join[i] != kDot) ipv4(c, i, ctx);
    if (soft && c.digits >= 6) nir(c, i, ctx);  // Corsica's 2A / 2B ends the cluster early
    if (c.digits < 8) continue;
    if (i == 0 || c.join[i] != kDash) ssn(c, i, ctx);
    if (!soft) continue;
    if (c.digits >= 13) card(c, i, ctx);
    phone_trunk0(c, i, ctx);
    phone_00(c, i, ctx);
    phone_us(c, i, ctx);
    phone_national(c, i, ctx);
    dni(c, i, ctx);
  }
}

}  // namespace

bool scan_numeric(std::string_view text, std::vector<Candidate>* out) {
  Context ctx{text, out};
  std::size_t i = 0;
  while (!ctx.done() && (i = find_digit(text, i)) < text.size()) {
    if (i > 0 && !is_digit(text[i - 1])) letter_formats(text, i, ctx);
    Cluster c;
    build_cluster(text, i, c);
    if (c.digits >= 4 || c.n >= 4) cluster_formats(c, ctx);
    i = c.end;
  }
  return ctx.found;
}

}  // namespace splitpoint::privacy::detail
