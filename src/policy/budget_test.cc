// The daily spend counter and the cost policy (both over_budget modes).
#include "policy/budget.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <thread>

#include "policy/cost_policy.h"
#include "policy/testing.h"

namespace splitpoint::policy {
namespace {

using OverBudget = config::RouterConfig::OverBudget;
using testing::two_tiers;

constexpr int64_t kDay = 86400;
constexpr int64_t kMonday = 20000 * kDay;  // some UTC midnight

struct FakeClock {
  std::shared_ptr<std::atomic<int64_t>> now = std::make_shared<std::atomic<int64_t>>(kMonday);
  Budget::NowFn fn() const {
    auto n = now;
    return [n] { return n->load(); };
  }
};

TEST(Cost, Estimate) {
  // 1M input at $2.50 + 0.5M output at $10.00
  EXPECT_DOUBLE_EQ(cost_usd(2.5, 10, 1'000'000, 500'000), 7.5);
  EXPECT_DOUBLE_EQ(cost_usd(2.5, 10, 2000, 1000), 0.015);
  ProviderDescriptor p;
  p.price_input_per_m = 0.02;
  EXPECT_DOUBLE_EQ(cost_usd(p, 1'000'000, 7), 0.02);
}

TEST(Budget, CountsAndResetsAtUtcMidnight) {
  FakeClock clock;
  Budget b(10, clock.fn());
  EXPECT_DOUBLE_EQ(b.limit(), 10);
  EXPECT_DOUBLE_EQ(b.spent_today(), 0);
  b.record(4.0);
  b.record(2.5);
  b.record(-1);            // ignored
  b.record(std::nan(""));  // ignored
  EXPECT_DOUBLE_EQ(b.spent_today(), 6.5);
  EXPECT_FALSE(b.would_exceed(3.5));
  EXPECT_TRUE(b.would_exceed(3.6));
  clock.now->store(kMonday + kDay - 1);  // 23:59:59 the same day
  EXPECT_DOUBLE_EQ(b.spent_today(), 6.5);
  clock.now->store(kMonday + kDay);  // midnight
  EXPECT_DOUBLE_EQ(b.spent_today(), 0);
  b.record(1);
  EXPECT_DOUBLE_EQ(b.spent_today(), 1);
  clock.now->store(kMonday + 3 * kDay + 5);  // record on a later day starts afresh
  b.record(2);
  EXPECT_DOUBLE_EQ(b.spent_today(), 2);
}

TEST(Budget, NoLimitNeverExceeds) {
  Budget b(0);
  b.record(1e6);
  EXPECT_DOUBLE_EQ(b.spent_today(), 1e6);
  EXPECT_FALSE(b.would_exceed(1e6));
}

TEST(Budget, ConcurrentRecordsAreAllCounted) {
  FakeClock clock;
  Budget b(1e9, clock.fn());
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&b] {
      for (int i = 0; i < 1000; ++i) b.record(0.25);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_DOUBLE_EQ(b.spent_today(), 1000);
}

std::vector<Candidate> priced() {
  std::vector<Candidate> c = two_tiers();
  c[1].price_in_per_m = 2.5;
  c[1].price_out_per_m = 10;
  return c;
}

RequestFacts facts_of(int64_t in, int64_t out) {
  RequestFacts f;
  f.input_tokens = in;
  f.output_tokens = out;
  return f;
}

TEST(CostPolicy, WithinBudget) {
  FakeClock clock;
  Budget b(10, clock.fn());
  b.record(1.2);
  Verdict v;
  v.preferred = Tier::kCloud;
  CostPolicy(10, OverBudget::kLocal, &b).evaluate(facts_of(2000, 1000), priced(), v);
  EXPECT_TRUE(v.allowed[1]);
  EXPECT_TRUE(v.refusal.is_ok());
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.reasons[0], "cost: ~$0.015 ($1.20 of $10.00 spent today)");
  Verdict local;  // heading for the local tier: nothing to say
  CostPolicy(10, OverBudget::kLocal, &b).evaluate(facts_of(2000, 1000), priced(), local);
  EXPECT_TRUE(local.reasons.empty());
}

TEST(CostPolicy, NoBudgetConfiguredDoesNothing) {
  Budget b(0);
  b.record(100);
  Verdict v;
  v.preferred = Tier::kCloud;
  CostPolicy(0, OverBudget::kRefuse, &b).evaluate(facts_of(2000, 1000), priced(), v);
  EXPECT_TRUE(v.allowed[1]);
  EXPECT_TRUE(v.refusal.is_ok());
  EXPECT_TRUE(v.reasons.empty());
}

TEST(CostPolicy, ExhaustedBudgetTable) {
  struct Case {
    OverBudget mode;
    double spent;
    std::optional<Tier> preferred;
    bool local_usable;
    StatusCode code;
    bool cloud_allowed;
    std::string reason;
  };
  const Case cases[] = {
      {OverBudget::kLocal, 10.0, Tier::kCloud, true, StatusCode::kOk, false,
       "cost: daily cloud budget $10.00 is spent ($10.00 today) -> cloud not allowed"},
      {OverBudget::kLocal, 9.99, Tier::kCloud, true, StatusCode::kOk, false,
       "cost: this request (~$0.015) would exceed the daily cloud budget ($9.99 of $10.00 "
       "spent) -> cloud not allowed"},
      {OverBudget::kRefuse, 10.0, Tier::kCloud, true, StatusCode::kResourceExhausted, true,
       "cost: daily cloud budget $10.00 is spent ($10.00 today) -> refused"},
      {OverBudget::kRefuse, 10.0, std::nullopt, true, StatusCode::kOk, false,
       "cost: daily cloud budget $10.00 is spent ($10.00 today) -> cloud not allowed"},
      {OverBudget::kRefuse, 10.0, std::nullopt, false, StatusCode::kResourceExhausted, true,
       "cost: daily cloud budget $10.00 is spent ($10.00 today) -> refused"},
  };
  for (const Case& c : cases) {
    FakeClock clock;
    Budget b(10, clock.fn());
    b.record(c.spent);
    Verdict v;
    v.preferred = c.preferred;
    v.allowed[0] = c.local_usable;
    CostPolicy(10, c.mode, &b).evaluate(facts_of(2000, 1000), priced(), v);
    EXPECT_EQ(v.refusal.code(), c.code) << c.reason;
    EXPECT_EQ(v.allowed[1], c.cloud_allowed) << c.reason;
    ASSERT_EQ(v.reasons.size(), 1u) << c.reason;
    EXPECT_EQ(v.reasons[0], c.reason);
    if (c.code == StatusCode::kResourceExhausted) {
      EXPECT_NE(v.refusal.message().find("router.over_budget: refuse"), std::string::npos);
    }
  }
}

TEST(CostPolicy, UsesTheFirstUsableCloudCandidatesPrices) {
  std::vector<Candidate> cands = priced();
  cands.push_back(testing::candidate(2, "cheap", Tier::kCloud));  // price 0
  Budget b(0.01);
  Verdict v;
  v.preferred = Tier::kCloud;
  CostPolicy(0.01, OverBudget::kLocal, &b).evaluate(facts_of(2000, 1000), cands, v);
  EXPECT_FALSE(v.allowed[1]);  // $0.015 > $0.01 at openai's prices
  Verdict skip;
  skip.preferred = Tier::kCloud;
  skip.exclude(1);
  CostPolicy(0.01, OverBudget::kLocal, &b).evaluate(facts_of(2000, 1000), cands, skip);
  EXPECT_TRUE(skip.allowed[1]);  // "cheap" is free
}

}  // namespace
}  // namespace splitpoint::policy
