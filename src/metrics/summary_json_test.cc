#include "metrics/summary_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "metrics/live_stats.h"

namespace splitpoint::metrics {
namespace {
namespace json = boost::json;

constexpr int64_t kT0 = 1'700'000'000'000 / 60000 * 60000;

api::RequestRecord rec(std::string tier, double ms, int status, double cost, double cloud_cost) {
  api::RequestRecord r;
  r.unix_ms = kT0 + 1000;
  r.door = "openai";
  r.requested_model = "auto";
  r.tier = tier;
  r.provider = tier.empty() ? "" : tier + "-p";
  r.http_status = status;
  r.total_ms = ms;
  r.cost_usd = cost;
  r.cloud_cost_usd = cloud_cost;
  r.input_tokens = 3;
  r.output_tokens = 4;
  return r;
}

TEST(SummaryJson, TotalsTiersProvidersAndSeries) {
  LiveStats stats(kT0);
  for (int i = 0; i < 3; ++i) stats.record(rec("local", 300, 200, 0.001, 0.01));
  stats.record(rec("cloud", 2000, 200, 0.01, 0.01));
  stats.record(rec("", 1, 400, 0, 0));  // refused before routing
  const std::vector<ProviderState> providers{
      {"local-p", "local", true, "closed", false, {"llama3.1:8b", "all-minilm"}},
      {"cloud-p", "cloud", false, "half_open", true}};
  const auto j = json::parse(summary_json(stats.snapshot(kT0 + 61'000, 5), providers)).as_object();

  const auto& t = j.at("totals").as_object();
  EXPECT_EQ(t.at("requests").to_number<int>(), 5);
  EXPECT_EQ(t.at("local").to_number<int>(), 3);
  EXPECT_EQ(t.at("cloud").to_number<int>(), 1);
  EXPECT_EQ(t.at("errors").to_number<int>(), 1);
  EXPECT_DOUBLE_EQ(t.at("local_share").to_number<double>(), 0.75);
  EXPECT_NEAR(t.at("cost_usd").to_number<double>(), 0.013, 1e-12);
  EXPECT_NEAR(t.at("savings_usd").to_number<double>(), 0.04 - 0.013, 1e-12);
  EXPECT_EQ(t.at("input_tokens").to_number<int>(), 12);  // tokens of routed requests only

  const auto& local = j.at("tiers").at("local").as_object();
  EXPECT_EQ(local.at("requests").to_number<int>(), 3);
  EXPECT_GT(local.at("p50_ms").to_number<double>(), 250);
  EXPECT_LE(local.at("p95_ms").to_number<double>(), 500);
  EXPECT_NEAR(local.at("mean_ms").to_number<double>(), 300, 1e-9);

  const auto& ps = j.at("providers").as_array();
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0].at("requests").to_number<int>(), 3);
  EXPECT_EQ(ps[0].at("circuit").as_string(), "closed");
  EXPECT_EQ(ps[1].at("circuit").as_string(), "half_open");
  EXPECT_FALSE(ps[0].at("held").as_bool());
  EXPECT_TRUE(ps[1].at("held").as_bool());
  EXPECT_FALSE(ps[1].at("healthy").as_bool());
  ASSERT_EQ(ps[0].at("loaded_models").as_array().size(), 2u);
  EXPECT_EQ(ps[0].at("loaded_models").at(1).as_string(), "all-minilm");
  EXPECT_TRUE(ps[1].at("loaded_models").as_array().empty());

  const auto& series = j.at("series").as_array();
  ASSERT_EQ(series.size(), 5u);
  const auto& minute = series[3].as_object();  // kT0's minute; the last one is kT0 + 1 min
  EXPECT_EQ(minute.at("unix_ms").to_number<int64_t>(), kT0);
  EXPECT_EQ(minute.at("requests").to_number<int>(), 5);
  EXPECT_DOUBLE_EQ(minute.at("local_share").to_number<double>(), 0.75);
  EXPECT_EQ(series[4].at("requests").to_number<int>(), 0);
  EXPECT_EQ(j.at("latest").as_array().size(), 5u);
}

}  // namespace
}  // namespace splitpoint::metrics
