#include "privacy/checks.h"

#include <gtest/gtest.h>

#include "privacy/json_text.h"

namespace splitpoint::privacy {
namespace {

TEST(Checks, Luhn) {
  EXPECT_TRUE(checks::luhn_ok("4111111111111111"));
  EXPECT_TRUE(checks::luhn_ok("378282246310005"));
  EXPECT_FALSE(checks::luhn_ok("4111111111111112"));
  EXPECT_FALSE(checks::luhn_ok("41111111a1111111"));
  EXPECT_FALSE(checks::luhn_ok(""));
}

TEST(Checks, CardIssuerPrefixes) {
  EXPECT_TRUE(checks::card_iin_ok("4111111111111111"));  // Visa 16
  EXPECT_TRUE(checks::card_iin_ok("4222222222222"));     // Visa 13
  EXPECT_TRUE(checks::card_iin_ok("5555555555554444"));  // Mastercard
  EXPECT_TRUE(checks::card_iin_ok("2223003122003222"));  // Mastercard 2-series
  EXPECT_TRUE(checks::card_iin_ok("378282246310005"));   // Amex
  EXPECT_TRUE(checks::card_iin_ok("6011111111111117"));  // Discover
  EXPECT_TRUE(checks::card_iin_ok("3530111333300000"));  // JCB
  EXPECT_TRUE(checks::card_iin_ok("30569309025904"));    // Diners
  EXPECT_FALSE(
      checks::card_iin_ok("378282246310005"
                          "0"));                          // Amex is 15 digits
  EXPECT_FALSE(checks::card_iin_ok("1234567812345670"));  // no scheme starts with 1
  EXPECT_FALSE(checks::card_iin_ok("9111111111111111"));
}

TEST(Checks, Iban) {
  for (const char* ok :
       {"DE89370400440532013000", "GB29NWBK60161331926819", "FR1420041010050500013M02606",
        "ES9121000418450200051332", "IT60X0542811101000000123456", "NL91ABNA0417164300",
        "PT50000201231234567890154", "PL61109010140000071219812874", "BE68539007547034",
        "CH9300762011623852957", "de89370400440532013000"}) {
    EXPECT_TRUE(checks::iban_ok(ok)) << ok;
  }
  EXPECT_FALSE(checks::iban_ok("DE88370400440532013000"));  // check digits
  EXPECT_FALSE(checks::iban_ok("DE8937040044053201300"));   // German IBANs have 22
  EXPECT_FALSE(checks::iban_ok("QQ89370400440532013000"));  // no such country
  EXPECT_EQ(checks::iban_length('N', 'L'), 18);
  EXPECT_EQ(checks::iban_length('U', 'S'), 0);
}

TEST(Checks, SpanishDniAndNie) {
  EXPECT_TRUE(checks::dni_ok("12345678Z"));
  EXPECT_TRUE(checks::dni_ok("12345678z"));
  EXPECT_FALSE(checks::dni_ok("12345678A"));
  EXPECT_TRUE(checks::dni_ok("X1234567L"));
  EXPECT_FALSE(checks::dni_ok("X1234567T"));
}

TEST(Checks, FrenchNir) {
  EXPECT_TRUE(checks::nir_ok("185057800608491"));
  EXPECT_FALSE(checks::nir_ok("185057800608492"));
  EXPECT_TRUE(
      checks::nir_ok("18505"
                     "2A"
                     "00608435"));  // Corsica: 2A counts as 19
  EXPECT_FALSE(
      checks::nir_ok("18505"
                     "2C"
                     "00608435"));
}

TEST(Checks, DutchBsn) {
  EXPECT_TRUE(checks::bsn_ok("111222333"));
  EXPECT_TRUE(checks::bsn_ok("123456782"));
  EXPECT_FALSE(checks::bsn_ok("123456789"));
  EXPECT_FALSE(checks::bsn_ok("000000000"));
}

TEST(Checks, CodiceFiscale) {
  EXPECT_TRUE(checks::codice_fiscale_ok("RSSMRA85T10A562S"));
  EXPECT_FALSE(checks::codice_fiscale_ok("RSSMRA85T10A562T"));
}

TEST(Checks, NinoAndSsn) {
  EXPECT_TRUE(checks::nino_ok("AB123456C"));
  EXPECT_FALSE(checks::nino_ok("AB123456E"));  // suffix A-D
  EXPECT_FALSE(checks::nino_ok("GB123456A"));  // excluded prefix
  EXPECT_FALSE(checks::nino_ok("DA123456A"));  // D is not a first letter
  EXPECT_TRUE(checks::ssn_ok("123456789"));
  EXPECT_FALSE(checks::ssn_ok("000456789"));
  EXPECT_FALSE(checks::ssn_ok("666456789"));
  EXPECT_FALSE(checks::ssn_ok("923456789"));
  EXPECT_FALSE(checks::ssn_ok("123006789"));
  EXPECT_FALSE(checks::ssn_ok("123450000"));
}

TEST(Checks, Ipv6) {
  EXPECT_TRUE(checks::ipv6_ok("2001:0db8:85a3:0000:0000:8a2e:0370:7334"));
  EXPECT_TRUE(checks::ipv6_ok("2001:db8::8a2e:370:7334"));
  EXPECT_TRUE(checks::ipv6_ok("fe80::1ff:fe23:4567:890a"));
  EXPECT_FALSE(checks::ipv6_ok("::1"));                // too little to be worth masking
  EXPECT_FALSE(checks::ipv6_ok("12:30:45"));           // a time
  EXPECT_FALSE(checks::ipv6_ok("00:1a:2b:3c:4d:5e"));  // a MAC address
  EXPECT_FALSE(checks::ipv6_ok("1::2::3"));
  EXPECT_FALSE(checks::ipv6_ok("12345::1"));
}

TEST(JsonText, DecodesStringsAndMapsOffsets) {
  detail::DecodedJson d;
  const std::string raw = R"({"a":"x\ny\u00e9","b":12})";
  ASSERT_TRUE(detail::decode_json(raw, d));
  EXPECT_EQ(d.text, "{\"a\":\"x\ny\xC3\xA9\",\"b\":12}");
  ASSERT_EQ(d.strings.size(), 3u);
  const auto [b, e] = d.strings[1];
  EXPECT_EQ(d.text.substr(b, e - b), "x\ny\xC3\xA9");
  EXPECT_EQ(raw.substr(d.raw_offset(b), d.raw_offset(e) - d.raw_offset(b)), R"(x\ny\u00e9)");
  EXPECT_EQ(d.string_of(b, e), 1);
  EXPECT_EQ(d.string_of(e + 3, e + 5), -1);  // the number 12
}

TEST(JsonText, RejectsBrokenStrings) {
  detail::DecodedJson d;
  EXPECT_FALSE(detail::decode_json(R"({"a":"unterminated)", d));
  EXPECT_FALSE(detail::decode_json(R"({"a":"bad \q escape"})", d));
  EXPECT_TRUE(detail::decode_json(R"([1, 2, "\ud83d\ude00"])", d));
  EXPECT_EQ(d.text, "[1, 2, \"\xF0\x9F\x98\x80\"]");
}

TEST(JsonText, Escapes) {
  std::string out;
  detail::append_json_escaped(out, "a\"b\\c\nd\x01");
  EXPECT_EQ(out, R"(a\"b\\c\nd\u0001)");
}

}  // namespace
}  // namespace splitpoint::privacy
