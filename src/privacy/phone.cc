// Phone number verification: boundaries, digit counts, and the guards against amounts, dates
// and invoice numbers (see docs/privacy.md for the formats).
#include <array>
#include <cstring>

#include "privacy/checks.h"
#include "privacy/verify.h"

namespace splitpoint::privacy::detail {
namespace {

using checks::is_alnum;
using checks::is_digit;

bool is_group_sep(char c) {
  return c == ' ' || c == '.' || c == ',' || c == '-' || c == '/';
}

int count_digits(std::string_view s) {
  int n = 0;
  for (char c : s) n += is_digit(c) ? 1 : 0;
  return n;
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> words) {
  for (auto w : words) {
    if (s.substr(0, w.size()) == w) return true;
  }
  return false;
}

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> words) {
  for (auto w : words) {
    if (s.size() >= w.size() && s.substr(s.size() - w.size()) == w) return true;
  }
  return false;
}

// A currency or percent sign right after or before the number: it is an amount.
bool near_currency(std::string_view text, const Span& span) {
  std::string_view after = text.substr(span.end);
  if (!after.empty() && after[0] == ' ') after.remove_prefix(1);
  if (after.substr(0, 2) == "\xC2\xA0") after.remove_prefix(2);
  if (starts_with_any(after, {"\xE2\x82\xAC", "EUR", "Euro", "euro", "USD", "$", "\xC2\xA3", "GBP",
                              "PLN", "z\xC5\x82", "CHF", "%", "Mio", "Mrd", "mln"})) {
    return true;
  }
  std::string_view before = text.substr(0, span.begin);
  if (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  return ends_with_any(before,
                       {"\xE2\x82\xAC", "EUR", "USD", "$", "\xC2\xA3", "GBP", "PLN", "CHF"});
}

// Digit groups of the span and whether every separator is '.' or ','.
struct Groups {
  std::array<int, 16> len{};
  int count = 0;
  bool dotted = true;
};

Groups groups_of(std::string_view s) {
  Groups g;
  bool in_run = false;
  for (char c : s) {
    if (is_digit(c)) {
      if (!in_run && g.count < static_cast<int>(g.len.size())) ++g.count;
      if (g.count > 0) ++g.len[g.count - 1];
      in_run = true;
      continue;
    }
    in_run = false;
    if (c != '.' && c != ',') g.dotted = false;
  }
  return g;
}

// "1.299.000" or "912.345.678": thousands grouping, not a phone number.
bool thousands_grouped(std::string_view s) {
  const Groups g = groups_of(s);
  if (!g.dotted || g.count < 2 || g.len[0] > 3) return false;
  for (int i = 1; i < g.count; ++i) {
    if (g.len[i] != 3) return false;
  }
  return true;
}

// Starts like a date (d.m.yy, d/m/yyyy, yyyy-mm-dd) and does not go on with the date's
// separator: "15.03.2024 10" is a date and a time, "06.12.34.56.78" a French phone number.
bool date_like(std::string_view s) {
  const Groups g = groups_of(s);
  if (g.count < 3) return false;
  const bool dmy = g.len[0] <= 2 && g.len[1] <= 2 && (g.len[2] == 2 || g.len[2] == 4);
  const bool ymd = g.len[0] == 4 && g.len[1] <= 2 && g.len[2] <= 2;
  if (!dmy && !ymd) return false;
  char seps[3] = {0, 0, 0};
  int n = 0;
  for (std::size_t i = 1; i < s.size() && n < 3; ++i) {
    if (is_digit(s[i - 1]) && !is_digit(s[i])) seps[n++] = s[i];
  }
  if (seps[0] != seps[1] || std::strchr("./-", seps[0]) == nullptr) return false;
  return n < 3 || seps[2] != seps[0];
}

bool common_ok(std::string_view text, const Span& span) {
  return !continues_left(text, span.begin) && !continues_right(text, span.end) &&
         !near_currency(text, span) && !thousands_grouped(text.substr(span.begin, span.size()));
}

bool european_cc(int cc) {
  if (cc >= 30 && cc <= 49) return cc != 35 && cc != 37 && cc != 38 && cc != 42;
  return (cc >= 350 && cc <= 359) || (cc >= 370 && cc <= 389) || (cc >= 420 && cc <= 423);
}

}  // namespace

bool continues_left(std::string_view text, std::size_t begin) {
  if (begin == 0) return false;
  const char p = text[begin - 1];
  if (is_alnum(p) || p == '_' || p == '+') return true;
  return is_group_sep(p) && begin >= 2 && is_digit(text[begin - 2]);
}

bool continues_right(std::string_view text, std::size_t end) {
  if (end >= text.size()) return false;
  const char n = text[end];
  if (is_alnum(n) || n == '_') return true;
  return is_group_sep(n) && end + 1 < text.size() && is_digit(text[end + 1]);
}

// Matched without start of match: the match holds exactly one '+', its first character.
bool verify_phone_intl(std::string_view text, Span& span) {
  if (continues_right(text, span.end)) return false;
  const std::size_t plus = text.substr(0, span.end).rfind('+');
  if (plus == std::string_view::npos || span.end - plus > 64) return false;
  span.begin = plus;
  const std::string_view s = text.substr(span.begin, span.end - span.begin);
  int digits = count_digits(s);
  if (s.find("(0)") != std::string_view::npos) --digits;
  return digits >= 8 && digits <= 15 && common_ok(text, span);
}

bool verify_phone_00(std::string_view text, Span& span) {
  const std::string_view s = text.substr(span.begin, span.end - span.begin);
  int cc = 0;
  std::size_t i = 2;
  for (; i < s.size() && is_digit(s[i]); ++i) cc = cc * 10 + (s[i] - '0');
  if (!european_cc(cc)) return false;
  int digits = count_digits(s.substr(i));
  if (s.find("(0)") != std::string_view::npos) --digits;
  return digits >= 6 && digits <= 12 && common_ok(text, span);
}

bool verify_phone_trunk0(std::string_view text, Span& span) {
  const std::string_view s = text.substr(span.begin, span.end - span.begin);
  const int digits = count_digits(s);
  return digits >= 9 && digits <= 12 && !date_like(s) && common_ok(text, span);
}

bool verify_phone_us(std::string_view text, Span& span) {
  const int digits = count_digits(text.substr(span.begin, span.end - span.begin));
  return (digits == 10 || digits == 11) && common_ok(text, span);
}

bool verify_phone_national(std::string_view text, Span& span) {
  const std::string_view s = text.substr(span.begin, span.end - span.begin);
  const int digits = count_digits(s);
  return digits >= 9 && digits <= 10 && !date_like(s) && common_ok(text, span);
}

}  // namespace splitpoint::privacy::detail
