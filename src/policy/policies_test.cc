// Each policy alone: pin, task, privacy, capability, complexity, health.
#include <gtest/gtest.h>

#include <cmath>

#include "policy/capability_policy.h"
#include "policy/complexity_policy.h"
#include "policy/format.h"
#include "policy/health_policy.h"
#include "policy/pin_policy.h"
#include "policy/privacy_policy.h"
#include "policy/task_policy.h"
#include "policy/testing.h"

namespace splitpoint::policy {
namespace {

using testing::candidate;
using testing::contains;
using testing::finding;
using testing::joined;
using testing::two_tiers;
using Mode = config::RouterConfig::PrivacyMode;

TEST(PinPolicy, Table) {
  struct Case {
    std::string_view pin;
    std::optional<Tier> forced;
    StatusCode code;
    std::string reason;
  };
  const Case cases[] = {
      {"", std::nullopt, StatusCode::kOk, ""},
      {"cloud", Tier::kCloud, StatusCode::kOk, "pinned by X-Splitpoint-Tier: cloud"},
      {"LOCAL", Tier::kLocal, StatusCode::kOk, "pinned by X-Splitpoint-Tier: local"},
      {"remote", std::nullopt, StatusCode::kInvalidArgument, ""},
      {"clouds", std::nullopt, StatusCode::kInvalidArgument, ""},
  };
  for (const Case& c : cases) {
    RequestFacts facts;
    facts.pinned_tier = c.pin;
    Verdict v;
    PinPolicy().evaluate(facts, two_tiers(), v);
    EXPECT_EQ(v.forced, c.forced) << c.pin;
    EXPECT_EQ(v.refusal.code(), c.code) << c.pin;
    if (c.reason.empty()) {
      EXPECT_TRUE(v.reasons.empty()) << c.pin;
    } else {
      ASSERT_EQ(v.reasons.size(), 1u);
      EXPECT_EQ(v.reasons[0], c.reason);
    }
  }
}

TEST(PinPolicy, RefusalNamesTheValueSafely) {
  RequestFacts facts;
  std::string pin = "bad\r\nvalue";
  facts.pinned_tier = pin;
  Verdict v;
  PinPolicy().evaluate(facts, two_tiers(), v);
  EXPECT_EQ(v.refusal.message(),
            "X-Splitpoint-Tier: expected \"local\" or \"cloud\", got \"bad??value\"");
}

TEST(TaskPolicy, Table) {
  const std::map<std::string, Tier> routes = {{"detect-language", Tier::kLocal},
                                              {"contract-summary", Tier::kCloud}};
  struct Case {
    std::optional<Tier> forced_before;
    std::string_view task;
    std::optional<Tier> forced;
    std::string reason;
  };
  const Case cases[] = {
      {std::nullopt, "", std::nullopt, ""},
      {std::nullopt, "contract-summary", Tier::kCloud, "task 'contract-summary' -> cloud"},
      {std::nullopt, "detect-language", Tier::kLocal, "task 'detect-language' -> local"},
      {std::nullopt, "poetry", std::nullopt, "task 'poetry' has no route; ignored"},
      {Tier::kLocal, "contract-summary", Tier::kLocal,
       "task 'contract-summary' -> cloud ignored: pinned to local"},
      {Tier::kCloud, "contract-summary", Tier::kCloud, "task 'contract-summary' -> cloud"},
  };
  TaskPolicy policy(routes);
  for (const Case& c : cases) {
    RequestFacts facts;
    facts.task = c.task;
    Verdict v;
    v.forced = c.forced_before;
    policy.evaluate(facts, two_tiers(), v);
    EXPECT_EQ(v.forced, c.forced) << c.task;
    EXPECT_TRUE(v.refusal.is_ok());
    if (c.reason.empty()) {
      EXPECT_TRUE(v.reasons.empty());
    } else {
      ASSERT_EQ(v.reasons.size(), 1u) << c.task;
      EXPECT_EQ(v.reasons[0], c.reason);
    }
  }
}

TEST(PrivacyPolicy, Table) {
  using privacy::Kind;
  const std::vector<privacy::Finding> two = {finding(Kind::kIban), finding(Kind::kEmail)};
  struct Case {
    Mode mode;
    std::vector<privacy::Finding> findings;
    bool cloud_allowed;
    bool fail_closed;
    bool redact;
    std::string reason;
  };
  const Case cases[] = {
      {Mode::kOff, two, true, false, false, ""},
      {Mode::kRedact, {}, true, false, false, ""},
      {Mode::kLocalOnly, {}, true, false, false, ""},
      {Mode::kRedact, two, true, false, true,
       "privacy: 2 values (email, iban) -> masked before the cloud"},
      {Mode::kLocalOnly, two, false, true, false,
       "privacy: 2 values (email, iban) -> local only (router.privacy: local-only)"},
      {Mode::kRedact,
       {finding(Kind::kSecret)},
       true,
       false,
       true,
       "privacy: 1 value (secret) -> masked before the cloud"},
  };
  for (const Case& c : cases) {
    RequestFacts facts;
    facts.findings = c.findings;
    Verdict v;
    PrivacyPolicy(c.mode).evaluate(facts, two_tiers(), v);
    EXPECT_EQ(v.allowed[tier_index(Tier::kCloud)], c.cloud_allowed) << c.reason;
    EXPECT_TRUE(v.allowed[tier_index(Tier::kLocal)]);
    EXPECT_EQ(v.fail_closed, c.fail_closed) << c.reason;
    EXPECT_EQ(v.redact, c.redact) << c.reason;
    if (c.reason.empty()) {
      EXPECT_TRUE(v.reasons.empty()) << joined(v.reasons);
    } else {
      ASSERT_EQ(v.reasons.size(), 1u);
      EXPECT_EQ(v.reasons[0], c.reason);
    }
  }
}

TEST(PrivacyPolicy, DescribeCountsRepeatsAndListsKindsOnce) {
  using privacy::Kind;
  EXPECT_EQ(
      PrivacyPolicy::describe({finding(Kind::kCard), finding(Kind::kPhone), finding(Kind::kCard)}),
      "3 values (phone, card)");
}

TEST(CapabilityPolicy, Table) {
  struct Case {
    bool image, tools;
    int64_t input_tokens;
    bool local_vision, local_tools;
    int64_t local_context;
    bool local_allowed;
    std::string reason;
  };
  const Case cases[] = {
      {false, false, 100, false, false, 8192, true, ""},
      {true, false, 100, true, true, 8192, true, ""},
      {true, false, 100, false, true, 8192, false,
       "capability: ollama skipped (no vision); no local provider fits"},
      {false, true, 100, true, false, 8192, false,
       "capability: ollama skipped (no tools); no local provider fits"},
      {false, false, 9000, true, true, 8192, false,
       "capability: ollama skipped (context 8192 < 9000 tokens); no local provider fits"},
      {false, false, 9000, true, true, 0, true, ""},  // unknown context: assumed to fit
  };
  for (const Case& c : cases) {
    RequestFacts facts;
    facts.has_image = c.image;
    facts.has_tools = c.tools;
    facts.input_tokens = c.input_tokens;
    std::vector<Candidate> cands = two_tiers();
    cands[0].vision = c.local_vision;
    cands[0].tools = c.local_tools;
    cands[0].context_tokens = c.local_context;
    cands[1].context_tokens = 128000;
    Verdict v;
    CapabilityPolicy().evaluate(facts, cands, v);
    EXPECT_EQ(v.allowed[tier_index(Tier::kLocal)], c.local_allowed) << c.reason;
    EXPECT_TRUE(v.allowed[tier_index(Tier::kCloud)]);
    EXPECT_EQ(v.is_excluded(0), !c.local_allowed);
    EXPECT_FALSE(v.is_excluded(1));
    if (c.reason.empty()) {
      EXPECT_TRUE(v.reasons.empty()) << joined(v.reasons);
    } else {
      ASSERT_EQ(v.reasons.size(), 1u);
      EXPECT_EQ(v.reasons[0], c.reason);
    }
  }
}

TEST(CapabilityPolicy, OneOfTwoLocalProvidersFitsKeepsTheTier) {
  std::vector<Candidate> cands = {candidate(0, "small", Tier::kLocal),
                                  candidate(1, "big", Tier::kLocal),
                                  candidate(2, "openai", Tier::kCloud)};
  cands[0].context_tokens = 4096;
  cands[1].context_tokens = 32768;
  RequestFacts facts;
  facts.input_tokens = 6000;
  Verdict v;
  CapabilityPolicy().evaluate(facts, cands, v);
  EXPECT_TRUE(v.allowed[0]);
  EXPECT_TRUE(v.is_excluded(0));
  EXPECT_FALSE(v.is_excluded(1));
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.reasons[0], "capability: small skipped (context 4096 < 6000 tokens)");
}

std::shared_ptr<const complexity::Model> constant_model(double bias) {
  auto m = std::make_shared<complexity::Model>();
  m->weights.assign(complexity::kFeatureCount, 0.0);
  m->mean.assign(complexity::kFeatureCount, 0.0);
  m->scale.assign(complexity::kFeatureCount, 1.0);
  m->bias = bias;
  return m;
}

TEST(ComplexityPolicy, ThresholdSteers) {
  struct Case {
    double bias;
    double threshold;
    Tier preferred;
  };
  const Case cases[] = {{3.0, 0.5, Tier::kCloud},
                        {-3.0, 0.5, Tier::kLocal},
                        {3.0, 0.99, Tier::kLocal},
                        {-3.0, 0.0, Tier::kCloud}};
  for (const Case& c : cases) {
    auto model = constant_model(c.bias);
    RequestFacts facts;
    Verdict v;
    ComplexityPolicy(model, c.threshold).evaluate(facts, two_tiers(), v);
    const double expected = model->score(facts.features);
    EXPECT_DOUBLE_EQ(v.score, expected);
    EXPECT_EQ(v.preferred, c.preferred) << c.bias << " " << c.threshold;
    ASSERT_EQ(v.reasons.size(), 1u);
    const std::string want = "complexity: " + fixed(expected, 2) +
                             (c.preferred == Tier::kCloud ? " > " : " <= ") +
                             fixed(c.threshold, 2) + " -> " + tier_name(c.preferred);
    EXPECT_EQ(v.reasons[0].rfind(want, 0), 0u) << v.reasons[0];
  }
}

TEST(ComplexityPolicy, AForcedTierIsNotScored) {
  Verdict v;
  v.forced = Tier::kCloud;
  ComplexityPolicy(constant_model(-3.0), 0.5).evaluate(RequestFacts{}, two_tiers(), v);
  EXPECT_EQ(v.score, -1);
  EXPECT_FALSE(v.preferred.has_value());
  EXPECT_TRUE(v.reasons.empty());
}

TEST(ComplexityPolicy, CloseScoresGetMoreDecimals) {
  auto model = constant_model(0.01);  // sigmoid(0.01) = 0.5025
  Verdict v;
  ComplexityPolicy(model, 0.5).evaluate(RequestFacts{}, two_tiers(), v);
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.reasons[0].rfind("complexity: 0.502 > 0.500 -> cloud", 0), 0u) << v.reasons[0];
}

TEST(ComplexityPolicy, ReasonListsTheTopFactors) {
  auto m = std::make_shared<complexity::Model>(*constant_model(0));
  m->weights[0] = 4.0;
  RequestFacts facts;
  facts.features[0] = 1.0f;
  complexity::Explanation e = m->explain(facts.features, 3);
  Verdict v;
  ComplexityPolicy(m, 0.5).evaluate(facts, two_tiers(), v);
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_GT(v.score, 0.5);
  for (const std::string& f : e.top_factors) {
    EXPECT_NE(v.reasons[0].find(f), std::string::npos) << v.reasons[0];
  }
}

TEST(HealthPolicy, Table) {
  struct Case {
    bool local_healthy, cloud_healthy;
    std::optional<Tier> preferred;
    std::string reason;
  };
  const Case cases[] = {
      {true, true, std::nullopt, ""},
      {false, true, std::nullopt, "health: ollama unhealthy; local tier down"},
      {false, true, Tier::kCloud, "health: ollama unhealthy"},
      {true, false, Tier::kCloud, "health: openai unhealthy; cloud tier down"},
      {false, false, Tier::kLocal, "health: ollama, openai unhealthy; local tier down"},
  };
  for (const Case& c : cases) {
    std::vector<Candidate> cands = two_tiers();
    cands[0].healthy = c.local_healthy;
    cands[1].healthy = c.cloud_healthy;
    Verdict v;
    v.preferred = c.preferred;
    HealthPolicy().evaluate(RequestFacts{}, cands, v);
    EXPECT_EQ(v.is_excluded(0), !c.local_healthy);
    EXPECT_EQ(v.is_excluded(1), !c.cloud_healthy);
    if (c.reason.empty()) {
      EXPECT_TRUE(v.reasons.empty());
    } else {
      ASSERT_EQ(v.reasons.size(), 1u);
      EXPECT_EQ(v.reasons[0], c.reason);
    }
  }
}

TEST(Format, Numbers) {
  EXPECT_EQ(fixed(0.7234, 2), "0.72");
  EXPECT_EQ(trimmed(20.0, 3), "20");
  EXPECT_EQ(trimmed(2.5, 3), "2.5");
  EXPECT_EQ(usd(10), "$10.00");
  EXPECT_EQ(usd(0.0042), "$0.0042");
  EXPECT_EQ(usd(0), "$0.00");
  EXPECT_EQ(usd(0.5), "$0.50");
  EXPECT_EQ(usd(0.015), "$0.015");
  EXPECT_EQ(usd(0.0123456), "$0.01235");
  EXPECT_EQ(usd(1.2), "$1.20");
  EXPECT_EQ(sanitize(std::string(70, 'a')), std::string(64, 'a') + "...");
  EXPECT_EQ(sanitize("caf\xc3\xa9"), "caf??");
}

}  // namespace
}  // namespace splitpoint::policy
