#include "metrics/live_stats.h"

#include <gtest/gtest.h>

#include <thread>

#include "metrics/reason_kind.h"

namespace splitpoint::metrics {
namespace {

constexpr int64_t kT0 = 1'700'000'000'000 / 60000 * 60000;  // a minute boundary

api::RequestRecord rec(int64_t at_ms, std::string tier, double ms, int status = 200) {
  api::RequestRecord r;
  r.unix_ms = at_ms;
  r.door = "ollama";
  r.requested_model = "auto";
  r.tier = tier;
  r.provider = tier == "local" ? "ollama" : "openai";
  r.http_status = status;
  r.total_ms = ms;
  r.cost_usd = tier == "local" ? 0.001 : 0.01;
  r.cloud_cost_usd = 0.01;
  return r;
}

TEST(LiveStats, CountsByLabelsAndIgnoresRequestsWithoutADoor) {
  LiveStats stats(kT0);
  stats.record(rec(kT0, "local", 10));
  stats.record(rec(kT0, "local", 20));
  stats.record(rec(kT0, "cloud", 900, 502));
  api::RequestRecord health;
  health.endpoint = "/healthz";
  stats.record(health);
  const Snapshot s = stats.snapshot(kT0 + 1000);
  uint64_t total = 0;
  for (const auto& [k, n] : s.totals.requests) total += n;
  EXPECT_EQ(total, 3u);
  EXPECT_EQ((s.totals.requests.at({"local", "ollama", "ollama", "200"})), 2u);
  EXPECT_EQ((s.totals.requests.at({"cloud", "openai", "ollama", "502"})), 1u);
  EXPECT_DOUBLE_EQ((s.totals.cost.at({"local", "ollama"}).cost_usd), 0.002);
  EXPECT_EQ(s.started_ms, kT0);
}

TEST(LiveStats, LatestDecisionsNewestFirstAndBounded) {
  LiveStats stats(kT0);
  for (int i = 0; i < 120; ++i) {
    auto r = rec(kT0 + i, "local", i);
    r.reasons = {"default: local tier"};
    stats.record(r);
  }
  const Snapshot s = stats.snapshot(kT0 + 1000);
  ASSERT_EQ(s.latest.size(), LiveStats::kLatest);
  EXPECT_EQ(s.latest.front().unix_ms, kT0 + 119);
  EXPECT_EQ(s.latest.back().unix_ms, kT0 + 70);
  EXPECT_EQ(s.latest.front().reasons, std::vector<std::string>{"default: local tier"});
}

TEST(LiveStats, MinuteSeriesFillsGapsAndDropsOldMinutes) {
  LiveStats stats(kT0);
  stats.record(rec(kT0 - 3 * 60000, "local", 10));  // outside a 3-minute window
  stats.record(rec(kT0 - 2 * 60000, "local", 10));
  stats.record(rec(kT0 - 2 * 60000 + 5, "cloud", 10));
  stats.record(rec(kT0 + 59'000, "local", 10));
  const Snapshot s = stats.snapshot(kT0 + 59'500, 3);
  ASSERT_EQ(s.minutes.size(), 3u);
  EXPECT_EQ(s.minutes[0].minute, kT0 / 60000 - 2);
  EXPECT_EQ(s.minutes[0].requests, 2u);
  EXPECT_EQ(s.minutes[0].local, 1u);
  EXPECT_EQ(s.minutes[0].cloud, 1u);
  EXPECT_EQ(s.minutes[1].requests, 0u);
  EXPECT_EQ(s.minutes[2].requests, 1u);
  EXPECT_DOUBLE_EQ(s.minutes[0].cloud_cost_usd, 0.02);
}

TEST(LiveStats, ConcurrentRecordersLoseNothing) {
  LiveStats stats(kT0);
  constexpr int kThreads = 4, kEach = 5000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&stats] {
      for (int i = 0; i < kEach; ++i) stats.record(rec(kT0 + i % 1000, i % 3 ? "local" : "cloud", 5));
    });
  }
  // A reader scraping meanwhile must see consistent, growing totals.
  uint64_t seen = 0;
  for (int i = 0; i < 50; ++i) {
    uint64_t n = 0;
    for (const auto& [k, c] : stats.snapshot(kT0 + 1000).totals.requests) n += c;
    EXPECT_GE(n, seen);
    seen = n;
  }
  for (auto& t : threads) t.join();
  const Snapshot s = stats.snapshot(kT0 + 1000);
  uint64_t n = 0;
  for (const auto& [k, c] : s.totals.requests) n += c;
  EXPECT_EQ(n, static_cast<uint64_t>(kThreads * kEach));
  EXPECT_EQ(s.minutes.back().requests, static_cast<uint64_t>(kThreads * kEach));
  EXPECT_EQ(s.latest.size(), LiveStats::kLatest);
}

TEST(LiveStats, AllocatesAShardPerRecordingThreadOnly) {
  LiveStats stats(kT0);
  EXPECT_EQ(stats.shards_in_use(), 0u);
  EXPECT_TRUE(stats.snapshot(kT0).latest.empty());  // a snapshot of no shard is empty
  stats.record(rec(kT0, "local", 1));
  stats.record(rec(kT0, "local", 1));
  EXPECT_EQ(stats.shards_in_use(), 1u);
}

TEST(LiveStats, MoreThreadsThanShardsShareThemAndLoseNothing) {
  LiveStats stats(kT0);
  const int threads_n = static_cast<int>(LiveStats::kShards) + 8;
  constexpr int kEach = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < threads_n; ++t) {
    threads.emplace_back([&stats] {
      for (int i = 0; i < kEach; ++i) stats.record(rec(kT0 + i, "local", 5));
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(stats.shards_in_use(), LiveStats::kShards);
  uint64_t n = 0;
  for (const auto& [k, c] : stats.snapshot(kT0 + 1000).totals.requests) n += c;
  EXPECT_EQ(n, static_cast<uint64_t>(threads_n * kEach));
}

TEST(Histogram, QuantilesInterpolateInsideBuckets) {
  Histogram h;
  EXPECT_EQ(h.quantile(0.5), 0);
  for (int i = 0; i < 10; ++i) h.add(0.3);  // bucket (0.25, 0.5]
  EXPECT_NEAR(h.quantile(0.5), 0.375, 1e-12);
  EXPECT_LE(h.quantile(0.95), 0.5);
  h.add(1000);  // +Inf bucket reports the last bound
  EXPECT_EQ(h.quantile(1.0), kLatencyBounds.back());
  EXPECT_EQ(h.count, 11u);
}

TEST(ReasonKind, BoundedKindsFromTheRoutersReasons) {
  EXPECT_EQ(reason_kind("complexity: 0.81 > 0.50 -> cloud"), "complexity");
  EXPECT_EQ(reason_kind("privacy: 1 email -> masked before the cloud"), "privacy");
  EXPECT_EQ(reason_kind("pinned by X-Splitpoint-Tier: local"), "pin");
  EXPECT_EQ(reason_kind("task 'summarize' -> local"), "task");
  EXPECT_EQ(reason_kind("model alias 'local' selects the local tier"), "alias");
  EXPECT_EQ(reason_kind("model 'gpt-4o' is served by provider 'openai'"), "model");
  EXPECT_EQ(reason_kind("local tier unavailable -> cloud"), "tier");
  EXPECT_EQ(reason_kind("default: local tier"), "default");
  EXPECT_EQ(reason_kind("auto: text-only request"), "auto");
  EXPECT_EQ(reason_kind("Something \"new\"\n"), "other");
  EXPECT_EQ(reason_kind(""), "other");
}

}  // namespace
}  // namespace splitpoint::metrics
