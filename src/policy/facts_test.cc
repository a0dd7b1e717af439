// make_facts(), make_candidates() and the health board.
#include "policy/facts.h"

#include <gtest/gtest.h>

#include "policy/live_state.h"

namespace splitpoint::policy {
namespace {

Message text_message(std::string role, std::string text) {
  Message m;
  m.role = std::move(role);
  ContentPart p;
  p.text = std::move(text);
  m.parts.push_back(std::move(p));
  return m;
}

ChatRequest sample_request() {
  ChatRequest r;
  r.model = "auto";
  r.messages.push_back(text_message("system", "You are terse."));
  r.messages.push_back(text_message("user", "Mail alice@example.com about the invoice."));
  Message assistant;
  assistant.role = "assistant";
  assistant.tool_calls.push_back(ToolCall{"c1", "pay", "{\"iban\":\"DE89370400440532013000\"}"});
  r.messages.push_back(std::move(assistant));
  return r;
}

std::shared_ptr<const privacy::Detector> detector() {
  static std::shared_ptr<const privacy::Detector> d = [] {
    Result<std::shared_ptr<const privacy::Detector>> r = privacy::Detector::create();
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r.value() : nullptr;
  }();
  return d;
}

TEST(MakeFacts, ComputesEverythingOnce) {
  ChatRequest r = sample_request();
  r.options.max_tokens = 1000;
  auto d = detector();
  ASSERT_NE(d, nullptr);
  FactsOptions options;
  options.detector = d.get();
  RequestFacts f = make_facts(r, "cloud", "summarize", options);
  EXPECT_EQ(f.request, &r);
  EXPECT_EQ(f.pinned_tier, "cloud");
  EXPECT_EQ(f.task, "summarize");
  EXPECT_TRUE(f.automatic);
  EXPECT_EQ(f.input_tokens, complexity::estimate_tokens(r));
  EXPECT_GT(f.input_tokens, 0);
  EXPECT_EQ(f.output_tokens, 1000);
  EXPECT_FALSE(f.has_image);
  EXPECT_FALSE(f.has_tools);
  EXPECT_EQ(f.features, complexity::extract(r));
  ASSERT_EQ(f.findings.size(), 2u);  // the email in a text part, the IBAN in tool arguments
  EXPECT_EQ(f.findings[0].kind, privacy::Kind::kEmail);
  EXPECT_EQ(f.findings[1].kind, privacy::Kind::kIban);
}

TEST(MakeFacts, OptionsTurnWorkOff) {
  ChatRequest r = sample_request();
  r.model = "llama3.2";
  Tool t;
  t.name = "pay";
  r.tools.push_back(t);
  ContentPart image;
  image.kind = ContentPart::Kind::kImage;
  image.text = "data:image/png;base64,AAAA";
  r.messages[1].parts.push_back(image);
  FactsOptions options;  // no detector
  options.features = false;
  options.default_output_tokens = 321;
  std::vector<std::string> autos = {"llama3.2"};
  options.auto_models = &autos;
  RequestFacts f = make_facts(r, "", "", options);
  EXPECT_TRUE(f.automatic);
  EXPECT_TRUE(f.findings.empty());
  EXPECT_EQ(f.features, complexity::Features{});
  EXPECT_EQ(f.output_tokens, 321);
  EXPECT_TRUE(f.has_image);
  EXPECT_TRUE(f.has_tools);
  r.model = "gpt-4o";
  EXPECT_FALSE(make_facts(r, "", "", options).automatic);
}

config::Config three_providers() {
  config::Config c = config::default_config();
  ProviderDescriptor embed_only;
  embed_only.name = "embedder";
  embed_only.tier = Tier::kLocal;
  embed_only.embedding_model = "nomic";
  c.providers.insert(c.providers.begin() + 1, embed_only);
  c.providers[2].ttft_ms = 300;
  return c;
}

TEST(MakeCandidates, ChatProvidersWithSeedsAndLiveState) {
  config::Config c = three_providers();
  std::vector<Candidate> seeded = make_candidates(c, LiveState{});
  ASSERT_EQ(seeded.size(), 2u);  // the embedding-only provider is not a chat candidate
  EXPECT_EQ(seeded[0].index, 0u);
  EXPECT_EQ(seeded[0].name, "ollama");
  EXPECT_EQ(seeded[0].context_tokens, 8192);
  EXPECT_DOUBLE_EQ(seeded[0].ttft_ms, 500);
  EXPECT_DOUBLE_EQ(seeded[0].tokens_per_sec, 20);
  EXPECT_EQ(seeded[1].index, 2u);
  EXPECT_EQ(seeded[1].tier, Tier::kCloud);
  EXPECT_DOUBLE_EQ(seeded[1].ttft_ms, 300);
  EXPECT_DOUBLE_EQ(seeded[1].price_in_per_m, 2.5);
  EXPECT_DOUBLE_EQ(seeded[1].price_out_per_m, 10);
  EXPECT_TRUE(seeded[1].healthy);

  LatencyTracker latency(c.providers, 0.5);
  latency.observe(0, 1500, 100, 10000);  // ttft 1000, tok/s 15
  HealthBoard health(c.providers.size());
  const Clock::time_point now = Clock::now();
  health.mark_down(2, now);
  std::vector<Candidate> live = make_candidates(c, LiveState{&latency, &health, nullptr}, now);
  ASSERT_EQ(live.size(), 2u);
  EXPECT_DOUBLE_EQ(live[0].ttft_ms, 1000);
  EXPECT_DOUBLE_EQ(live[0].tokens_per_sec, 15);
  EXPECT_TRUE(live[0].healthy);
  EXPECT_FALSE(live[1].healthy);
}

TEST(HealthBoard, TripsAfterConsecutiveFailuresAndRetriesLater) {
  HealthBoard board(2, HealthBoard::Options{3, std::chrono::milliseconds(10000)});
  const Clock::time_point t0 = Clock::now();
  EXPECT_TRUE(board.healthy(0, t0));
  board.record_failure(0, t0);
  board.record_failure(0, t0);
  EXPECT_TRUE(board.healthy(0, t0));
  board.record_success(0);  // resets the run
  board.record_failure(0, t0);
  board.record_failure(0, t0);
  EXPECT_TRUE(board.healthy(0, t0));
  board.record_failure(0, t0);
  EXPECT_FALSE(board.healthy(0, t0));
  EXPECT_FALSE(board.healthy(0, t0 + std::chrono::milliseconds(9999)));
  EXPECT_TRUE(board.healthy(0, t0 + std::chrono::milliseconds(10000)));  // offered again
  board.record_failure(0, t0 + std::chrono::milliseconds(10000));        // still failing
  EXPECT_FALSE(board.healthy(0, t0 + std::chrono::milliseconds(10001)));
  board.record_success(0);
  EXPECT_TRUE(board.healthy(0, t0 + std::chrono::milliseconds(10001)));
  EXPECT_TRUE(board.healthy(1, t0));
  EXPECT_FALSE(board.healthy(5, t0));  // out of range
  board.mark_down(1, t0);
  EXPECT_FALSE(board.healthy(1, t0));
}

}  // namespace
}  // namespace splitpoint::policy
