// The Hyperscan pattern table and the verifiers of its literal-anchored kinds.
#include "privacy/patterns.h"

#include <hs/hs.h>

#include <cstring>

#include "privacy/checks.h"
#include "privacy/verify.h"

namespace splitpoint::privacy::detail {
namespace {

using checks::is_alnum;
using checks::is_digit;

// Separators between phone number groups.
#define SP_NBSP "\\xC2\\xA0|\\xE2\\x80\\xAF"
#define PSEP "(?:[ .\\-/\\t]|" SP_NBSP ")"

char at(std::string_view t, std::size_t i) {
  return i < t.size() ? t[i] : '\0';
}
char before(std::string_view t, std::size_t i) {
  return i > 0 ? t[i - 1] : '\0';
}
bool in_set(char c, const char* set) {
  return c != '\0' && std::strchr(set, c) != nullptr;
}
bool word(char c) {
  return is_alnum(c) || c == '_';
}

// Matched without start of match (much cheaper): the start is found here by walking left
// from the '@' over the local part's alphabet, as a leftmost match would.
bool verify_email(std::string_view t, Span& s) {
  const char n = at(t, s.end);
  if (is_alnum(n) || n == '-' || n == '_' || n == '@') return false;
  std::size_t at_sign = s.end;
  while (at_sign > 0 && t[at_sign - 1] != '@') --at_sign;
  if (at_sign == 0) return false;
  --at_sign;
  s.begin = at_sign;
  while (s.begin > 0 && at_sign - s.begin <= 64 &&
         (is_alnum(t[s.begin - 1]) || in_set(t[s.begin - 1], "._%+-"))) {
    --s.begin;
  }
  while (s.begin < at_sign && in_set(t[s.begin], "._%+-")) ++s.begin;
  const std::size_t local = at_sign - s.begin;
  if (local == 0 || local > 64 || s.size() > 254 || is_alnum(before(t, s.begin))) return false;
  for (std::size_t i = at_sign + 1; i < s.end; ++i) {  // labels neither start nor end with '-'
    if (t[i] == '-' && (t[i - 1] == '.' || t[i - 1] == '@' || at(t, i + 1) == '.')) return false;
  }
  return true;
}

// "BSN: 123456782": the finding is the 9 digits after the keyword.
bool verify_bsn(std::string_view t, Span& s) {
  if (is_alnum(before(t, s.begin))) return false;
  char d[9];
  int n = 0;
  std::size_t i = s.end;
  while (i > s.begin && n < 9) {
    --i;
    if (is_digit(t[i])) d[8 - n++] = t[i];
  }
  if (n != 9 || !checks::bsn_ok(std::string_view(d, 9))) return false;
  s.begin = i;
  return !continues_right(t, s.end);
}

// Patterns run without start of match (HS_FLAG_SOM_LEFTMOST slows the whole scan down once
// they match); each verifier finds the start itself. A verifier first rejects ends that are
// not maximal, so a long token costs one walk, not one per reported end.
template <typename Pred>
std::size_t walk_left(std::string_view t, std::size_t from, Pred in_class, std::size_t limit) {
  std::size_t b = from;
  while (b > 0 && from - b < limit && in_class(t[b - 1])) --b;
  return b;
}

bool hex_or_colon(char c) {
  return checks::is_hex(c) || c == ':';
}

bool verify_ipv6(std::string_view t, Span& s) {
  const char n = at(t, s.end);
  if (word(n) || n == ':') return false;
  s.begin = walk_left(t, s.end, hex_or_colon, 48);
  const char p = before(t, s.begin);
  if (word(p) || p == ':') return false;
  return checks::ipv6_ok(t.substr(s.begin, s.size()));
}

// A token secret: a literal prefix and a token alphabet; nothing of the alphabet (nor a word
// character) right before or after.
struct TokenSpec {
  std::string_view prefix;
  const char* extra;  // alphabet: letters, digits and these
};

constexpr TokenSpec kTokens[] = {
    {"sk-", "_-"}, {"gh", "_"}, {"github_pat_", "_"}, {"xox", "-"}, {"AIza", "_-"}, {"eyJ", "_-."},
};

bool verify_token_spec(const TokenSpec& spec, std::string_view t, Span& s) {
  auto in_class = [&](char c) { return is_alnum(c) || in_set(c, spec.extra); };
  const char n = at(t, s.end);
  if (word(n) || n == '-') return false;
  s.begin = walk_left(t, s.end, in_class, t.size());
  const char p = before(t, s.begin);
  return t.substr(s.begin, spec.prefix.size()) == spec.prefix && !word(p) && p != '-';
}

template <int N>
bool verify_token(std::string_view t, Span& s) {
  return verify_token_spec(kTokens[N], t, s);
}

bool verify_aws_key_id(std::string_view t, Span& s) {
  s.begin = s.end - 20;  // fixed length: AKIA / ASIA + 16
  return !word(before(t, s.begin)) && !word(at(t, s.end));
}

bool bearer_char(char c) {
  return is_alnum(c) || in_set(c, "._~+/=-");
}

bool verify_bearer(std::string_view t, Span& s) {
  if (bearer_char(at(t, s.end))) return false;
  s.begin = walk_left(t, s.end, bearer_char, t.size());
  std::size_t k = s.begin;
  while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '\t' || t[k - 1] == '\n' || t[k - 1] == '\r')) {
    --k;
  }
  if (k == s.begin || k < 6 || is_alnum(before(t, k - 6))) return false;
  // A token, not a word: a digit, or a lower-to-upper case change ("Bearer Authentication-Schemes"
  // is prose).
  bool token = false;
  for (std::size_t i = s.begin; i < s.end && !token; ++i) {
    token = is_digit(t[i]) || (i > s.begin && checks::is_upper(t[i]) && checks::is_lower(t[i - 1]));
  }
  return token && s.size() >= 16;
}

bool verify_aws_secret(std::string_view t, Span& s) {
  s.begin = s.end - 40;
  return !is_alnum(at(t, s.end)) && !in_set(at(t, s.end), "/+=");
}

// From the BEGIN line to the end of the END line; without an END line, to the end of the
// base64 body (a truncated paste is still masked).
bool verify_private_key(std::string_view t, Span& s) {
  const std::size_t from = s.end > 96 ? s.end - 96 : 0;
  const std::size_t begin = t.substr(0, s.end).rfind("-----BEGIN");
  if (begin == std::string_view::npos || begin < from) return false;
  s.begin = begin;
  const std::size_t end_line = t.find("-----END", s.end);
  if (end_line != std::string_view::npos) {
    const std::size_t close = t.find("-----", end_line + 8);
    if (close != std::string_view::npos && close - end_line < 64) {
      s.end = close + 5;
      return true;
    }
  }
  while (s.end < t.size() && (is_alnum(t[s.end]) || in_set(t[s.end], "+/=\\:,- \t\r\n"))) ++s.end;
  return true;
}

constexpr unsigned kSom = HS_FLAG_SOM_LEFTMOST;
constexpr unsigned kCaseless = HS_FLAG_CASELESS;

// Only patterns anchored on a literal or a rare character: Hyperscan skips through text to
// those quickly. Formats made of digit groups are parsed by numeric.cc instead (the same
// formats as regular expressions cost ~140 us per 32 KB; see docs/privacy.md).
// Priorities: secrets 0, checksummed values 1, emails 2, addresses 3, phones 4.
const Pattern kPatterns[] = {
    {"[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,24}", 0, Kind::kEmail,
     2, verify_email},
    {"\\+[1-9]\\d{0,2}" PSEP "?(?:\\(0\\)" PSEP "?)?(?:\\(\\d{1,5}\\)|\\d{1,5})(?:" PSEP
     "?\\d{1,5}){1,6}",
     0, Kind::kPhone, 4, verify_phone_intl},
    {"(?:bsn|burgerservicenummer|sofinummer)[\\s:.#\"'\\-]{0,6}(?:(?:nr|nummer)\\.?[\\s:\"']{0,4})?"
     "\\d(?:[ .]?\\d){8}",
     kSom | kCaseless, Kind::kNationalId, 1, verify_bsn},
    {"[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}", 0, Kind::kIpAddress, 3, verify_ipv6},
    {"sk-[A-Za-z0-9_\\-]{20,}", 0, Kind::kSecret, 0, verify_token<0>},
    {"bearer\\s+[A-Za-z0-9._~+/=\\-]{16,}", kCaseless, Kind::kSecret, 0, verify_bearer},
    {"(?:AKIA|ASIA)[0-9A-Z]{16}", 0, Kind::kSecret, 0, verify_aws_key_id},
    {"aws_?secret_?access_?key[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9/+=]{40}", kCaseless, Kind::kSecret,
     0, verify_aws_secret},
    {"gh[pousr]_[A-Za-z0-9]{36,}", 0, Kind::kSecret, 0, verify_token<1>},
    {"github_pat_[A-Za-z0-9_]{22,}", 0, Kind::kSecret, 0, verify_token<2>},
    {"xox[baprs]-[A-Za-z0-9\\-]{10,}", 0, Kind::kSecret, 0, verify_token<3>},
    {"AIza[0-9A-Za-z_\\-]{35}", 0, Kind::kSecret, 0, verify_token<4>},
    {"-----BEGIN(?: [A-Z0-9]+){0,3} PRIVATE KEY(?: BLOCK)?-----", 0, Kind::kSecret, 0,
     verify_private_key},
    {"eyJ[A-Za-z0-9_\\-]{4,}\\.eyJ[A-Za-z0-9_\\-]{4,}\\.[A-Za-z0-9_\\-]*", 0, Kind::kSecret, 0,
     verify_token<5>},
};

}  // namespace

std::span<const Pattern> patterns() {
  return kPatterns;
}

}  // namespace splitpoint::privacy::detail
