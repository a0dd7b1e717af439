#include "router/router.h"

#include <gtest/gtest.h>

namespace splitpoint::router {
namespace {

std::shared_ptr<const config::Config> two_tiers() {
  auto c = std::make_shared<config::Config>();
  ProviderDescriptor local;
  local.name = "home-gpu";
  local.tier = Tier::kLocal;
  local.chat_model = "llama3.1:8b";
  local.embedding_model = "all-minilm";
  local.models = {"llama3.2:1b"};
  ProviderDescriptor cloud;
  cloud.name = "openai";
  cloud.tier = Tier::kCloud;
  cloud.kind = Protocol::kOpenAI;
  cloud.chat_model = "gpt-4o";
  cloud.embedding_model = "text-embedding-3-small";
  c->providers = {local, cloud};
  c->routing.auto_models = {"llama3.2"};
  return c;
}

ChatRequest chat(std::string model, bool image = false) {
  ChatRequest r;
  r.model = std::move(model);
  Message m;
  m.role = "user";
  m.parts.push_back({ContentPart::Kind::kText, "hello", ""});
  if (image) m.parts.push_back({ContentPart::Kind::kImage, "data:image/png;base64,AAAA", ""});
  r.messages.push_back(m);
  return r;
}

TEST(Router, AliasesSelectTiers) {
  Router r(two_tiers());
  for (const char* m : {"local", "reflex"}) {
    auto d = r.route_chat(chat(m), "");
    ASSERT_TRUE(d.ok()) << d.status().to_string();
    EXPECT_EQ(d->tier, Tier::kLocal);
    EXPECT_EQ(d->model, "llama3.1:8b");
    EXPECT_NE(d->reason.find(m), std::string::npos);
  }
  for (const char* m : {"cloud", "reasoning"}) {
    auto d = r.route_chat(chat(m), "");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->tier, Tier::kCloud);
    EXPECT_EQ(d->provider_index, 1u);
    EXPECT_EQ(d->model, "gpt-4o");
  }
}

TEST(Router, ExplicitModelNamesTheirProvider) {
  Router r(two_tiers());
  auto d = r.route_chat(chat("gpt-4o"), "");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->provider_index, 1u);
  auto extra = r.route_chat(chat("llama3.2:1b"), "");
  ASSERT_TRUE(extra.ok());
  EXPECT_EQ(extra->provider_index, 0u);
  EXPECT_EQ(extra->model, "llama3.2:1b");  // the requested name is kept
}

TEST(Router, AutoPlaceholderRule) {
  Router r(two_tiers());
  EXPECT_EQ(r.route_chat(chat("auto"), "")->tier, Tier::kLocal);
  EXPECT_EQ(r.route_chat(chat("auto", true), "")->tier, Tier::kCloud);
  EXPECT_EQ(r.route_chat(chat("llama3.2", true), "")->tier, Tier::kCloud);  // configured auto name
  EXPECT_NE(r.route_chat(chat("auto", true), "")->reason.find("image"), std::string::npos);
}

TEST(Router, PinOverridesModel) {
  Router r(two_tiers());
  auto d = r.route_chat(chat("gpt-4o"), "local");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->tier, Tier::kLocal);
  EXPECT_EQ(d->model, "llama3.1:8b");
  EXPECT_NE(d->reason.find("X-Splitpoint-Tier"), std::string::npos);
  EXPECT_EQ(r.route_chat(chat("auto"), "CLOUD")->tier, Tier::kCloud);
  auto bad = r.route_chat(chat("auto"), "moon");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST(Router, UnknownModelIsNotFoundAndListsKnownOnes) {
  Router r(two_tiers());
  auto d = r.route_chat(chat("mistral"), "");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kNotFound);
  EXPECT_NE(d.status().message().find("'gpt-4o'"), std::string::npos);
  EXPECT_NE(d.status().message().find("'auto'"), std::string::npos);
}

TEST(Router, EmbeddingsGoLocalByDefault) {
  Router r(two_tiers());
  EmbedRequest e;
  e.model = "auto";
  auto d = r.route_embed(e, "");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->model, "all-minilm");
  e.model = "text-embedding-3-small";
  EXPECT_EQ(r.route_embed(e, "")->tier, Tier::kCloud);
  e.model = "cloud";
  EXPECT_EQ(r.route_embed(e, "")->model, "text-embedding-3-small");
}

TEST(Router, MissingTierIsUnavailable) {
  auto c = std::make_shared<config::Config>(*two_tiers());
  c->providers.pop_back();
  Router r(c);
  auto d = r.route_chat(chat("cloud"), "");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace splitpoint::router
