// Checksums and structural checks behind the detector's verified kinds. Pure functions over
// ASCII; each takes the value with separators already removed unless stated otherwise.
#pragma once

#include <string_view>

namespace splitpoint::privacy::checks {

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
inline bool is_alpha(char c) {
  return is_upper(c) || is_lower(c);
}
inline bool is_alnum(char c) {
  return is_digit(c) || is_alpha(c);
}
inline bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline char to_upper(char c) {
  return is_lower(c) ? static_cast<char>(c - 32) : c;
}

// Luhn (mod 10) over a string of digits.
bool luhn_ok(std::string_view digits);
// Payment card: 13-19 digits whose issuer prefix (IIN) and length match a major scheme: Visa,
// Mastercard (51-55, 2221-2720), Amex, Discover, JCB, Diners, UnionPay, Maestro.
bool card_iin_ok(std::string_view digits);
// IBAN in compact form (letters in either case): known country, that country's length, check
// digits 02..98, mod-97 of the rearranged number == 1.
bool iban_ok(std::string_view compact);
// The registered IBAN length of a country ("DE" -> 22); 0 if the country has no IBAN.
int iban_length(char c0, char c1);
// Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter); check letter verified.
bool dni_ok(std::string_view compact);
// French NIR: 13 characters (digits; department may be 2A/2B) + 2-digit key = 97 - n mod 97.
bool nir_ok(std::string_view compact);
// Dutch BSN: 9 digits, 11-proof (9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11), not all zero.
bool bsn_ok(std::string_view digits);
// Italian codice fiscale: 16 characters, check character verified (omocodia letters accepted).
bool codice_fiscale_ok(std::string_view cf);
// UK National Insurance number, 9 characters (AB123456C): letter rules and excluded prefixes.
bool nino_ok(std::string_view compact);
// US SSN digits (9): area not 000, 666 or 9xx; group not 00; serial not 0000.
bool ssn_ok(std::string_view digits);
// IPv6 text: full (8 groups) or compressed with one "::"; groups 1-4 hex digits. A compressed
// form needs at least 2 groups and 4 hex digits (so "::1" and "a::b" are not reported).
bool ipv6_ok(std::string_view text);

}  // namespace splitpoint::privacy::checks
