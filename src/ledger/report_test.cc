#include "ledger/report.h"

#include <unistd.h>

#include <filesystem>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "ledger/store.h"

namespace splitpoint::ledger {
namespace {

constexpr int64_t kNow = 1'700'000'000'000;  // a fixed "now" on a minute boundary + 20 s
constexpr int64_t kHour = 3'600'000;

api::RequestRecord rec(const char* tier, double total_ms, int64_t ago_ms) {
  api::RequestRecord r;
  r.unix_ms = kNow - ago_ms;
  r.tier = tier;
  r.provider = tier;
  r.http_status = 200;
  r.total_ms = total_ms;
  r.input_tokens = 100;
  r.output_tokens = 20;
  r.cost_usd = std::string_view(tier) == "cloud" ? 0.01 : 0.001;
  r.cloud_cost_usd = 0.01;
  return r;
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("sp-report-" + std::to_string(::getpid()) + ".db")).string();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + s);
    auto store = LedgerStore::open(path_);
    ASSERT_TRUE(store.ok());
    std::vector<api::RequestRecord> rs;
    for (int i = 0; i < 20; ++i) rs.push_back(rec("local", 100 + i, i * kHour / 2));  // 100..119
    for (int i = 0; i < 10; ++i) rs.push_back(rec("cloud", 1000, kHour));
    rs[0].task = "summarize";
    rs[1].task = "summarize";
    rs[20].fallbacks = {"home-gpu", "other"};
    rs[21].redactions = 3;
    api::RequestRecord refused = rec("", 2, 0);
    refused.http_status = 404;
    refused.provider = "";
    refused.cost_usd = refused.cloud_cost_usd = 0;
    rs.push_back(refused);
    api::RequestRecord cut = rec("cloud", 500, 0);
    cut.error = "upstream closed mid-stream";
    rs.push_back(cut);
    for (int i = 0; i < 5; ++i) rs.push_back(rec("local", 5, 48 * kHour));  // outside 24 h
    ASSERT_TRUE((*store)->write(rs).is_ok());
  }
  void TearDown() override {
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + s);
  }
  std::string path_;
};

TEST_F(ReportTest, TotalsSharesCostsAndPercentilesOverTheWindow) {
  auto db = Db::open(path_, true);
  ASSERT_TRUE(db.ok());
  auto r = build_report(**db, kNow - 24 * kHour, kNow);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->requests, 32);
  EXPECT_EQ(r->local, 20);
  EXPECT_EQ(r->cloud, 11);
  EXPECT_NEAR(r->local_share, 20.0 / 31, 1e-12);
  EXPECT_NEAR(r->cost_usd, 20 * 0.001 + 11 * 0.01, 1e-9);
  EXPECT_NEAR(r->cloud_cost_usd, 31 * 0.01, 1e-9);
  EXPECT_NEAR(r->savings_usd, 31 * 0.01 - (20 * 0.001 + 11 * 0.01), 1e-9);
  EXPECT_EQ(r->fallback_requests, 1);
  EXPECT_EQ(r->fallbacks, 2);
  EXPECT_EQ(r->redaction_requests, 1);
  EXPECT_EQ(r->redactions, 3);
  EXPECT_EQ(r->errors, 2);
  EXPECT_EQ(r->errors_by_status.at(404), 1);
  EXPECT_EQ(r->mid_stream_errors, 1);
  // local latencies are 100..119 ms: p50 ~ 109.5, within the histogram's 2.5%.
  EXPECT_NEAR(r->tiers.at("local").p50_ms, 109.5, 109.5 * 0.03);
  EXPECT_NEAR(r->tiers.at("cloud").p95_ms, 1000, 1000 * 0.03);
  EXPECT_EQ(r->tiers.at("none").requests, 1);
  EXPECT_EQ(r->tasks.at("summarize").requests, 2);
  EXPECT_EQ(r->tasks.at("none").requests, 30);
}

TEST_F(ReportTest, JsonIsTheDocumentedStableObjectAndTheTableIsReadable) {
  auto db = Db::open(path_, true);
  ASSERT_TRUE(db.ok());
  auto r = build_report(**db, kNow - 24 * kHour, kNow);
  ASSERT_TRUE(r.ok());
  const boost::json::object o = boost::json::parse(report_json(*r)).as_object();
  for (const char* key : {"version", "since_ms", "until_ms", "requests", "local", "cloud",
                          "local_share", "cost_usd", "cloud_cost_usd", "savings_usd",
                          "input_tokens", "output_tokens", "tiers", "tasks", "fallbacks",
                          "errors", "redactions"}) {
    EXPECT_TRUE(o.contains(key)) << key;
  }
  EXPECT_EQ(o.at("errors").at("by_status").at("404").as_int64(), 1);
  EXPECT_EQ(o.at("tiers").at("local").at("requests").as_int64(), 20);
  const std::string table = report_table(*r);
  EXPECT_NE(table.find("local share 64.5%"), std::string::npos) << table;
  EXPECT_NE(table.find("summarize"), std::string::npos) << table;
}

TEST_F(ReportTest, AWindowWithNothingInItIsAllZeros) {
  auto db = Db::open(path_, true);
  ASSERT_TRUE(db.ok());
  auto r = build_report(**db, kNow + kHour, kNow + 2 * kHour);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->requests, 0);
  EXPECT_EQ(r->local_share, 0);
}

TEST(Durations, ParseUnitsAndRefuseGarbage) {
  EXPECT_EQ(*parse_duration_ms("24h"), 24 * kHour);
  EXPECT_EQ(*parse_duration_ms("7d"), 7 * 24 * kHour);
  EXPECT_EQ(*parse_duration_ms("90m"), 90 * 60'000);
  EXPECT_FALSE(parse_duration_ms("24").ok());
  EXPECT_FALSE(parse_duration_ms("-1h").ok());
  EXPECT_FALSE(parse_duration_ms("h").ok());
}

TEST(Report, AFileThatIsNotALedgerIsAClearError) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("sp-notledger-" + std::to_string(::getpid()) + ".db")).string();
  std::filesystem::remove(path);
  auto db = Db::open(path, false);
  ASSERT_TRUE(db.ok());
  auto r = build_report(**db, 0, kNow);
  db->reset();
  std::filesystem::remove(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a splitpoint ledger"), std::string::npos);
}

}  // namespace
}  // namespace splitpoint::ledger
