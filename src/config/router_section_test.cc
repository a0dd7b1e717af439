// The `router:` section and the routing keys of providers: every key, its default and its errors.
#include <gtest/gtest.h>

#include "config/config.h"

namespace splitpoint::config {
namespace {

Config parse_ok(const std::string& yaml) {
  Result<Config> r = parse_config(yaml, "gw.yaml");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? r.value() : Config{};
}

std::string parse_error(const std::string& yaml) {
  Result<Config> r = parse_config(yaml, "gw.yaml");
  EXPECT_FALSE(r.ok()) << "parsed:\n" << yaml;
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  return r.status().message();
}

#define EXPECT_PREFIX(prefix, message)                         \
  do {                                                         \
    std::string m_ = (message);                                \
    EXPECT_EQ(m_.rfind((prefix), 0), 0u) << "message: " << m_; \
  } while (0)

TEST(RouterSection, Defaults) {
  Config c = parse_ok("# empty\n");
  const RouterConfig& r = c.router;
  EXPECT_EQ(r.policies, (std::vector<std::string>{"pin", "task", "privacy", "capability",
                                                  "complexity", "latency", "cost", "health"}));
  EXPECT_TRUE(r.task_routes.empty());
  EXPECT_EQ(r.privacy, RouterConfig::PrivacyMode::kRedact);
  EXPECT_DOUBLE_EQ(r.complexity_threshold, 0.5);
  EXPECT_EQ(r.complexity_model, "");
  EXPECT_EQ(r.latency_slo_ms, 0);
  EXPECT_DOUBLE_EQ(r.daily_cloud_budget_usd, 0);
  EXPECT_EQ(r.over_budget, RouterConfig::OverBudget::kLocal);
  EXPECT_EQ(r.default_output_tokens, 256);
  EXPECT_TRUE(validate(c).is_ok());
}

TEST(RouterSection, EveryKey) {
  Config c = parse_ok(R"(
router:
  policies: [pin, privacy, complexity, cost]
  task_routes: { detect-language: local, contract-summary: cloud }
  privacy: local-only
  complexity_threshold: 0.65
  complexity_model: models/complexity.json
  latency_slo_ms: 20000
  daily_cloud_budget_usd: 12.5
  over_budget: refuse
  default_output_tokens: 512
)");
  const RouterConfig& r = c.router;
  EXPECT_EQ(r.policies, (std::vector<std::string>{"pin", "privacy", "complexity", "cost"}));
  ASSERT_EQ(r.task_routes.size(), 2u);
  EXPECT_EQ(r.task_routes.at("detect-language"), Tier::kLocal);
  EXPECT_EQ(r.task_routes.at("contract-summary"), Tier::kCloud);
  EXPECT_EQ(r.privacy, RouterConfig::PrivacyMode::kLocalOnly);
  EXPECT_DOUBLE_EQ(r.complexity_threshold, 0.65);
  EXPECT_EQ(r.complexity_model, "models/complexity.json");
  EXPECT_EQ(r.latency_slo_ms, 20000);
  EXPECT_DOUBLE_EQ(r.daily_cloud_budget_usd, 12.5);
  EXPECT_EQ(r.over_budget, RouterConfig::OverBudget::kRefuse);
  EXPECT_EQ(r.default_output_tokens, 512);
  EXPECT_TRUE(validate(c).is_ok());
}

TEST(RouterSection, PrivacyModesAndOverBudget) {
  EXPECT_EQ(parse_ok("router:\n  privacy: off\n").router.privacy, RouterConfig::PrivacyMode::kOff);
  EXPECT_EQ(parse_ok("router:\n  privacy: redact\n").router.privacy,
            RouterConfig::PrivacyMode::kRedact);
  EXPECT_EQ(parse_ok("router:\n  over_budget: local\n").router.over_budget,
            RouterConfig::OverBudget::kLocal);
}

TEST(RouterSection, EmptyPolicyListAndNullSections) {
  EXPECT_TRUE(parse_ok("router:\n  policies: []\n").router.policies.empty());
  EXPECT_EQ(parse_ok("router:\n").router.policies.size(), 8u);
  EXPECT_TRUE(parse_ok("router:\n  task_routes:\n").router.task_routes.empty());
}

TEST(RouterSection, NumbersFromEnvironment) {
  ::setenv("SP_TEST_BUDGET", "3.75", 1);
  Config c = parse_ok(
      "router:\n  daily_cloud_budget_usd: ${SP_TEST_BUDGET}\n"
      "  complexity_threshold: \"${SP_TEST_UNSET_T:-0.25}\"\n");
  ::unsetenv("SP_TEST_BUDGET");
  EXPECT_DOUBLE_EQ(c.router.daily_cloud_budget_usd, 3.75);
  EXPECT_DOUBLE_EQ(c.router.complexity_threshold, 0.25);
}

TEST(RouterSection, Errors) {
  EXPECT_EQ(parse_error("router:\n  policies: [pin, complexty]\n"),
            "gw.yaml:2: router.policies[1]: unknown policy \"complexty\"; did you mean "
            "\"complexity\"?");
  EXPECT_PREFIX("gw.yaml:4: router.policies[1]: unknown policy \"magic\" (known: pin, task,",
                parse_error("router:\n  policies:\n    - pin\n    - magic\n"));
  EXPECT_EQ(parse_error("router:\n  policies:\n    - pin\n    - cost\n    - pin\n"),
            "gw.yaml:5: router.policies[2]: policy \"pin\" is listed twice (first at line 3)");
  EXPECT_PREFIX("gw.yaml:2: router.policies: expected a list",
                parse_error("router:\n  policies: pin\n"));
  EXPECT_EQ(parse_error("router:\n  task_routes: { summarize: remote }\n"),
            "gw.yaml:2: router.task_routes.summarize: expected \"local\" or \"cloud\", got "
            "\"remote\"");
  EXPECT_EQ(parse_error("router:\n  task_routes:\n    a: local\n    a: cloud\n"),
            "gw.yaml:4: router.task_routes.a: key appears twice");
  EXPECT_PREFIX("gw.yaml:2: router.task_routes: expected a mapping",
                parse_error("router:\n  task_routes: [a, b]\n"));
  EXPECT_EQ(parse_error("router:\n  privacy: strict\n"),
            "gw.yaml:2: router.privacy: expected \"off\", \"local-only\" or \"redact\", got "
            "\"strict\"");
  EXPECT_EQ(parse_error("router:\n  complexity_threshold: 1.5\n"),
            "gw.yaml:2: router.complexity_threshold: expected a number from 0 to 1, got \"1.5\"");
  EXPECT_PREFIX("gw.yaml:2: router.complexity_threshold: expected a number",
                parse_error("router:\n  complexity_threshold: high\n"));
  EXPECT_PREFIX("gw.yaml:2: router.complexity_threshold: ",
                parse_error("router:\n  complexity_threshold: nan\n"));
  EXPECT_PREFIX("gw.yaml:2: router.latency_slo_ms: expected an integer from 0 to",
                parse_error("router:\n  latency_slo_ms: -5\n"));
  EXPECT_PREFIX("gw.yaml:2: router.daily_cloud_budget_usd: expected a number from 0 to",
                parse_error("router:\n  daily_cloud_budget_usd: -1\n"));
  EXPECT_EQ(parse_error("router:\n  over_budget: cloud\n"),
            "gw.yaml:2: router.over_budget: expected \"local\" or \"refuse\", got \"cloud\"");
  EXPECT_PREFIX("gw.yaml:2: router.default_output_tokens: expected an integer from 1 to",
                parse_error("router:\n  default_output_tokens: 0\n"));
  EXPECT_EQ(parse_error("router:\n  latency_slo_sm: 100\n"),
            "gw.yaml:2: router.latency_slo_sm: unknown key; did you mean \"latency_slo_ms\"?");
  EXPECT_PREFIX("gw.yaml:1: router: expected a mapping", parse_error("router: [pin]\n"));
}

const char* const kProvider = R"(providers:
  - name: cloud
    tier: cloud
    kind: openai
    base_url: https://api.openai.com/v1
    chat_model: gpt-4o
)";

TEST(ProviderRoutingKeys, Parsed) {
  Config c = parse_ok(std::string(kProvider) +
                      "    price_input_per_m: 2.5\n    price_output_per_m: 10\n"
                      "    ttft_ms: 400\n    tokens_per_sec: 90\n");
  const ProviderDescriptor& p = c.providers[0];
  EXPECT_DOUBLE_EQ(p.price_input_per_m, 2.5);
  EXPECT_DOUBLE_EQ(p.price_output_per_m, 10);
  EXPECT_DOUBLE_EQ(p.ttft_ms, 400);
  EXPECT_DOUBLE_EQ(p.tokens_per_sec, 90);
}

TEST(ProviderRoutingKeys, DefaultsAreUnknown) {
  const Config config = parse_ok(kProvider);  // held: p refers into it
  const ProviderDescriptor& p = config.providers[0];
  EXPECT_EQ(p.price_input_per_m, 0);
  EXPECT_EQ(p.price_output_per_m, 0);
  EXPECT_EQ(p.ttft_ms, 0);
  EXPECT_EQ(p.tokens_per_sec, 0);
}

TEST(ProviderRoutingKeys, Errors) {
  EXPECT_EQ(parse_error(std::string(kProvider) + "    price_input_per_m: -2\n"),
            "gw.yaml:7: providers[0].price_input_per_m: expected a number from 0 to 1e+06, got "
            "\"-2\"");
  EXPECT_PREFIX("gw.yaml:7: providers[0].price_output_per_m: expected a number",
                parse_error(std::string(kProvider) + "    price_output_per_m: ten\n"));
  EXPECT_PREFIX("gw.yaml:7: providers[0].ttft_ms: ",
                parse_error(std::string(kProvider) + "    ttft_ms: inf\n"));
  EXPECT_PREFIX("gw.yaml:7: providers[0].tokens_per_sec: ",
                parse_error(std::string(kProvider) + "    tokens_per_sec: 1e9\n"));
  EXPECT_EQ(parse_error(std::string(kProvider) + "    tokens_per_sec: 1\n    tokens_per_sec: 2\n"),
            "gw.yaml:8: providers[0].tokens_per_sec: key appears twice");
}

TEST(DefaultPrices, Gpt4o) {
  Config c = default_config();
  ASSERT_EQ(c.providers.size(), 2u);
  EXPECT_DOUBLE_EQ(c.providers[1].price_input_per_m, 2.50);
  EXPECT_DOUBLE_EQ(c.providers[1].price_output_per_m, 10.00);
  EXPECT_EQ(c.providers[0].price_input_per_m, 0);  // local: free unless configured
}

TEST(ValidateRouter, CodeBuiltConfigs) {
  Config c = default_config();
  c.router.policies = {"pin", "nope"};
  Status s = validate(c);
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("router.policies[1]: unknown policy \"nope\""), std::string::npos)
      << s.message();
  c = default_config();
  c.router.policies = {"cost", "cost"};
  EXPECT_NE(validate(c).message().find("router.policies[1]: policy \"cost\" is listed twice"),
            std::string::npos);
  c = default_config();
  c.router.complexity_threshold = -0.1;
  EXPECT_NE(validate(c).message().find("router.complexity_threshold"), std::string::npos);
  c = default_config();
  c.router.default_output_tokens = 0;
  EXPECT_NE(validate(c).message().find("router.default_output_tokens"), std::string::npos);
  c = default_config();
  c.router.daily_cloud_budget_usd = -3;
  EXPECT_NE(validate(c).message().find("router.daily_cloud_budget_usd"), std::string::npos);
  c = default_config();
  c.providers[1].tokens_per_sec = -1;
  EXPECT_NE(validate(c).message().find("providers[1].tokens_per_sec: must be >= 0"),
            std::string::npos);
}

}  // namespace
}  // namespace splitpoint::config
