#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "config/config.h"

namespace splitpoint::config {
namespace {

using std::chrono::milliseconds;

Config parse_ok(const std::string& yaml) {
  Result<Config> r = parse_config(yaml, "gw.yaml");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? r.value() : Config{};
}

TEST(DefaultConfig, MatchesTheDocumentedDefaults) {
  ::setenv("OPENAI_API_KEY", "sk-default-test", 1);
  Config c = default_config();
  ::unsetenv("OPENAI_API_KEY");
  EXPECT_EQ(c.server.listen_host, "127.0.0.1");
  EXPECT_EQ(c.server.listen_port, 8080);
  EXPECT_TRUE(c.server.api_keys.empty());
  EXPECT_EQ(c.server.workers, 1);
  EXPECT_EQ(c.source, "");
  ASSERT_EQ(c.providers.size(), 2u);
  const ProviderDescriptor& local = c.providers[0];
  EXPECT_EQ(local.name, "ollama");
  EXPECT_EQ(local.tier, Tier::kLocal);
  EXPECT_EQ(local.kind, Protocol::kOllama);
  EXPECT_EQ(local.base_url, "http://127.0.0.1:11434");
  EXPECT_EQ(local.chat_model, "llama3.1:8b");
  EXPECT_EQ(local.embedding_model, "all-minilm");
  EXPECT_EQ(local.context_tokens, 8192);
  EXPECT_EQ(local.api_key, "");
  const ProviderDescriptor& cloud = c.providers[1];
  EXPECT_EQ(cloud.name, "openai");
  EXPECT_EQ(cloud.tier, Tier::kCloud);
  EXPECT_EQ(cloud.kind, Protocol::kOpenAI);
  EXPECT_EQ(cloud.base_url, "https://api.openai.com/v1");
  EXPECT_EQ(cloud.api_key, "sk-default-test");
  EXPECT_EQ(cloud.chat_model, "gpt-4o");
  EXPECT_EQ(cloud.embedding_model, "text-embedding-3-small");
  EXPECT_EQ(cloud.context_tokens, 128000);
  EXPECT_TRUE(validate(c).is_ok());
  EXPECT_EQ(default_config().providers[1].api_key, "");  // unset key -> ""
}

TEST(ParseConfig, EmptyFileIsDefaults) {
  Config c = parse_ok("# nothing here\n");
  EXPECT_EQ(c.source, "gw.yaml");
  EXPECT_EQ(c.providers.size(), 2u);
  EXPECT_EQ(c.server.listen_port, 8080);
}

TEST(ParseConfig, FullFile) {
  ::setenv("SP_TEST_CLOUD_KEY", "sk-full", 1);
  Config c = parse_ok(R"(
server:
  listen: "[::1]:9090"
  api_keys: [alpha, beta]
  allow_open_relay: false
  workers: 4
  max_body_bytes: 512KiB
  request_timeout_ms: 30000
providers:
  - name: home-gpu
    tier: local
    kind: ollama
    base_url: http://10.0.0.5:11434/
    chat_model: llama3.1:8b
    embedding_model: all-minilm
    models: [llama3.2, qwen2.5:7b]
    vision: false
    tools: yes
    context_tokens: 8192
    connect_timeout_ms: 1500
  - name: vllm
    tier: cloud
    kind: openai
    base_url: https://llm.example.com/v1
    api_key: ${SP_TEST_CLOUD_KEY}
    chat_model: big
    request_timeout_ms: 120000
routing:
  auto_models: [gpt-3.5-turbo]
  embeddings_tier: cloud
)");
  ::unsetenv("SP_TEST_CLOUD_KEY");
  EXPECT_EQ(c.server.listen_host, "::1");
  EXPECT_EQ(c.server.listen_port, 9090);
  EXPECT_EQ(c.server.api_keys, (std::vector<std::string>{"alpha", "beta"}));
  EXPECT_EQ(c.server.workers, 4);
  EXPECT_EQ(c.server.max_body_bytes, 512u * 1024);
  EXPECT_EQ(c.server.request_timeout, milliseconds(30000));
  ASSERT_EQ(c.providers.size(), 2u);
  const ProviderDescriptor& a = c.providers[0];
  EXPECT_EQ(a.name, "home-gpu");
  EXPECT_EQ(a.base_url, "http://10.0.0.5:11434");  // trailing slash removed
  EXPECT_EQ(a.models, (std::vector<std::string>{"llama3.2", "qwen2.5:7b"}));
  EXPECT_FALSE(a.vision);
  EXPECT_TRUE(a.tools);
  EXPECT_EQ(a.context_tokens, 8192);
  EXPECT_EQ(a.connect_timeout, milliseconds(1500));
  EXPECT_EQ(a.request_timeout, milliseconds(30000));  // inherited from server
  const ProviderDescriptor& b = c.providers[1];
  EXPECT_EQ(b.tier, Tier::kCloud);
  EXPECT_EQ(b.kind, Protocol::kOpenAI);
  EXPECT_EQ(b.api_key, "sk-full");
  EXPECT_EQ(b.chat_model, "big");
  EXPECT_EQ(b.embedding_model, "");
  EXPECT_TRUE(b.vision);  // default
  EXPECT_EQ(b.context_tokens, 0);
  EXPECT_EQ(b.request_timeout, milliseconds(120000));
  EXPECT_EQ(c.routing.auto_models, (std::vector<std::string>{"gpt-3.5-turbo"}));
  EXPECT_EQ(c.routing.embeddings_tier, Tier::kCloud);
}

TEST(ParseConfig, PartialFileKeepsDefaultsForTheRest) {
  Config c = parse_ok("server:\n  workers: 2\n  request_timeout_ms: 1000\n");
  EXPECT_EQ(c.server.workers, 2);
  EXPECT_EQ(c.server.listen_host, "127.0.0.1");
  EXPECT_EQ(c.server.listen_port, 8080);
  EXPECT_EQ(c.server.max_body_bytes, 32u << 20);
  ASSERT_EQ(c.providers.size(), 2u);
  EXPECT_EQ(c.providers[0].name, "ollama");
  EXPECT_EQ(c.providers[0].request_timeout, milliseconds(1000));
  EXPECT_EQ(c.routing.embeddings_tier, Tier::kLocal);
}

TEST(ParseConfig, ProvidersListReplacesDefaults) {
  Config c = parse_ok(R"(
providers:
  - name: only
    tier: local
    kind: openai
    base_url: http://127.0.0.1:1234/v1
    embedding_model: nomic
)");
  ASSERT_EQ(c.providers.size(), 1u);
  EXPECT_EQ(c.providers[0].name, "only");
  EXPECT_EQ(c.providers[0].embedding_model, "nomic");
}

TEST(ParseConfig, BodySizeUnits) {
  auto size_of = [](const std::string& v) {
    return parse_ok("server:\n  max_body_bytes: " + v + "\n").server.max_body_bytes;
  };
  EXPECT_EQ(size_of("33554432"), 33554432u);
  EXPECT_EQ(size_of("32MiB"), 32u << 20);
  EXPECT_EQ(size_of("512KiB"), 512u << 10);
  EXPECT_EQ(size_of("1MB"), 1000000u);
  EXPECT_EQ(size_of("\"2 GiB\""), 2ull << 30);
  EXPECT_EQ(size_of("100b"), 100u);
}

TEST(ParseConfig, EnvExpansionWithDefaultsAndUnset) {
  ::setenv("SP_TEST_PORT", "9191", 1);
  ::setenv("SP_TEST_WORKERS", "3", 1);
  ::unsetenv("SP_TEST_UNSET");
  Config c = parse_ok(R"(
server:
  listen: 127.0.0.1:${SP_TEST_PORT}
  workers: ${SP_TEST_WORKERS}
  request_timeout_ms: ${SP_TEST_UNSET:-2500}
providers:
  - name: p$$1
    tier: cloud
    kind: openai
    base_url: ${SP_TEST_UNSET:-https://api.openai.com/v1}
    api_key: ${SP_TEST_UNSET}
    chat_model: "${SP_TEST_UNSET:-gpt-4o}"
)");
  ::unsetenv("SP_TEST_PORT");
  ::unsetenv("SP_TEST_WORKERS");
  EXPECT_EQ(c.server.listen_port, 9191);
  EXPECT_EQ(c.server.workers, 3);
  EXPECT_EQ(c.server.request_timeout, milliseconds(2500));
  ASSERT_EQ(c.providers.size(), 1u);
  EXPECT_EQ(c.providers[0].name, "p$1");
  EXPECT_EQ(c.providers[0].base_url, "https://api.openai.com/v1");
  EXPECT_EQ(c.providers[0].api_key, "");
  EXPECT_EQ(c.providers[0].chat_model, "gpt-4o");
}

TEST(ParseConfig, EnvValueIsNotYamlParsed) {
  ::setenv("SP_TEST_KEY_WITH_HASH", "sk-a#b: c", 1);
  Config c = parse_ok("server:\n  api_keys: [\"${SP_TEST_KEY_WITH_HASH}\"]\n");
  ::unsetenv("SP_TEST_KEY_WITH_HASH");
  EXPECT_EQ(c.server.api_keys, (std::vector<std::string>{"sk-a#b: c"}));
}

TEST(LoadConfigFile, ReadsAndNamesTheFile) {
  auto path = std::filesystem::temp_directory_path() /
              ("splitpoint_config_test_" + std::to_string(::getpid()) + ".yaml");
  {
    std::ofstream out(path);
    out << "server:\n  workers: 5\n  bogus: 1\n";
  }
  Result<Config> r = load_config_file(path.string());
  std::filesystem::remove(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind(path.string() + ":3: server.bogus: unknown key", 0), 0u)
      << r.status().message();
}

TEST(LoadConfigFile, UnreadableFileIsNamed) {
  Result<Config> r = load_config_file("/nonexistent/splitpoint.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("\"/nonexistent/splitpoint.yaml\""), std::string::npos);
  Result<Config> dir = load_config_file(std::filesystem::temp_directory_path().string());
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("directory"), std::string::npos);
}

// The shipped example must stay valid.
TEST(ExampleFile, Parses) {
  std::filesystem::path here = std::filesystem::path(__FILE__).parent_path();
  std::filesystem::path example = here / ".." / ".." / "config" / "splitpoint.example.yaml";
  ::setenv("OPENAI_API_KEY", "sk-example", 1);
  Result<Config> r = load_config_file(example.string());
  ::unsetenv("OPENAI_API_KEY");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_GE(r->providers.size(), 2u);
  EXPECT_EQ(r->providers[0].base_url, "http://127.0.0.1:11434");
  EXPECT_EQ(r->providers[0].tier, Tier::kLocal);
  EXPECT_EQ(r->providers[1].api_key, "sk-example");
  EXPECT_EQ(r->providers[1].tier, Tier::kCloud);
  EXPECT_TRUE(is_loopback(r->server.listen_host));
  // The resilience and limit keys it shows carry the defaults.
  const Config d = default_config();
  EXPECT_EQ(r->server.max_messages, d.server.max_messages);
  EXPECT_EQ(r->server.max_header_bytes, d.server.max_header_bytes);
  EXPECT_EQ(r->server.max_concurrent_requests, d.server.max_concurrent_requests);
  EXPECT_EQ(r->server.health_check_interval, d.server.health_check_interval);
  EXPECT_EQ(r->circuit.failures, d.circuit.failures);
  EXPECT_EQ(r->circuit.cooldown, d.circuit.cooldown);
  EXPECT_EQ(r->router.max_attempts, d.router.max_attempts);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(r->providers[i].first_token_timeout, default_first_token_timeout(r->providers[i].tier));
    EXPECT_EQ(r->providers[i].idle_timeout, d.providers[i].idle_timeout);
    EXPECT_EQ(r->providers[i].hedge_after, std::chrono::milliseconds(0));
  }
  EXPECT_EQ(r->cost.reference_provider, "openai");
}

}  // namespace
}  // namespace splitpoint::config
