// The database compiled at build time (hsdb.h): it is the one normally loaded, it matches what
// compiling at run time gives, and a database that cannot be used falls back to compiling.
#include "privacy/hsdb.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "privacy/detector_samples.h"

namespace splitpoint::privacy::detail {
namespace {

using Match = std::tuple<unsigned, unsigned long long, unsigned long long>;  // id, from, to

// Texts covering every pattern: each sample alone, in a sentence and in JSON, plus near misses.
std::vector<std::string> texts() {
  std::vector<std::string> out;
  std::string all;
  for (const samples::Sample& s : samples::kSamples) {
    out.emplace_back(s.value);
    out.push_back(std::string("Please note: ") + s.value + ". Thanks!");
    out.push_back(std::string(R"({"value":")") + s.value + R"("})");
    all += std::string(s.value) + " and ";
  }
  for (const char* t : {"Authorization: Bearer abcdef0123456789abcdef", "BSN: 111222333",
                        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7V1x\n-----END RSA "
                        "PRIVATE KEY-----",
                        "card 4111 1111 1111 1112, IBAN DE88 3704 0044 0532 0130 00",
                        "Time 10:30:45, MAC 00:1a:2b:3c:4d:5e, C++ std::vector<int>",
                        "The task-abcdefghijklmnopqrstuvwxyz0123 is done", "", "plain text"}) {
    out.emplace_back(t);
  }
  out.push_back(all);
  return out;
}

// Every raw Hyperscan match of db over text, sorted.
std::vector<Match> raw_matches(const hs_database_t* db, const std::string& text) {
  hs_scratch_t* scratch = nullptr;
  EXPECT_EQ(hs_alloc_scratch(db, &scratch), HS_SUCCESS);
  std::vector<Match> out;
  auto on_match = [](unsigned id, unsigned long long from, unsigned long long to, unsigned,
                     void* ctx) {
    static_cast<std::vector<Match>*>(ctx)->emplace_back(id, from, to);
    return 0;
  };
  EXPECT_EQ(
      hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_match, &out),
      HS_SUCCESS);
  hs_free_scratch(scratch);
  std::sort(out.begin(), out.end());
  return out;
}

std::shared_ptr<const Detector> make(const SerializedDb& db, DbSource expected) {
  DbSource source{};
  auto r = create_detector(db, &source);
  EXPECT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(source, expected);
  return r.ok() ? r.value() : nullptr;
}

// Expects d to find every sample (the detector works whichever way its database came).
void expect_detects(const Detector& d) {
  for (const samples::Sample& s : samples::kSamples) {
    const auto f = d.scan(std::string("Please note: ") + s.value + ". Thanks!");
    ASSERT_EQ(f.size(), 1u) << s.value;
    EXPECT_EQ(f[0].kind, s.kind) << s.value;
  }
}

TEST(Hsdb, EmbeddedDatabaseIsTheOneNormallyLoaded) {
  const SerializedDb db = embedded_db();
  ASSERT_FALSE(db.bytes.empty());
  EXPECT_EQ(db.fingerprint, fingerprint(patterns()));
  make(db, DbSource::kDeserialized);
  const std::uint64_t before = run_time_compiles();
  auto r = Detector::create();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(run_time_compiles(), before) << "Detector::create() compiled the patterns";
}

TEST(Hsdb, EmbeddedMatchesRunTimeCompiledRawMatches) {
  const SerializedDb db = embedded_db();
  hs_database_t* loaded = nullptr;
  ASSERT_EQ(hs_deserialize_database(reinterpret_cast<const char*>(db.bytes.data()), db.bytes.size(),
                                    &loaded),
            HS_SUCCESS);
  std::string error;
  hs_database_t* compiled = compile_patterns(patterns(), &error);
  ASSERT_NE(compiled, nullptr) << error;
  std::size_t total = 0;
  for (const std::string& t : texts()) {
    const std::vector<Match> want = raw_matches(compiled, t);
    EXPECT_EQ(raw_matches(loaded, t), want) << t;
    total += want.size();
  }
  EXPECT_GT(total, 100u);  // the texts do exercise the patterns
  hs_free_database(loaded);
  hs_free_database(compiled);
}

TEST(Hsdb, EmbeddedAndCompiledDetectorsFindTheSame) {
  auto embedded = make(embedded_db(), DbSource::kDeserialized);
  auto compiled = make(SerializedDb{}, DbSource::kCompiled);
  ASSERT_TRUE(embedded && compiled);
  for (const std::string& t : texts()) {
    const auto a = embedded->scan(t), b = compiled->scan(t);
    ASSERT_EQ(a.size(), b.size()) << t;
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].kind, b[i].kind) << t;
      EXPECT_EQ(a[i].begin, b[i].begin) << t;
      EXPECT_EQ(a[i].end, b[i].end) << t;
    }
    EXPECT_EQ(embedded->contains(t), compiled->contains(t)) << t;
  }
  expect_detects(*embedded);
}

TEST(Hsdb, UnusableDatabasesFallBackToCompiling) {
  const SerializedDb good = embedded_db();
  const std::vector<unsigned char> bytes(good.bytes.begin(), good.bytes.end());
  std::vector<unsigned char> version = bytes;  // as if written by another libhs version
  version[6] ^= 0x01;
  std::vector<unsigned char> corrupt = bytes;  // a flipped byte in the bytecode
  corrupt[corrupt.size() / 2] ^= 0x5a;
  const std::vector<unsigned char> truncated(bytes.begin(), bytes.begin() + bytes.size() / 2);
  const std::vector<unsigned char> garbage(4096, 0xdb);
  const std::uint64_t fp = good.fingerprint;
  const std::uint64_t compiles = run_time_compiles();
  for (const SerializedDb& db :
       {SerializedDb{version, fp}, SerializedDb{corrupt, fp}, SerializedDb{truncated, fp},
        SerializedDb{garbage, fp}, SerializedDb{good.bytes, fp + 1},  // other patterns
        SerializedDb{}}) {
    auto d = make(db, DbSource::kCompiled);
    ASSERT_TRUE(d);
    expect_detects(*d);
  }
  EXPECT_EQ(run_time_compiles(), compiles + 6);
}

TEST(Hsdb, FingerprintCoversExpressionsFlagsAndOrder) {
  const std::vector<Pattern> base(patterns().begin(), patterns().end());
  const std::uint64_t fp = fingerprint(base);
  std::vector<Pattern> p = base;
  p[0].flags ^= HS_FLAG_CASELESS;
  EXPECT_NE(fingerprint(p), fp);
  p = base;
  p[1].expression = "\\+[1-9]";
  EXPECT_NE(fingerprint(p), fp);
  p = base;
  std::swap(p[0], p[1]);
  EXPECT_NE(fingerprint(p), fp);
  p = base;
  p.pop_back();
  EXPECT_NE(fingerprint(p), fp);
  p = base;
  p[0].priority += 1;  // not part of the database: same fingerprint
  EXPECT_EQ(fingerprint(p), fp);
}

}  // namespace
}  // namespace splitpoint::privacy::detail
