// The active health checker against a loopback upstream: Ollama's /api/version + /api/ps (loaded
// models recorded), an OpenAI-compatible /models, and a refused port; the results drive the
// HealthBoard's circuit.
#include "server/health_checker.h"

#include <gtest/gtest.h>

#include "http/testing_server.h"

namespace splitpoint::server {
namespace {

using namespace http::test_support;
using namespace std::chrono_literals;

uint16_t closed_port() {
  asio::io_context io;
  tcp::acceptor a(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();  // closed again when `a` goes
}

ProviderDescriptor provider(std::string name, Protocol kind, std::string url) {
  ProviderDescriptor p;
  p.name = std::move(name);
  p.kind = kind;
  p.tier = kind == Protocol::kOllama ? Tier::kLocal : Tier::kCloud;
  p.base_url = std::move(url);
  p.chat_model = "m";
  p.connect_timeout = 500ms;
  return p;
}

TEST(HealthChecker, ProbesRecordLoadedModelsAndDriveTheCircuit) {
  asio::io_context io;
  bool healthy_upstream = true;
  int requests = 0;
  TestServer server(io, [&](tcp::socket socket, int) -> asio::awaitable<void> {
    co_await serve_http(socket, [&](const TestRequest& r) {
      ++requests;
      if (!healthy_upstream) return make_response(r, bhttp::status::internal_server_error, "{}");
      const std::string target(r.target());
      if (target == "/api/ps") {
        return make_response(r, bhttp::status::ok, R"({"models":[{"name":"llama3.1:8b"}]})");
      }
      if (target == "/api/version" || target == "/v1/models") {
        return make_response(r, bhttp::status::ok, R"({"version":"1","data":[]})");
      }
      return make_response(r, bhttp::status::not_found, "{}");
    });
  });
  auto config = std::make_shared<config::Config>();
  config->circuit.failures = 1;
  config->providers = {provider("gpu", Protocol::kOllama, server.url()),
                       provider("api", Protocol::kOpenAI, server.url() + "/v1"),
                       provider("gone", Protocol::kOpenAI,
                                "http://127.0.0.1:" + std::to_string(closed_port()) + "/v1")};
  auto state = std::make_shared<SharedState>(*config);
  auto checker = std::make_shared<HealthChecker>(io.get_executor(), config, state);

  state->health.mark_down(0);  // e.g. the start-up probe failed
  ASSERT_TRUE(run(io, [](std::shared_ptr<HealthChecker> c) -> asio::awaitable<bool> {
                co_await c->probe_all();
                co_return true;
              }(checker)));
  EXPECT_EQ(state->health.circuit(0), policy::HealthBoard::Circuit::kClosed);  // closed by it
  EXPECT_EQ(state->loaded.get(0), std::vector<std::string>{"llama3.1:8b"});
  EXPECT_TRUE(state->health.healthy(1));
  EXPECT_EQ(state->health.circuit(2), policy::HealthBoard::Circuit::kOpen);
  EXPECT_EQ(requests, 3);

  healthy_upstream = false;
  ASSERT_TRUE(run(io, [](std::shared_ptr<HealthChecker> c) -> asio::awaitable<bool> {
                co_await c->probe_all();
                co_return true;
              }(checker)));
  EXPECT_FALSE(state->health.healthy(0));
  EXPECT_FALSE(state->health.healthy(1));
}

// A server that answers but has no model list (404: proxies, minimal OpenAI-compatible servers)
// is alive; one that refuses the configured key (401) is not.
TEST(HealthChecker, AnAnswerWithoutTheProbePathIsAliveARefusedKeyIsNot) {
  asio::io_context io;
  TestServer server(io, [&](tcp::socket socket, int) -> asio::awaitable<void> {
    co_await serve_http(socket, [&](const TestRequest& r) {
      const bool keyed = std::string(r.target()).starts_with("/keyed/");
      return make_response(r, keyed ? bhttp::status::unauthorized : bhttp::status::not_found,
                           "{}");
    });
  });
  auto config = std::make_shared<config::Config>();
  config->circuit.failures = 1;
  config->providers = {provider("no-list", Protocol::kOpenAI, server.url() + "/v1"),
                       provider("keyed", Protocol::kOpenAI, server.url() + "/keyed/v1")};
  auto state = std::make_shared<SharedState>(*config);
  auto checker = std::make_shared<HealthChecker>(io.get_executor(), config, state);
  state->health.mark_down(0);
  ASSERT_TRUE(run(io, [](std::shared_ptr<HealthChecker> c) -> asio::awaitable<bool> {
                co_await c->probe_all();
                co_return true;
              }(checker)));
  EXPECT_EQ(state->health.circuit(0), policy::HealthBoard::Circuit::kClosed);
  EXPECT_EQ(state->health.circuit(1), policy::HealthBoard::Circuit::kOpen);
}

TEST(HealthChecker, ParsesPs) {
  EXPECT_EQ(HealthChecker::parse_ps(R"({"models":[{"name":"a"},{"name":"b:1"},{"x":1}]})"),
            (std::vector<std::string>{"a", "b:1"}));
  EXPECT_TRUE(HealthChecker::parse_ps("garbage").empty());
}

}  // namespace
}  // namespace splitpoint::server
