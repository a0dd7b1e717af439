// The policy chain: order, forced vs allowed, refusals, fallbacks, fail-closed, live state.
#include "router/chain.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "policy/testing.h"

namespace splitpoint::router {
namespace {

using policy::RequestFacts;
using policy::testing::contains;
using policy::testing::finding;
using policy::testing::joined;
using Mode = config::RouterConfig::PrivacyMode;
using Indices = std::vector<std::size_t>;

ProviderDescriptor provider(std::string name, Tier tier) {
  ProviderDescriptor p;
  p.name = std::move(name);
  p.tier = tier;
  p.kind = tier == Tier::kLocal ? Protocol::kOllama : Protocol::kOpenAI;
  p.base_url = "http://127.0.0.1:1";
  p.chat_model = "m";
  return p;
}

// 0 gpu-a (local), 1 gpu-b (local), 2 openai (cloud), 3 azure (cloud)
config::Config four_providers() {
  config::Config c;
  c.providers = {provider("gpu-a", Tier::kLocal), provider("gpu-b", Tier::kLocal),
                 provider("openai", Tier::kCloud), provider("azure", Tier::kCloud)};
  c.providers[2].price_input_per_m = 2.5;
  c.providers[2].price_output_per_m = 10;
  return c;
}

// A model whose score is the same for every request: sigmoid(bias).
std::shared_ptr<const complexity::Model> constant_model(double bias) {
  auto m = std::make_shared<complexity::Model>();
  m->weights.assign(complexity::kFeatureCount, 0.0);
  m->mean.assign(complexity::kFeatureCount, 0.0);
  m->scale.assign(complexity::kFeatureCount, 1.0);
  m->bias = bias;
  return m;
}
constexpr double kEasy = -3;  // score ~0.05
constexpr double kHard = 3;   // score ~0.95

std::unique_ptr<PolicyChain> make_chain(config::Config c, double bias = kEasy,
                                        policy::LiveState live = {}) {
  PolicyChain::Deps deps;
  deps.model = constant_model(bias);
  deps.live = live;
  auto r =
      PolicyChain::create(std::make_shared<const config::Config>(std::move(c)), std::move(deps));
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(r).value() : nullptr;
}

RequestFacts facts(int64_t output_tokens = 100) {
  RequestFacts f;
  f.automatic = true;
  f.input_tokens = 500;
  f.output_tokens = output_tokens;
  return f;
}

TEST(PolicyChain, BuildsThePoliciesInConfiguredOrder) {
  config::Config c = four_providers();
  c.router.policies = {"health", "pin", "complexity"};
  auto chain = make_chain(c);
  ASSERT_NE(chain, nullptr);
  ASSERT_EQ(chain->policies().size(), 3u);
  EXPECT_EQ(chain->policies()[0]->name(), "health");
  EXPECT_EQ(chain->policies()[1]->name(), "pin");
  EXPECT_EQ(chain->policies()[2]->name(), "complexity");
}

TEST(PolicyChain, UnknownPolicyIsAnError) {
  config::Config c = four_providers();
  c.router.policies = {"pin", "vibes"};
  PolicyChain::Deps deps;
  deps.model = constant_model(0);
  auto r = PolicyChain::create(std::make_shared<const config::Config>(c), deps);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("\"vibes\""), std::string::npos);
}

TEST(PolicyChain, EasyGoesLocalWithFallbacksInOrder) {
  auto chain = make_chain(four_providers(), kEasy);
  PolicyChain::Decision d = chain->decide(facts());
  ASSERT_TRUE(d.ok()) << d.refusal.message();
  EXPECT_EQ(d.tier, Tier::kLocal);
  EXPECT_EQ(d.order, (Indices{0, 1, 2, 3}));  // same tier first, then the other tier
  EXPECT_LT(d.score, 0.5);
  EXPECT_GE(d.score, 0);
  EXPECT_TRUE(contains(d.reasons, "complexity: ")) << joined(d.reasons);
  EXPECT_TRUE(contains(d.reasons, "-> local"));
  EXPECT_FALSE(d.redact);
  std::string all;
  for (const std::string& r : d.reasons) all += (all.empty() ? "" : "; ") + r;
  EXPECT_EQ(d.reason(), all);
}

TEST(PolicyChain, HardGoesToTheCloud) {
  auto chain = make_chain(four_providers(), kHard);
  PolicyChain::Decision d = chain->decide(facts());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.tier, Tier::kCloud);
  EXPECT_EQ(d.order, (Indices{2, 3, 0, 1}));
  EXPECT_GT(d.score, 0.5);
}

TEST(PolicyChain, ForcedTierWinsOverPreference) {
  auto chain = make_chain(four_providers(), kEasy);
  RequestFacts f = facts();
  f.pinned_tier = "cloud";
  PolicyChain::Decision d = chain->decide(f);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.tier, Tier::kCloud);
  EXPECT_EQ(d.order, (Indices{2, 3, 0, 1}));
  ASSERT_FALSE(d.reasons.empty());
  EXPECT_EQ(d.reasons[0], "pinned by X-Splitpoint-Tier: cloud");
  EXPECT_EQ(d.score, -1);  // not scored: no preference can change a forced tier
  EXPECT_FALSE(contains(d.reasons, "complexity"));
}

TEST(PolicyChain, TaskRouteForces) {
  config::Config c = four_providers();
  c.router.task_routes = {{"contract-summary", Tier::kCloud}};
  auto chain = make_chain(c, kEasy);
  RequestFacts f = facts();
  f.task = "contract-summary";
  PolicyChain::Decision d = chain->decide(f);
  EXPECT_EQ(d.tier, Tier::kCloud);
  EXPECT_TRUE(contains(d.reasons, "task 'contract-summary' -> cloud"));
}

TEST(PolicyChain, BadPinRefusesAndStopsTheChain) {
  auto chain = make_chain(four_providers());
  RequestFacts f = facts();
  f.pinned_tier = "gpu";
  PolicyChain::Decision d = chain->decide(f);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.refusal.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(d.score, -1);  // complexity never ran
  EXPECT_TRUE(d.order.empty());
}

TEST(PolicyChain, LocalOnlyPrivacyFailsClosed) {
  config::Config c = four_providers();
  c.router.privacy = Mode::kLocalOnly;
  auto chain = make_chain(c, kHard);
  RequestFacts f = facts();
  f.findings = {finding(privacy::Kind::kEmail), finding(privacy::Kind::kIban)};
  f.pinned_tier = "cloud";
  PolicyChain::Decision d = chain->decide(f);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.tier, Tier::kLocal);      // forced cloud is not allowed: the other allowed tier
  EXPECT_EQ(d.order, (Indices{0, 1}));  // never a cloud fallback
  EXPECT_TRUE(d.fail_closed);
  EXPECT_EQ(d.findings, 2u);
  EXPECT_TRUE(contains(d.reasons, "privacy: 2 values (email, iban) -> local only"));
  EXPECT_TRUE(contains(d.reasons, "cloud tier not allowed -> local")) << joined(d.reasons);
}

TEST(PolicyChain, LocalOnlyWithTheLocalTierDownIsRefusedNotSentToTheCloud) {
  config::Config c = four_providers();
  c.router.privacy = Mode::kLocalOnly;
  policy::HealthBoard health(c.providers.size());
  const Clock::time_point now = Clock::now();
  health.mark_down(0, now);
  health.mark_down(1, now);
  auto chain = make_chain(c, kEasy, policy::LiveState{nullptr, &health, nullptr});
  RequestFacts f = facts();
  f.findings = {finding(privacy::Kind::kCard)};
  PolicyChain::Decision d = chain->decide(f, chain->candidates(now));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.refusal.code(), StatusCode::kUnavailable);
  EXPECT_NE(d.refusal.message().find("not sent to the cloud"), std::string::npos);
  EXPECT_TRUE(d.order.empty());
  EXPECT_TRUE(contains(d.reasons, "health: gpu-a, gpu-b unhealthy; local tier down"))
      << joined(d.reasons);
}

TEST(PolicyChain, RedactKeepsTheCloudAndSetsTheFlag) {
  auto chain = make_chain(four_providers(), kHard);  // privacy: redact is the default
  RequestFacts f = facts();
  f.findings = {finding(privacy::Kind::kPhone)};
  PolicyChain::Decision d = chain->decide(f);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.tier, Tier::kCloud);
  EXPECT_TRUE(d.redact);
  EXPECT_FALSE(d.fail_closed);
  EXPECT_EQ(d.order, (Indices{2, 3, 0, 1}));
  EXPECT_TRUE(contains(d.reasons, "privacy: 1 value (phone) -> masked before the cloud"));
}

TEST(PolicyChain, UnhealthyProvidersAreSkippedAndTheTierFallsOver) {
  config::Config c = four_providers();
  policy::HealthBoard health(c.providers.size());
  const Clock::time_point now = Clock::now();
  health.mark_down(0, now);
  auto chain = make_chain(c, kEasy, policy::LiveState{nullptr, &health, nullptr});
  PolicyChain::Decision d = chain->decide(facts(), chain->candidates(now));
  EXPECT_EQ(d.tier, Tier::kLocal);
  EXPECT_EQ(d.order, (Indices{1, 2, 3}));
  health.mark_down(1, now);
  d = chain->decide(facts(), chain->candidates(now));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.tier, Tier::kCloud);
  EXPECT_EQ(d.order, (Indices{2, 3}));
  EXPECT_TRUE(contains(d.reasons, "local tier down"));
  EXPECT_TRUE(contains(d.reasons, "local tier unavailable -> cloud")) << joined(d.reasons);
}

TEST(PolicyChain, LastPreferenceWins) {
  config::Config c = four_providers();
  c.router.latency_slo_ms = 20000;
  RequestFacts slow = facts(1000);    // local 50.5 s, cloud 13 s at the default speeds
  auto chain = make_chain(c, kEasy);  // complexity says local, latency (after it) says cloud
  PolicyChain::Decision d = chain->decide(slow);
  EXPECT_EQ(d.tier, Tier::kCloud);
  EXPECT_TRUE(contains(d.reasons, "latency: local 50.5 s > SLO 20 s, cloud 13.0 s -> cloud"))
      << joined(d.reasons);
  c.router.policies = {"latency", "complexity"};  // complexity now has the last word
  d = make_chain(c, kEasy)->decide(slow);
  EXPECT_EQ(d.tier, Tier::kLocal);
}

TEST(PolicyChain, LiveLatencyEstimatesSteer) {
  config::Config c = four_providers();
  c.router.latency_slo_ms = 20000;
  policy::LatencyTracker latency(c.providers, 1.0);  // alpha 1: the last observation
  latency.observe(0, 400, 180, 1000);                // gpu-a: 180 tok/s
  auto chain = make_chain(c, kEasy, policy::LiveState{&latency, nullptr, nullptr});
  EXPECT_EQ(chain->decide(facts(1000)).tier, Tier::kLocal);  // 0.4 + 5.6 s fits
  latency.observe(0, 400, 18, 1000);                         // now 18 tok/s: 56 s
  EXPECT_EQ(chain->decide(facts(1000)).tier, Tier::kCloud);
}

TEST(PolicyChain, BudgetExhaustedLocalMode) {
  config::Config c = four_providers();
  c.router.daily_cloud_budget_usd = 1;
  policy::Budget budget(1);
  budget.record(1);
  auto chain = make_chain(c, kHard, policy::LiveState{nullptr, nullptr, &budget});
  PolicyChain::Decision d = chain->decide(facts());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.tier, Tier::kLocal);
  EXPECT_EQ(d.order, (Indices{0, 1}));
  EXPECT_TRUE(contains(d.reasons, "cost: daily cloud budget $1.00 is spent")) << joined(d.reasons);
  EXPECT_TRUE(contains(d.reasons, "cloud tier not allowed -> local"));
}

TEST(PolicyChain, BudgetExhaustedRefuseMode) {
  config::Config c = four_providers();
  c.router.daily_cloud_budget_usd = 1;
  c.router.over_budget = config::RouterConfig::OverBudget::kRefuse;
  policy::Budget budget(1);
  budget.record(0.9999);
  PolicyChain::Decision d =
      make_chain(c, kHard, policy::LiveState{nullptr, nullptr, &budget})->decide(facts());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.refusal.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(d.refusal.message().find("would exceed the daily cloud budget"), std::string::npos)
      << d.refusal.message();
  // An easy request goes local and is served, without a cloud fallback.
  d = make_chain(c, kEasy, policy::LiveState{nullptr, nullptr, &budget})->decide(facts());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.order, (Indices{0, 1}));
}

TEST(PolicyChain, CapabilityDrivesTheTierAndNoFitRefuses) {
  config::Config c = four_providers();
  c.providers[0].vision = false;
  c.providers[1].vision = false;
  RequestFacts f = facts();
  f.has_image = true;
  PolicyChain::Decision d = make_chain(c, kEasy)->decide(f);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.tier, Tier::kCloud);
  EXPECT_EQ(d.order, (Indices{2, 3}));
  c.providers[2].vision = false;
  c.providers[3].vision = false;
  d = make_chain(c, kEasy)->decide(f);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.refusal.code(), StatusCode::kUnavailable);
  EXPECT_NE(d.refusal.message().find("no vision"), std::string::npos) << d.refusal.message();
}

TEST(PolicyChain, NoPoliciesMeansLocal) {
  config::Config c = four_providers();
  c.router.policies = {};
  PolicyChain::Decision d = make_chain(c)->decide(facts());
  EXPECT_EQ(d.tier, Tier::kLocal);
  EXPECT_EQ(d.order, (Indices{0, 1, 2, 3}));
  EXPECT_EQ(d.reason(), "default: local tier");
  EXPECT_EQ(d.score, -1);
}

TEST(PolicyChain, OnlyCloudProvidersConfigured) {
  config::Config c;
  c.providers = {provider("openai", Tier::kCloud)};
  PolicyChain::Decision d = make_chain(c, kEasy)->decide(facts());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.tier, Tier::kCloud);
  EXPECT_EQ(d.order, (Indices{0}));
  EXPECT_TRUE(contains(d.reasons, "local tier unavailable -> cloud"));
  c.providers[0].chat_model.clear();
  c.providers[0].embedding_model = "e";
  d = make_chain(c, kEasy)->decide(facts());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.refusal.message(), "no provider with a chat model is configured");
}

TEST(PolicyChain, MakeFactsScansOnlyWhenAPolicyUsesIt) {
  ChatRequest r;
  r.model = "auto";
  Message m;
  m.role = "user";
  m.parts.push_back({ContentPart::Kind::kText, "write to bob@example.org", ""});
  r.messages.push_back(m);
  config::Config c = four_providers();
  RequestFacts f = make_chain(c)->make_facts(r, "", "");
  EXPECT_EQ(f.findings.size(), 1u);
  EXPECT_TRUE(f.automatic);
  EXPECT_EQ(f.output_tokens, 256);
  c.router.privacy = Mode::kOff;
  EXPECT_TRUE(make_chain(c)->make_facts(r, "", "").findings.empty());
  c.router.privacy = Mode::kRedact;
  c.router.policies = {"pin", "complexity"};
  EXPECT_TRUE(make_chain(c)->make_facts(r, "", "").findings.empty());
}

// The complexity features of a request pinned to a valid tier, or with a routed task, are not
// computed (they could not change the decision) when that policy comes first; the privacy scan
// still runs.
TEST(PolicyChain, APinnedOrRoutedRequestIsNotMeasuredForComplexity) {
  ChatRequest r;
  r.model = "auto";
  Message m;
  m.role = "user";
  m.parts.push_back({ContentPart::Kind::kText,
                     "Compare the two contracts clause by clause, then explain step by step why "
                     "the indemnity in section 4 conflicts with section 9. Mail bob@example.org.",
                     ""});
  r.messages.push_back(m);
  const auto measured = [](const RequestFacts& f) {
    return std::any_of(f.features.begin(), f.features.end(), [](float x) { return x != 0; });
  };
  config::Config c = four_providers();
  c.router.policies = {"pin", "privacy", "complexity"};
  auto chain = make_chain(c);
  EXPECT_TRUE(measured(chain->make_facts(r, "", "")));
  EXPECT_TRUE(measured(chain->make_facts(r, "gpu", "")));  // refused later: not a pin
  RequestFacts pinned = chain->make_facts(r, "Cloud", "");
  EXPECT_FALSE(measured(pinned));
  EXPECT_EQ(pinned.findings.size(), 1u);
  c.router.task_routes = {{"contract-review", Tier::kCloud}};
  c.router.policies = {"task", "complexity"};
  chain = make_chain(c);
  EXPECT_FALSE(measured(chain->make_facts(r, "", "contract-review")));
  EXPECT_TRUE(measured(chain->make_facts(r, "", "no-such-task")));
  EXPECT_TRUE(measured(chain->make_facts(r, "cloud", "")));  // no pin policy listed
  c.router.policies = {"complexity", "pin", "task"};  // complexity runs first: it needs them
  chain = make_chain(c);
  EXPECT_TRUE(measured(chain->make_facts(r, "cloud", "")));
  EXPECT_TRUE(measured(chain->make_facts(r, "", "contract-review")));
}

TEST(PolicyChain, EndToEndWithTheBuiltinModelAndDetector) {
  config::Config c = config::default_config();
  c.router.latency_slo_ms = 20000;
  auto chain = PolicyChain::create(std::make_shared<const config::Config>(c), {});
  ASSERT_TRUE(chain.ok()) << chain.status().message();
  ChatRequest r;
  r.model = "auto";
  r.options.max_tokens = 1000;
  Message m;
  m.role = "user";
  m.parts.push_back({ContentPart::Kind::kText,
                     "Summarize the attached contract for jane.doe@example.com in two lines.", ""});
  r.messages.push_back(m);
  RequestFacts f = (*chain)->make_facts(r, "", "");
  PolicyChain::Decision d = (*chain)->decide(f);
  ASSERT_TRUE(d.ok()) << d.refusal.message();
  EXPECT_EQ(d.findings, 1u);
  EXPECT_TRUE(d.redact);
  EXPECT_GE(d.score, 0);
  EXPECT_LE(d.score, 1);
  EXPECT_EQ(d.tier, Tier::kCloud);  // 1,000 tokens at 20 tok/s locally miss the 20 s objective
  EXPECT_EQ(d.order, (Indices{1, 0}));
  const std::string reason = d.reason();
  EXPECT_NE(reason.find("privacy: 1 value (email) -> masked before the cloud"), std::string::npos)
      << reason;
  EXPECT_NE(reason.find("complexity: "), std::string::npos);
  EXPECT_EQ(reason.find("jane.doe"), std::string::npos);  // never the value
  for (char ch : reason) EXPECT_TRUE(ch >= 0x20 && ch < 0x7f) << reason;
}

TEST(PolicyChain, IsAuto) {
  config::Config c = four_providers();
  c.routing.auto_models = {"llama3.2"};
  auto chain = make_chain(c);
  EXPECT_TRUE(chain->is_auto("auto"));
  EXPECT_TRUE(chain->is_auto("llama3.2"));
  EXPECT_FALSE(chain->is_auto("gpt-4o"));
}

TEST(LoadComplexityModel, BuiltinOrFile) {
  config::RouterConfig rc;
  auto builtin = load_complexity_model(rc);
  ASSERT_TRUE(builtin.ok()) << builtin.status().message();
  EXPECT_NE(builtin.value(), nullptr);
  rc.complexity_model = "/nonexistent/complexity.json";
  auto missing = load_complexity_model(rc);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message().rfind("router.complexity_model: ", 0), 0u);
}

}  // namespace
}  // namespace splitpoint::router
