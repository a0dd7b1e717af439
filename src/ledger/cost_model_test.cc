#include "ledger/cost_model.h"

#include <gtest/gtest.h>

namespace splitpoint::ledger {
namespace {

config::Config parse(const std::string& extra_provider_keys, const std::string& tail = "") {
  const std::string yaml =
      "providers:\n"
      "  - name: home-gpu\n    tier: local\n    kind: ollama\n    base_url: http://127.0.0.1:1\n"
      "    chat_model: llama3.1:8b\n    embedding_model: all-minilm\n"
      "    power_watts: 350\n    electricity_usd_per_kwh: 0.30\n"
      "    hardware_usd: 2000\n    hardware_lifetime_hours: 20000\n"
      "  - name: openai\n    tier: cloud\n    kind: openai\n    base_url: http://127.0.0.1:2/v1\n"
      "    chat_model: gpt-4o\n    models: [gpt-4o-mini]\n"
      "    embedding_model: text-embedding-3-small\n" +
      extra_provider_keys + tail;
  auto c = config::parse_config(yaml, "test.yaml");
  EXPECT_TRUE(c.ok()) << c.status().to_string();
  return c.ok() ? *c : config::Config{};
}

api::RequestRecord record(const char* provider, const char* model, int64_t in, int64_t out,
                          double total_ms, const char* endpoint = "/v1/chat/completions") {
  api::RequestRecord r;
  r.provider = provider;
  r.model = model;
  r.input_tokens = in;
  r.output_tokens = out;
  r.total_ms = total_ms;
  r.endpoint = endpoint;
  return r;
}

TEST(CostModel, LocalIsChargedByBusyTimeAndComparedWithTheReferenceCloudPrice) {
  const CostModel m(parse(""));
  // 350 W at 0.30 USD/kWh = 0.105 USD/h; 2000 USD over 20000 h = 0.1 USD/h.
  EXPECT_NEAR(m.usd_per_hour(0), 0.205, 1e-12);
  api::RequestRecord r = record("home-gpu", "llama3.1:8b", 1000, 500, 3600);  // 3.6 s busy
  m.apply(r);
  EXPECT_NEAR(r.cost_usd, 0.205 / 1000, 1e-12);
  // 1000 x 2.50/1M + 500 x 10.00/1M at gpt-4o's list price.
  EXPECT_NEAR(r.cloud_cost_usd, 0.0075, 1e-12);
}

TEST(CostModel, CloudModelsUseTheirListPricesAndTheCounterfactualIsTheCostItself) {
  const CostModel m(parse(""));
  api::RequestRecord r = record("openai", "gpt-4o-mini", 1'000'000, 1'000'000, 1000);
  m.apply(r);
  EXPECT_NEAR(r.cost_usd, 0.15 + 0.60, 1e-12);
  EXPECT_DOUBLE_EQ(r.cloud_cost_usd, r.cost_usd);
  api::RequestRecord e = record("openai", "text-embedding-3-small", 2000, 0, 50, "/v1/embeddings");
  m.apply(e);
  EXPECT_NEAR(e.cost_usd, 2000 * 0.02 / 1e6, 1e-15);
}

TEST(CostModel, PerModelPricesOverrideAndEmbeddingsCompareWithTheEmbeddingModel) {
  const CostModel m(parse("    prices:\n      gpt-4o: {input_per_m: 5, output_per_m: 15}\n"));
  api::RequestRecord r = record("home-gpu", "llama3.1:8b", 1000, 500, 0);
  m.apply(r);
  EXPECT_DOUBLE_EQ(r.cost_usd, 0);
  EXPECT_NEAR(r.cloud_cost_usd, 0.005 + 0.0075, 1e-12);
  api::RequestRecord e = record("home-gpu", "all-minilm", 1'000'000, 0, 0, "/api/embed");
  m.apply(e);
  EXPECT_NEAR(e.cloud_cost_usd, 0.02, 1e-12);
}

TEST(CostModel, TheProviderPricePairIsTheChatModelsPrice) {
  const CostModel m(parse("    price_input_per_m: 1\n    price_output_per_m: 2\n"));
  EXPECT_DOUBLE_EQ(m.price(1, "gpt-4o").input_per_m, 1);
  EXPECT_DOUBLE_EQ(m.price(1, "gpt-4o-mini").input_per_m, 0.15);  // list price still applies
}

TEST(CostModel, RequestsWithoutAProviderCostNothing) {
  const CostModel m(parse(""));
  api::RequestRecord r = record("", "", 100, 100, 100);
  m.apply(r);
  EXPECT_EQ(r.cost_usd, 0);
  EXPECT_EQ(r.cloud_cost_usd, 0);
}

TEST(CostConfig, ReferenceProviderMustBeACloudProvider) {
  const std::string base =
      "providers:\n"
      "  - name: home-gpu\n    tier: local\n    kind: ollama\n    base_url: http://h:1\n"
      "    chat_model: m\n";
  auto bad = config::parse_config(base + "cost:\n  reference_provider: home-gpu\n", "c.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("c.yaml:8: cost.reference_provider"), std::string::npos)
      << bad.status().message();
  auto unknown = config::parse_config(base + "cost:\n  reference_provider: nope\n", "c.yaml");
  EXPECT_FALSE(unknown.ok());
}

TEST(LedgerConfig, StoreTextIsRefusedWithAClearMessage) {
  auto c = config::parse_config("ledger:\n  store_text: true\n", "l.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("l.yaml:2: ledger.store_text"), std::string::npos)
      << c.status().message();
  auto ok = config::parse_config("ledger:\n  enabled: false\n  path: /tmp/x.db\n", "l.yaml");
  ASSERT_TRUE(ok.ok());
  EXPECT_FALSE(ok->ledger.enabled);
  EXPECT_EQ(ok->ledger.path, "/tmp/x.db");
}

}  // namespace
}  // namespace splitpoint::ledger
