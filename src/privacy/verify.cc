// Verifiers of the numeric and ID kinds found by the numeric scanner (numeric.cc).
#include "privacy/verify.h"

#include <cstring>

#include "privacy/checks.h"

namespace splitpoint::privacy::detail {
namespace {

using checks::is_alnum;
using checks::is_digit;

char at(std::string_view t, std::size_t i) {
  return i < t.size() ? t[i] : '\0';
}
char before(std::string_view t, std::size_t i) {
  return i > 0 ? t[i - 1] : '\0';
}
bool word(char c) {
  return is_alnum(c) || c == '_';
}

// Copies the characters of [span) accepted by keep() into out (at most cap); -1 if more.
template <typename Keep>
int collect(std::string_view t, const Span& s, char* out, int cap, Keep keep) {
  int n = 0;
  for (std::size_t i = s.begin; i < s.end; ++i) {
    if (!keep(t[i])) continue;
    if (n == cap) return -1;
    out[n++] = t[i];
  }
  return n;
}

bool alnum_bounded(std::string_view t, const Span& s) {
  return !is_alnum(before(t, s.begin)) && !is_alnum(at(t, s.end));
}

}  // namespace

bool verify_card(std::string_view t, Span& s) {
  char d[20];
  const int n = collect(t, s, d, 19, is_digit);
  if (n < 13) return false;
  const std::string_view digits(d, static_cast<std::size_t>(n));
  return checks::card_iin_ok(digits) && checks::luhn_ok(digits) && !continues_left(t, s.begin) &&
         !continues_right(t, s.end);
}

bool verify_iban(std::string_view t, Span& s) {
  char c[34];
  const int n = collect(t, s, c, 34, is_alnum);
  return n >= 15 && checks::iban_ok(std::string_view(c, static_cast<std::size_t>(n))) &&
         alnum_bounded(t, s);
}

bool verify_ssn(std::string_view t, Span& s) {
  char d[9];
  if (collect(t, s, d, 9, is_digit) != 9 || !checks::ssn_ok(std::string_view(d, 9))) return false;
  return !word(before(t, s.begin)) && before(t, s.begin) != '-' && !word(at(t, s.end)) &&
         at(t, s.end) != '-';
}

bool verify_nino(std::string_view t, Span& s) {
  char c[9];
  return collect(t, s, c, 9, is_alnum) == 9 && checks::nino_ok(std::string_view(c, 9)) &&
         alnum_bounded(t, s);
}

bool verify_dni(std::string_view t, Span& s) {
  char c[9];
  return collect(t, s, c, 9, is_alnum) == 9 && checks::dni_ok(std::string_view(c, 9)) &&
         alnum_bounded(t, s);
}

bool verify_codice_fiscale(std::string_view t, Span& s) {
  return checks::codice_fiscale_ok(t.substr(s.begin, s.size())) && alnum_bounded(t, s);
}

bool verify_nir(std::string_view t, Span& s) {
  char c[15];
  return collect(t, s, c, 15, is_alnum) == 15 && checks::nir_ok(std::string_view(c, 15)) &&
         !continues_left(t, s.begin) && !continues_right(t, s.end);
}

bool verify_ipv4(std::string_view t, Span& s) {
  const char p = before(t, s.begin), n = at(t, s.end);
  if (word(p) || p == '.') return false;
  return !word(n) && !(n == '.' && is_digit(at(t, s.end + 1)));
}

}  // namespace splitpoint::privacy::detail
