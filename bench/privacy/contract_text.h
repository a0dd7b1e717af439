// A deterministic contract-like document for the privacy benchmarks: section headings, clauses
// with dates, amounts, percentages, article references and invoice numbers (none of which is a
// finding), and optionally a few planted values (email, phone, IBAN, card, IP, API key).
#pragma once

#include <cstddef>
#include <string>

namespace splitpoint::bench {

inline std::string contract_text(std::size_t target_bytes, bool planted) {
  static const char* const kClauses[] = {
      "The Supplier shall deliver the Goods no later than 2024-03-15 to the premises of the "
      "Customer, and the Customer shall pay the price of 1.299,00 EUR within 30 days of receipt "
      "of invoice INV-2024-000123. ",
      "Any amendment to this Agreement requires the written form; this applies also to a waiver "
      "of the written form requirement (Art. 6 Abs. 1 lit. b DSGVO, section 12.3 of Annex 2). ",
      "The Licensee may use version 4.2.1 of the Software on up to 250 workstations; additional "
      "licences are charged at USD 1,250.00 per seat and year, plus 19% VAT where applicable. ",
      "Le prestataire s'engage a fournir les services decrits a l'annexe 3 pour un montant "
      "forfaitaire de 12 500 EUR HT, payable en trois echeances (30 %, 40 % et 30 %). ",
      "Wykonawca zobowiazuje sie do wykonania prac w terminie do dnia 31.12.2025 r. za "
      "wynagrodzeniem w wysokosci 48 000,00 PLN brutto, zgodnie z harmonogramem. ",
      "Liability of either party is limited to the amount paid in the twelve (12) months "
      "preceding the claim, except for damages caused by gross negligence or wilful misconduct. ",
      "The term of this Agreement is 24 months starting on 01.04.2024; it renews automatically "
      "for successive periods of 12 months unless terminated with 3 months notice. ",
      "Service levels: availability of 99.9 % per calendar month, response within 4 hours for "
      "priority 1 incidents (ticket numbers such as SR-000481516 are assigned by the portal). ",
  };
  static const char* const kPlanted[] = {
      "Notices shall be sent to legal.department@example-corp.com or by phone to "
      "+49 30 1234 5678. ",
      "Payments go to IBAN DE89 3704 0044 0532 0130 00 (BIC COBADEFFXXX). ",
      "The deposit was charged to card 4111 1111 1111 1111 on the signing date. ",
      "Remote access is restricted to 192.168.10.25 using the key "
      "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z. ",
  };
  std::string out;
  out.reserve(target_bytes + 512);
  std::size_t i = 0, section = 1;
  while (out.size() < target_bytes) {
    if (i % 6 == 0) out += "\n\n" + std::to_string(section++) + ". Section heading\n";
    out += kClauses[i % (sizeof(kClauses) / sizeof(kClauses[0]))];
    if (planted && i % 50 == 25) out += kPlanted[(i / 50) % 4];
    ++i;
  }
  return out;
}

}  // namespace splitpoint::bench
