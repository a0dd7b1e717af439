#include "privacy/checks.h"

#include <cstdint>
#include <cstring>

namespace splitpoint::privacy::checks {
namespace {

int digit_at(std::string_view s, std::size_t i) {
  return s[i] - '0';
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return !s.empty();
}

// The first n digits as a number (n <= 6).
int prefix(std::string_view digits, std::size_t n) {
  int v = 0;
  for (std::size_t i = 0; i < n && i < digits.size(); ++i) v = v * 10 + digit_at(digits, i);
  return v;
}

bool in(int v, int lo, int hi) {
  return v >= lo && v <= hi;
}

struct IbanCountry {
  char code[3];
  int length;
};

// The IBAN registry (SWIFT), country code -> total length.
constexpr IbanCountry kIbanCountries[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24},
    {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
    {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27},
    {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27},
    {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20},
    {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20}, {"MR", 27},
    {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24}, {"PL", 28},
    {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24}, {"SC", 31},
    {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25}, {"SV", 28},
    {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}, {"YE", 30},
};

// Codice fiscale: value of a character in an odd (1st, 3rd, ...) position, indexed by its digit
// or letter value (0-9 and A-Z share the table: '0' == 'A', ..., '9' == 'J').
constexpr int kCfOdd[26] = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                            20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};

}  // namespace

bool luhn_ok(std::string_view digits) {
  if (!all_digits(digits)) return false;
  int sum = 0;
  bool twice = false;
  for (std::size_t i = digits.size(); i-- > 0;) {
    int d = digit_at(digits, i);
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool card_iin_ok(std::string_view d) {
  const std::size_t n = d.size();
  if (n < 13 || n > 19 || !all_digits(d)) return false;
  const int p1 = prefix(d, 1), p2 = prefix(d, 2), p3 = prefix(d, 3), p4 = prefix(d, 4);
  const int p6 = prefix(d, 6);
  if (p1 == 4) return n == 13 || n == 16 || n == 19;         // Visa
  if (in(p2, 51, 55) || in(p4, 2221, 2720)) return n == 16;  // Mastercard
  if (p2 == 34 || p2 == 37) return n == 15;                  // Amex
  if (p4 == 6011 || in(p3, 644, 649) || p2 == 65 || in(p6, 622126, 622925)) {
    return n >= 16;  // Discover
  }
  if (in(p4, 3528, 3589)) return n >= 16;  // JCB
  if (in(p3, 300, 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) {
    return n >= 14;  // Diners
  }
  if (p2 == 62) return n >= 16;                                         // UnionPay
  if (p2 == 50 || in(p2, 56, 58) || p2 == 63 || p2 == 67) return true;  // Maestro
  return false;
}

int iban_length(char c0, char c1) {
  c0 = to_upper(c0);
  c1 = to_upper(c1);
  for (const auto& c : kIbanCountries) {
    if (c.code[0] == c0 && c.code[1] == c1) return c.length;
  }
  return 0;
}

bool iban_ok(std::string_view s) {
  if (s.size() < 15 || s.size() > 34) return false;
  if (!is_alpha(s[0]) || !is_alpha(s[1]) || !is_digit(s[2]) || !is_digit(s[3])) return false;
  if (iban_length(s[0], s[1]) != static_cast<int>(s.size())) return false;
  const int check = prefix(s.substr(2), 2);
  if (check < 2 || check > 98) return false;
  // Move the first four characters to the end; letters count as 10..35; reduce mod 97 as we go.
  int rem = 0;
  for (std::size_t k = 0; k < s.size(); ++k) {
    const char c = to_upper(s[(k + 4) % s.size()]);
    if (is_digit(c)) {
      rem = (rem * 10 + (c - '0')) % 97;
    } else if (is_upper(c)) {
      rem = (rem * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return rem == 1;
}

bool dni_ok(std::string_view s) {
  static constexpr char kLetters[] = "TRWAGMYFPDXBNJZSQVHLCKE";
  if (s.size() != 9 || !is_alpha(s[8])) return false;
  int lead = 0;
  std::size_t from = 0;
  const char first = to_upper(s[0]);
  if (first == 'X' || first == 'Y' || first == 'Z') {
    lead = first - 'X';
    from = 1;
  }
  if (!all_digits(s.substr(from, 8 - from))) return false;
  long n = lead;
  for (std::size_t i = from; i < 8; ++i) n = n * 10 + digit_at(s, i);
  return kLetters[n % 23] == to_upper(s[8]);
}

bool nir_ok(std::string_view s) {
  if (s.size() != 15 || !all_digits(s.substr(7)) || !all_digits(s.substr(0, 5))) return false;
  // Department: two digits, or Corsica 2A / 2B (counted as 19 / 18 for the key).
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < 13; ++i) {
    if (i == 5 || i == 6) continue;
    n = n * 10 + static_cast<std::uint64_t>(digit_at(s, i));
    if (i == 4) {
      const char a = s[5], b = to_upper(s[6]);
      int dept;
      if (a == '2' && b == 'A') {
        dept = 19;
      } else if (a == '2' && b == 'B') {
        dept = 18;
      } else if (is_digit(a) && is_digit(b)) {
        dept = (a - '0') * 10 + (b - '0');
      } else {
        return false;
      }
      n = n * 100 + static_cast<std::uint64_t>(dept);
    }
  }
  const int key = digit_at(s, 13) * 10 + digit_at(s, 14);
  return key >= 1 && key <= 97 && static_cast<std::uint64_t>(key) == 97 - n % 97;
}

bool bsn_ok(std::string_view d) {
  if (d.size() != 9 || !all_digits(d)) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) sum += static_cast<int>(9 - i) * digit_at(d, i);
  sum -= digit_at(d, 8);
  return sum != 0 && sum % 11 == 0;
}

bool codice_fiscale_ok(std::string_view cf) {
  if (cf.size() != 16) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 15; ++i) {
    const char c = to_upper(cf[i]);
    int v;
    if (is_digit(c)) {
      v = c - '0';
    } else if (is_upper(c)) {
      v = c - 'A';
    } else {
      return false;
    }
    sum += (i % 2 == 0) ? kCfOdd[v] : v;
  }
  return to_upper(cf[15]) == 'A' + sum % 26;
}

bool nino_ok(std::string_view s) {
  if (s.size() != 9) return false;
  const char a = to_upper(s[0]), b = to_upper(s[1]), suffix = to_upper(s[8]);
  if (!is_upper(a) || !is_upper(b) || !all_digits(s.substr(2, 6))) return false;
  if (std::strchr("DFIQUV", a) != nullptr || std::strchr("DFIOQUV", b) != nullptr) return false;
  static constexpr const char* kBanned[] = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"};
  for (const char* p : kBanned) {
    if (p[0] == a && p[1] == b) return false;
  }
  return suffix >= 'A' && suffix <= 'D';
}

bool ssn_ok(std::string_view d) {
  if (d.size() != 9 || !all_digits(d)) return false;
  const int area = prefix(d, 3);
  if (area == 0 || area == 666 || area >= 900) return false;
  return prefix(d.substr(3), 2) != 0 && prefix(d.substr(5), 4) != 0;
}

bool ipv6_ok(std::string_view s) {
  int groups = 0, hex_digits = 0, run = 0;
  bool compressed = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (is_hex(c)) {
      if (++run > 4) return false;
      ++hex_digits;
      continue;
    }
    if (c != ':') return false;
    if (run > 0) ++groups;
    const bool next_colon = i + 1 < s.size() && s[i + 1] == ':';
    if (next_colon) {
      if (compressed) return false;
      compressed = true;
      ++i;
    } else if (run == 0 || i + 1 == s.size()) {
      return false;  // a lone ':' at the start, or a trailing single ':'
    }
    run = 0;
  }
  if (run > 0) ++groups;
  if (!compressed) return groups == 8;
  return groups <= 7 && groups >= 2 && hex_digits >= 4;
}

}  // namespace splitpoint::privacy::checks
