// The latency tracker (EWMA math, seeds, threads) and the latency policy.
#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "policy/latency_policy.h"
#include "policy/latency_tracker.h"
#include "policy/testing.h"

namespace splitpoint::policy {
namespace {

using testing::two_tiers;

std::vector<ProviderDescriptor> descriptors() {
  ProviderDescriptor local;
  local.name = "ollama";
  local.tier = Tier::kLocal;
  ProviderDescriptor cloud;
  cloud.name = "openai";
  cloud.tier = Tier::kCloud;
  cloud.ttft_ms = 400;
  cloud.tokens_per_sec = 90;
  return {local, cloud};
}

TEST(LatencyTracker, SeedsFromDescriptorsOrDefaults) {
  LatencyTracker t(descriptors());
  ASSERT_EQ(t.size(), 2u);
  LatencyEstimate local = t.estimate(0);
  EXPECT_DOUBLE_EQ(local.ttft_ms, 500);
  EXPECT_DOUBLE_EQ(local.tokens_per_sec, 20);
  EXPECT_EQ(local.samples, 0);
  LatencyEstimate cloud = t.estimate(1);
  EXPECT_DOUBLE_EQ(cloud.ttft_ms, 400);
  EXPECT_DOUBLE_EQ(cloud.tokens_per_sec, 90);
  ProviderDescriptor unknown_cloud;
  unknown_cloud.tier = Tier::kCloud;
  EXPECT_DOUBLE_EQ(LatencyTracker::seed(unknown_cloud).tokens_per_sec, 80);
  EXPECT_DOUBLE_EQ(t.estimate(7).ttft_ms, 0);  // out of range
}

TEST(LatencyTracker, EwmaUpdateMath) {
  LatencyTracker t(descriptors(), 0.25);
  // ttft: 500 + 0.25 * (900 - 500) = 600; tok/s: 100 tokens in 2 s = 50; 20 + 0.25 * 30 = 27.5
  t.observe(0, 900, 100, 2000);
  LatencyEstimate e = t.estimate(0);
  EXPECT_DOUBLE_EQ(e.ttft_ms, 600);
  EXPECT_DOUBLE_EQ(e.tokens_per_sec, 27.5);
  EXPECT_EQ(e.samples, 1);
  // second: 600 + 0.25 * (200 - 600) = 500; 27.5 + 0.25 * (10 - 27.5) = 23.125
  t.observe(0, 200, 40, 4000);
  e = t.estimate(0);
  EXPECT_DOUBLE_EQ(e.ttft_ms, 500);
  EXPECT_DOUBLE_EQ(e.tokens_per_sec, 23.125);
  EXPECT_EQ(e.samples, 2);
  EXPECT_DOUBLE_EQ(t.estimate(1).ttft_ms, 400);  // others untouched
}

TEST(LatencyTracker, IgnoresUnmeasuredAndTooShortObservations) {
  LatencyTracker t(descriptors(), 0.5);
  t.observe(0, 0, 3, 100);   // no ttft; 3 tokens is below kMinDecodeTokens
  t.observe(0, -5, 100, 0);  // no decode time
  t.observe(0, std::nan(""), 100, -1);
  t.observe(9, 100, 100, 100);  // out of range
  LatencyEstimate e = t.estimate(0);
  EXPECT_DOUBLE_EQ(e.ttft_ms, 500);
  EXPECT_DOUBLE_EQ(e.tokens_per_sec, 20);
  EXPECT_EQ(e.samples, 0);
  t.observe(0, 0, 100, 1000);  // decode only: 100 tok/s
  EXPECT_DOUBLE_EQ(t.estimate(0).tokens_per_sec, 60);
  EXPECT_DOUBLE_EQ(t.estimate(0).ttft_ms, 500);
}

TEST(LatencyTracker, ConcurrentObserversConvergeToTheCommonValue) {
  LatencyTracker t(descriptors(), 0.1);
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&t] {
      for (int i = 0; i < 2000; ++i) t.observe(0, 1000, 300, 10000);  // 30 tok/s
    });
  }
  for (auto& th : threads) th.join();
  LatencyEstimate e = t.estimate(0);
  EXPECT_EQ(e.samples, 8000);
  EXPECT_NEAR(e.ttft_ms, 1000, 1e-6);
  EXPECT_NEAR(e.tokens_per_sec, 30, 1e-6);
}

RequestFacts with_output(int64_t tokens) {
  RequestFacts f;
  f.output_tokens = tokens;
  return f;
}

// The product brief: 1,000 output tokens at 18 tok/s locally take about 55 s, about 11 s in the
// cloud; with a 20 s objective the request goes to the cloud.
TEST(LatencyPolicy, ProductBriefExample) {
  std::vector<Candidate> cands = two_tiers();
  cands[0].tokens_per_sec = 18;
  cands[0].ttft_ms = 0;  // unknown: 500 ms
  cands[1].tokens_per_sec = 90;
  cands[1].ttft_ms = 400;
  EXPECT_NEAR(LatencyPolicy::predict_seconds(cands[0], 1000), 56.06, 0.01);
  EXPECT_NEAR(LatencyPolicy::predict_seconds(cands[1], 1000), 11.51, 0.01);
  Verdict v;
  LatencyPolicy(20000).evaluate(with_output(1000), cands, v);
  EXPECT_EQ(v.preferred, Tier::kCloud);
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.reasons[0], "latency: local 56.1 s > SLO 20 s, cloud 11.5 s -> cloud");
}

TEST(LatencyPolicy, Table) {
  struct Case {
    int64_t slo_ms;
    int64_t output_tokens;
    std::optional<Tier> preferred_before;
    std::optional<Tier> forced;
    bool cloud_allowed;
    std::optional<Tier> preferred_after;
    std::string reason;
  };
  // Defaults: local 0.5 s + n / 20, cloud 0.5 s + n / 80.
  const Case cases[] = {
      {0, 1000, std::nullopt, std::nullopt, true, std::nullopt, ""},     // no SLO
      {20000, 100, std::nullopt, std::nullopt, true, std::nullopt, ""},  // local fits
      {20000, 1000, std::nullopt, std::nullopt, true, Tier::kCloud,
       "latency: local 50.5 s > SLO 20 s, cloud 13.0 s -> cloud"},
      {2500, 1000, std::nullopt, std::nullopt, true, std::nullopt,
       "latency: local 50.5 s > SLO 2.5 s, cloud 13.0 s also > SLO; stays local"},
      {20000, 1000, Tier::kLocal, std::nullopt, true, Tier::kCloud,
       "latency: local 50.5 s > SLO 20 s, cloud 13.0 s -> cloud"},
      {20000, 1000, Tier::kCloud, std::nullopt, true, Tier::kCloud, ""},   // already cloud
      {20000, 1000, std::nullopt, Tier::kLocal, true, std::nullopt, ""},   // forced: no steering
      {20000, 1000, std::nullopt, std::nullopt, false, std::nullopt, ""},  // cloud not allowed
  };
  for (const Case& c : cases) {
    Verdict v;
    v.preferred = c.preferred_before;
    v.forced = c.forced;
    v.allowed[tier_index(Tier::kCloud)] = c.cloud_allowed;
    LatencyPolicy(c.slo_ms).evaluate(with_output(c.output_tokens), two_tiers(), v);
    EXPECT_EQ(v.preferred, c.preferred_after) << c.reason;
    if (c.reason.empty()) {
      EXPECT_TRUE(v.reasons.empty()) << testing::joined(v.reasons);
    } else {
      ASSERT_EQ(v.reasons.size(), 1u);
      EXPECT_EQ(v.reasons[0], c.reason);
    }
  }
}

TEST(LatencyPolicy, UsesTheFastestUsableCandidateOfATier) {
  std::vector<Candidate> cands = two_tiers();
  cands.push_back(testing::candidate(2, "fast-local", Tier::kLocal));
  cands[2].tokens_per_sec = 200;  // 0.5 + 1000 / 200 = 5.5 s: fits
  Verdict v;
  LatencyPolicy(20000).evaluate(with_output(1000), cands, v);
  EXPECT_FALSE(v.preferred.has_value());
  v.exclude(2);  // e.g. unhealthy or too small a context: the slow one decides
  LatencyPolicy(20000).evaluate(with_output(1000), cands, v);
  EXPECT_EQ(v.preferred, Tier::kCloud);
}

}  // namespace
}  // namespace splitpoint::policy
