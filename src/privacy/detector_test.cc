#include "privacy/detector.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "privacy/detector_samples.h"

namespace splitpoint::privacy {
namespace {

using samples::kSamples;
using samples::Sample;
using Found = std::vector<std::pair<Kind, std::string>>;

const Detector& detector() {
  static const std::shared_ptr<const Detector> d = [] {
    auto r = Detector::create();
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.value();
  }();
  return *d;
}

Found scan(std::string_view text) {
  Found out;
  for (const Finding& f : detector().scan(text)) {
    out.emplace_back(f.kind, std::string(text.substr(f.begin, f.end - f.begin)));
  }
  return out;
}

// Shortens long inputs in failure messages.
std::string shown(std::string_view text) {
  return text.size() <= 200 ? std::string(text) : std::string(text.substr(0, 200)) + "...";
}

// Expects exactly one finding, of `kind`, covering `value`, wherever value sits in text.
void expect_one(Kind kind, std::string_view value, std::string_view text) {
  const Found f = scan(text);
  ASSERT_EQ(f.size(), 1u) << "in: " << shown(text);
  EXPECT_EQ(f[0].first, kind) << kind_name(f[0].first) << " in: " << shown(text);
  EXPECT_EQ(f[0].second, value) << "in: " << shown(text);
  EXPECT_TRUE(detector().contains(text)) << shown(text);
}

void expect_none(std::string_view text) {
  const Found f = scan(text);
  EXPECT_TRUE(f.empty()) << "in: " << shown(text) << "\nfound " << kind_name(f[0].first) << ": "
                         << shown(f[0].second);
  EXPECT_FALSE(detector().contains(text)) << shown(text);
}

TEST(Detector, EachKindInPlainText) {
  for (const Sample& s : kSamples) {
    expect_one(s.kind, s.value, s.value);
    expect_one(s.kind, s.value, std::string("Please note: ") + s.value + ". Thanks!");
  }
}

TEST(Detector, EachKindInJsonToolArguments) {
  for (const Sample& s : kSamples) {
    expect_one(s.kind, s.value, std::string(R"({"note":"value )") + s.value + R"(","n":2})");
    expect_one(s.kind, s.value, std::string(R"({"value":")") + s.value + R"("})");
  }
}

TEST(Detector, KindsInGermanFrenchPolishSentences) {
  expect_one(Kind::kIban, "DE89 3704 0044 0532 0130 00",
             "Bitte überweisen Sie den Betrag auf das Konto DE89 3704 0044 0532 0130 00 bis "
             "zum 15.03.2024.");
  expect_one(Kind::kPhone, "030 12345678", "Rufen Sie mich unter 030 12345678 an, danke.");
  expect_one(Kind::kEmail, "marie.dupont@exemple.fr",
             "Écrivez-moi à marie.dupont@exemple.fr, s'il vous plaît.");
  expect_one(Kind::kPhone, "06 12 34 56 78", "Mon numéro est le 06 12 34 56 78 (portable).");
  expect_one(Kind::kNationalId, "1 85 05 78 006 084 91",
             "Numéro de sécurité sociale : 1 85 05 78 006 084 91.");
  expect_one(Kind::kPhone, "+48 512 345 678", "Proszę zadzwonić pod numer +48 512 345 678.");
  expect_one(Kind::kIban, "PL61 1090 1014 0000 0712 1981 2874",
             "Numer rachunku: PL61 1090 1014 0000 0712 1981 2874, tytuł: faktura.");
}

TEST(Detector, ValuesSplitByWhitespaceInsideTheirGroups) {
  expect_one(Kind::kIban, "DE89 3704 0044\n0532 0130 00", "IBAN DE89 3704 0044\n0532 0130 00 ok");
  expect_one(Kind::kIban, "DE89  3704  0044  0532  0130  00", "DE89  3704  0044  0532  0130  00");
  expect_one(Kind::kIban,
             "DE89\xC2\xA0"
             "3704\xC2\xA0"
             "0044\xC2\xA0"
             "0532\xC2\xA0"
             "0130\xC2\xA0"
             "00",
             "DE89\xC2\xA0"
             "3704\xC2\xA0"
             "0044\xC2\xA0"
             "0532\xC2\xA0"
             "0130\xC2\xA0"
             "00");
  expect_one(Kind::kCard, "4111 1111\n1111 1111", "card: 4111 1111\n1111 1111.");
  expect_one(Kind::kCard, "4111\t1111\t1111\t1111", "4111\t1111\t1111\t1111");
  expect_one(Kind::kPhone, "+49 30 123 456 78", "Tel. +49 30 123 456 78");
  expect_one(Kind::kPhone,
             "+33\xE2\x80\xAF"
             "1\xE2\x80\xAF"
             "23\xE2\x80\xAF"
             "45\xE2\x80\xAF"
             "67\xE2\x80\xAF"
             "89",
             "tél. +33\xE2\x80\xAF"
             "1\xE2\x80\xAF"
             "23\xE2\x80\xAF"
             "45\xE2\x80\xAF"
             "67\xE2\x80\xAF"
             "89");
}

TEST(Detector, ChecksumFailuresAreNotFound) {
  expect_none("card 4111 1111 1111 1112 here");  // wrong Luhn
  expect_none("card 4111111111111112 here");
  expect_none("IBAN DE88 3704 0044 0532 0130 00");  // wrong check digits
  expect_none("IBAN DE88370400440532013000");
  expect_none("DNI 12345678A");  // wrong letter
  expect_none("NIE X1234567T");
  expect_none("NIR 1 85 05 78 006 084 92");  // wrong key
  expect_none("CF RSSMRA85T10A562T");        // wrong check character
  expect_none("BSN 123456789");              // fails the 11-proof
  expect_none("SSN 666-12-3456, 000-12-3456, 912-12-3456");
  expect_none("NINO GB 12 34 56 A");        // excluded prefix
  expect_none("card 1234 5678 9012 3456");  // Luhn fails and no scheme
}

TEST(Detector, FalsePositivesAvoided) {
  for (const char* text : {
           "Price: 1.299,00 EUR incl. VAT",
           "Due 2024-03-15, signed 15.03.2024 at 12:30, valid until 31/12/2025",
           "Invoice INV-2024-000123 and ticket SR-000481516",
           "In 2024 we sold 48 000,00 PLN and 12 500 EUR; 750 000 000 EUR total",
           "Version 1.2.3 and build 4.2.1-rc1; see section 12.3 and Art. 6 Abs. 1",
           "ISBN 978-3-16-148410-0; order 12345678; page 123 of 456",
           "Temperature +20.5 degrees; growth +1.5%; 3.14159",
           "Time 10:30:45, MAC 00:1a:2b:3c:4d:5e, C++ std::vector<int>",
           "Bearer authentication-schemes-are-described",
           "The task-abcdefghijklmnopqrstuvwxyz0123 is done",
           "Amount 912.345.678 EUR and 1.234.567",
           "Aktenzeichen 0171-2024/12 vom 01.02.2024 10 Uhr",
           "BSN: not given; plain number 111222333",
       }) {
    expect_none(text);
  }
}

TEST(Detector, DottedQuadWithOctetsUpTo255IsAnIp) {
  // Decision: a dotted quad whose octets are all <= 255 is an IP address, even if it was meant as
  // a version number; one with an octet > 255 or a fifth component is not.
  expect_one(Kind::kIpAddress, "1.2.3.4", "version 1.2.3.4");
  expect_none("version 1.2.3.400");
  expect_none("version 1.2.3.4.5");
  expect_none("v1.2.3.4 and 01.02.03.04");
}

TEST(Detector, KeywordedAndPrefixedSecrets) {
  expect_one(Kind::kNationalId, "111222333", "BSN: 111222333");
  expect_one(Kind::kNationalId, "123456782", "burgerservicenummer 123456782");
  expect_one(Kind::kNationalId, "123456782", R"({"bsn": "123456782"})");
  expect_one(Kind::kSecret, "abcdef0123456789abcdef",
             "Authorization: Bearer abcdef0123456789abcdef");
  expect_one(Kind::kSecret, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
             "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  expect_one(Kind::kSecret, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
             R"({"aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"})");
}

TEST(Detector, PrivateKeyBlocks) {
  const std::string key =
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7V1x\nq3Zk+9/abc=\n"
      "-----END RSA PRIVATE KEY-----";
  expect_one(Kind::kSecret, key, "key:\n" + key + "\nend");
  const std::string two =
      key + "\n\n" + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----";
  EXPECT_EQ(scan(two).size(), 2u);
  // Truncated: masked to the end of the base64 body.
  expect_one(Kind::kSecret, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n",
             "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n");
}

TEST(Detector, OverlapsKeepTheLongestInTextOrder) {
  // The IBAN contains a run that alone would look like a phone number.
  const Found f = scan("IBAN DE89 3704 0044 0532 0130 00, call 030 12345678 or mail a@b.de");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].first, Kind::kIban);
  EXPECT_EQ(f[1].first, Kind::kPhone);
  EXPECT_EQ(f[2].first, Kind::kEmail);
  // "Bearer <JWT>": one finding, not two.
  const Found g = scan("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].first, Kind::kSecret);
}

TEST(Detector, LongInputsStayLinear) {
  // Hyperscan reports every end of an unbounded token; each must not re-walk the token.
  const std::string token = "sk-" + std::string(200000, 'a');
  expect_one(Kind::kSecret, token, "key " + token + " end");
  const std::string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ" + std::string(200000, 'b') + ".sig";
  expect_one(Kind::kSecret, jwt, jwt);
  expect_none(std::string(200000, '7'));  // one digit run: no format
  std::string groups;
  for (int i = 0; i < 20000; ++i) groups += "12 ";  // one long cluster of groups
  expect_none(groups);
  std::string mails;
  for (int i = 0; i < 2000; ++i) mails += "user" + std::to_string(i) + "@example.org, ";
  EXPECT_EQ(scan(mails).size(), 2000u);
}

TEST(Detector, EmptyAndBinaryInput) {
  expect_none("");
  const std::string binary("\x00\xff\xfe\x80 1234 \x00", 10);
  EXPECT_TRUE(scan(binary).empty());
}

TEST(Detector, ThreadsShareOneDetector) {
  const std::string text = "mail a@b.de, card 4111 1111 1111 1111, IBAN DE89370400440532013000";
  std::vector<std::thread> threads;
  std::vector<int> counts(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) counts[t] += static_cast<int>(detector().scan(text).size());
    });
  }
  for (auto& th : threads) th.join();
  for (int c : counts) EXPECT_EQ(c, 600);
}

TEST(Detector, SeveralDetectorsOnOneThread) {
  auto a = Detector::create();
  auto b = Detector::create();
  ASSERT_TRUE(a.ok() && b.ok());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*a)->scan("a@b.de").size(), 1u);
    EXPECT_EQ((*b)->scan("c@d.de and e@f.de").size(), 2u);
  }
  a = Status::internal("dropped");  // the first detector goes away; the second still works
  EXPECT_EQ((*b)->scan("c@d.de").size(), 1u);
}

TEST(Detector, KindNames) {
  EXPECT_STREQ(kind_name(Kind::kEmail), "email");
  EXPECT_STREQ(kind_name(Kind::kNationalId), "national_id");
  EXPECT_STREQ(kind_name(Kind::kIpAddress), "ip");
  EXPECT_STREQ(kind_name(Kind::kSecret), "secret");
}

}  // namespace
}  // namespace splitpoint::privacy
