// The timeout, retry, limit, circuit and health-check keys: defaults, parsing, line-precise errors.
#include <gtest/gtest.h>

#include "config/config.h"

namespace splitpoint::config {
namespace {

using std::chrono::milliseconds;

const char* kProvider = R"(
providers:
  - name: gpu
    tier: local
    kind: ollama
    base_url: http://127.0.0.1:11434
    chat_model: m
)";

Config parse_ok(const std::string& yaml) {
  auto c = parse_config(yaml, "gw.yaml");
  EXPECT_TRUE(c.ok()) << c.status().to_string();
  return c.ok() ? std::move(c).value() : Config{};
}

std::string parse_error(const std::string& yaml) {
  auto c = parse_config(yaml, "gw.yaml");
  EXPECT_FALSE(c.ok());
  return c.ok() ? "" : c.status().message();
}

TEST(ResilienceKeys, DefaultsAreSaneAndTierDependent) {
  Config c = parse_ok(std::string(kProvider) +
                      "  - name: api\n    tier: cloud\n    kind: openai\n"
                      "    base_url: https://x.example/v1\n    chat_model: big\n");
  EXPECT_EQ(c.server.max_messages, 1000u);
  EXPECT_EQ(c.server.max_header_bytes, 32u * 1024);
  EXPECT_EQ(c.server.max_concurrent_requests, 1024);
  EXPECT_EQ(c.server.health_check_interval, milliseconds(10000));
  EXPECT_EQ(c.circuit.failures, 3);
  EXPECT_EQ(c.circuit.cooldown, milliseconds(10000));
  EXPECT_EQ(c.router.max_attempts, 3);
  EXPECT_EQ(c.providers[0].connect_timeout, milliseconds(5000));
  EXPECT_EQ(c.providers[0].first_token_timeout, milliseconds(120000));
  EXPECT_EQ(c.providers[1].first_token_timeout, milliseconds(30000));
  EXPECT_EQ(c.providers[0].idle_timeout, milliseconds(60000));
  EXPECT_EQ(c.providers[0].retries, 0);
  EXPECT_EQ(c.providers[0].max_concurrent, 0);
  EXPECT_EQ(c.providers[0].hedge_after, milliseconds(0));
  const Config d = default_config();
  EXPECT_EQ(d.providers[0].first_token_timeout, milliseconds(120000));
  EXPECT_EQ(d.providers[1].first_token_timeout, milliseconds(30000));
}

TEST(ResilienceKeys, EveryKeyIsRead) {
  Config c = parse_ok(std::string(R"(
server:
  max_messages: 10
  max_header_bytes: 8KiB
  max_concurrent_requests: 5
  health_check_interval_ms: 0
router:
  max_attempts: 4
circuit:
  failures: 2
  cooldown_ms: 250
)") + kProvider + R"(    first_token_timeout_ms: 0
    idle_timeout_ms: 700
    retries: 2
    max_concurrent: 8
    hedge_after_ms: 150
)");
  EXPECT_EQ(c.server.max_messages, 10u);
  EXPECT_EQ(c.server.max_header_bytes, 8u * 1024);
  EXPECT_EQ(c.server.max_concurrent_requests, 5);
  EXPECT_EQ(c.server.health_check_interval, milliseconds(0));
  EXPECT_EQ(c.router.max_attempts, 4);
  EXPECT_EQ(c.circuit.failures, 2);
  EXPECT_EQ(c.circuit.cooldown, milliseconds(250));
  const ProviderDescriptor& p = c.providers[0];
  EXPECT_EQ(p.first_token_timeout, milliseconds(0));
  EXPECT_EQ(p.idle_timeout, milliseconds(700));
  EXPECT_EQ(p.retries, 2);
  EXPECT_EQ(p.max_concurrent, 8);
  EXPECT_EQ(p.hedge_after, milliseconds(150));
}

TEST(ResilienceKeys, BadValuesNameFileLineAndKey) {
  EXPECT_EQ(parse_error("circuit:\n  failures: 0\n").rfind("gw.yaml:2: circuit.failures: ", 0),
            0u);
  EXPECT_EQ(parse_error("circuit:\n  cooldown: 5\n").rfind("gw.yaml:2: circuit.cooldown", 0), 0u);
  EXPECT_EQ(parse_error("router:\n  max_attempts: 0\n").rfind("gw.yaml:2: router.max_attempts: ", 0),
            0u);
  EXPECT_EQ(parse_error("server:\n  max_messages: -1\n").rfind("gw.yaml:2: server.max_messages: ", 0),
            0u);
  EXPECT_EQ(parse_error(std::string(kProvider) + "    idle_timeout_ms: -5\n")
                .rfind("gw.yaml:8: providers[0].idle_timeout_ms: ", 0),
            0u);
  EXPECT_EQ(parse_error(std::string(kProvider) + "    retries: x\n")
                .rfind("gw.yaml:8: providers[0].retries: ", 0),
            0u);
}

}  // namespace
}  // namespace splitpoint::config
