#include "ledger/replay.h"

#include <unistd.h>

#include <filesystem>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "ledger/features.h"
#include "ledger/store.h"
#include "policy/facts.h"

namespace splitpoint::ledger {
namespace {

constexpr int64_t kNow = 1'700'000'000'000;

const char* const kPrompts[] = {
    "hi",
    "Translate to French: good morning",
    "What is the capital of Peru?",
    "Write a comprehensive, detailed 2000-word analysis comparing the legal and financial risks "
    "of three merger strategies, with a step-by-step plan and a ranked recommendation.",
    "Prove that the sum of the first n odd numbers is n^2, explain each step in detail, then "
    "analyze where students usually go wrong and synthesize a teaching plan.",
    "Summarize the following documents in detail and compare their arguments. Document 1: ... "
    "Document 2: ... Document 3: ...",
};

std::string yaml(double threshold) {
  return "providers:\n"
         "  - name: home-gpu\n    tier: local\n    kind: ollama\n    base_url: http://127.0.0.1:1\n"
         "    chat_model: llama3.1:8b\n    ttft_ms: 200\n    tokens_per_sec: 40\n"
         "  - name: openai\n    tier: cloud\n    kind: openai\n    base_url: http://127.0.0.1:2/v1\n"
         "    chat_model: gpt-4o\n    ttft_ms: 400\n    tokens_per_sec: 100\n"
         "router:\n  complexity_threshold: " + std::to_string(threshold) + "\n";
}

std::shared_ptr<const config::Config> config_with(double threshold) {
  auto c = config::parse_config(yaml(threshold), "new.yaml");
  EXPECT_TRUE(c.ok()) << c.status().to_string();
  return std::make_shared<const config::Config>(*c);
}

class ReplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("sp-replay-" + std::to_string(::getpid()) + ".db")).string();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + s);
    auto store = LedgerStore::open(path_);
    ASSERT_TRUE(store.ok());
    std::vector<api::RequestRecord> rs;
    int i = 0;
    for (const char* prompt : kPrompts) {
      ChatRequest req;
      req.model = "auto";
      req.messages.push_back(Message{"user", {ContentPart{ContentPart::Kind::kText, prompt}}});
      policy::FactsOptions options;
      const policy::RequestFacts facts = policy::make_facts(req, "", "", options);
      api::RequestRecord r;
      r.unix_ms = kNow - 1000 * ++i;
      r.endpoint = "/v1/chat/completions";
      r.requested_model = "auto";
      r.tier = "local";  // everything was served locally
      r.provider = "home-gpu";
      r.model = "llama3.1:8b";
      r.http_status = 200;
      r.input_tokens = facts.input_tokens;
      r.output_tokens = 200;
      r.total_ms = 5200;
      r.cloud_cost_usd = (r.input_tokens * 2.5 + 200 * 10.0) / 1e6;
      r.features = encode_features(facts);
      rs.push_back(r);
    }
    api::RequestRecord pinned = rs[0];  // an explicit alias: its Router, not the chain
    pinned.requested_model = "cloud";
    pinned.features.clear();
    rs.push_back(pinned);
    ASSERT_TRUE((*store)->write(rs).is_ok());
  }
  Result<ReplayResult> run(double threshold) {
    auto db = Db::open(path_, true);
    EXPECT_TRUE(db.ok());
    return replay(**db, config_with(threshold), kNow - 86'400'000, kNow + 1);
  }
  void TearDown() override {
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + s);
  }
  std::string path_;
};

TEST_F(ReplayTest, RaisingTheComplexityThresholdRaisesTheForecastLocalShare) {
  auto low = run(0.0);
  auto high = run(1.0);
  ASSERT_TRUE(low.ok()) << low.status().to_string();
  ASSERT_TRUE(high.ok()) << high.status().to_string();
  EXPECT_EQ(low->requests, 7);
  EXPECT_EQ(low->actual.local, 7);  // what happened does not depend on NEW
  EXPECT_EQ(high->actual.local, 7);
  EXPECT_GT(high->forecast.local_share, low->forecast.local_share);
  EXPECT_GT(low->changed, high->changed);
  EXPECT_EQ(low->forecast.local, 0);   // threshold 0: every scored request goes to the cloud
  EXPECT_EQ(high->forecast.cloud, 1);  // only the "cloud" alias
  // Moving requests to the cloud costs money and, at 100 tok/s after 400 ms instead of the
  // recorded 5.2 s, is faster.
  EXPECT_GT(low->forecast.cost_usd, high->forecast.cost_usd);
  EXPECT_NEAR(low->forecast.p50_ms, 400 + 200 * 1000.0 / 100, 2400 * 0.03);
  EXPECT_NEAR(high->forecast.p50_ms, 5200, 5200 * 0.03);
}

TEST_F(ReplayTest, JsonAndTableCarryActualBesideForecast) {
  auto r = run(0.5);
  ASSERT_TRUE(r.ok());
  const boost::json::object o = boost::json::parse(replay_json(*r)).as_object();
  EXPECT_TRUE(o.at("actual").as_object().contains("local_share"));
  EXPECT_TRUE(o.at("forecast").as_object().contains("p95_ms"));
  const std::string table = replay_table(*r);
  EXPECT_NE(table.find("local share"), std::string::npos) << table;
  EXPECT_NE(table.find("forecast"), std::string::npos) << table;
}

TEST_F(ReplayTest, ProgressIsReportedUpToTheTotal) {
  auto db = Db::open(path_, true);
  ASSERT_TRUE(db.ok());
  int64_t last_done = -1, last_total = -1;
  auto r = replay(**db, config_with(0.5), kNow - 86'400'000, kNow + 1,
                  [&](int64_t done, int64_t total) {
                    last_done = done;
                    last_total = total;
                  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(last_total, 7);
  EXPECT_EQ(last_done, 7);
}

}  // namespace
}  // namespace splitpoint::ledger
