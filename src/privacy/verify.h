// Candidate verifiers (internal; see patterns.h for the contract) and the numeric scanner.
#pragma once

#include <string_view>
#include <vector>

#include "privacy/patterns.h"

namespace splitpoint::privacy::detail {

struct Candidate {
  Kind kind;
  int priority;
  Span span;
};

// Finds the formats made of digit groups (national phone formats, cards, IBAN, national IDs,
// IPv4) by a hand-written scan: digit clusters located with SIMD, then parsed per format and
// verified. Appends candidates to out; with out == nullptr, stops at the first verified one.
// Returns true if any was found.
bool scan_numeric(std::string_view text, std::vector<Candidate>* out);

// Phones (phone.cc).
bool verify_phone_intl(std::string_view text, Span& span);      // +CC ...
bool verify_phone_00(std::string_view text, Span& span);        // 00CC ... (European CCs)
bool verify_phone_trunk0(std::string_view text, Span& span);    // 030 1234567, 01 23 45 67 89
bool verify_phone_us(std::string_view text, Span& span);        // (555) 123-4567
bool verify_phone_national(std::string_view text, Span& span);  // 612 345 678, 12 345 67 89

// Numeric and ID kinds (verify.cc): boundaries and checksums of a candidate span.
bool verify_card(std::string_view text, Span& span);
bool verify_iban(std::string_view text, Span& span);
bool verify_ssn(std::string_view text, Span& span);
bool verify_nino(std::string_view text, Span& span);
bool verify_dni(std::string_view text, Span& span);
bool verify_codice_fiscale(std::string_view text, Span& span);
bool verify_nir(std::string_view text, Span& span);
bool verify_ipv4(std::string_view text, Span& span);

// Digit-run boundaries shared by numeric kinds: true if the value visibly continues past the
// span (a letter, digit or '_' adjacent, or one separator [ .,-/] followed by a digit).
bool continues_left(std::string_view text, std::size_t begin);
bool continues_right(std::string_view text, std::size_t end);

}  // namespace splitpoint::privacy::detail
