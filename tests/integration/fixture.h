// The shared fixture of the integration tests: one emulator and one gateway for the suite,
// on ports chosen by the OS; helpers to script the emulator and call the gateway.
#pragma once

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "support/process.h"
#include "test_client.h"

namespace splitpoint::testing {

using namespace std::chrono_literals;

inline std::string write_temp(const std::string& text) {
  char path[] = "/tmp/splitpoint-test-XXXXXX.yaml";
  const int fd = ::mkstemps(path, 5);
  EXPECT_GE(fd, 0);
  ::close(fd);
  std::ofstream(path) << text;
  return path;
}

inline std::string gateway_yaml(uint16_t emu, const std::string& server_extra = "") {
  const std::string base = "http://127.0.0.1:" + std::to_string(emu);
  return "server:\n  listen: 127.0.0.1:0\n  max_body_bytes: 65536\n" + server_extra +
         "providers:\n"
         "  - name: home-gpu\n    tier: local\n    kind: ollama\n    base_url: " + base +
         "\n    chat_model: llama3.1:8b\n    embedding_model: all-minilm\n"
         "    request_timeout_ms: 1500\n"
         "  - name: cloud\n    tier: cloud\n    kind: openai\n    base_url: " + base +
         "/v1\n    api_key: sk-test\n    chat_model: gpt-4o\n"
         "    embedding_model: text-embedding-3-small\n    request_timeout_ms: 1500\n";
}

class GatewayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto emu = Process::spawn({EMULATOR_PATH, "--port", "0", "--require-key", "sk-test", "--models",
                               "llama3.1:8b,all-minilm,gpt-4o,text-embedding-3-small"});
    ASSERT_TRUE(emu.ok()) << emu.status().to_string();
    emulator_ = emu.value().release();
    auto ep = emulator_->wait_listening(10s);
    ASSERT_TRUE(ep.ok()) << ep.status().to_string();
    emu_port_ = ep->port;
    gateway_ = start_gateway(gateway_yaml(emu_port_), gw_port_).release();
  }
  static void TearDownTestSuite() {
    delete gateway_;
    delete emulator_;
  }
  void SetUp() override { ASSERT_EQ(admin("/_emulator/reset", "{}").status, 200); }

  static std::unique_ptr<Process> start_gateway(const std::string& yaml, uint16_t& port) {
    auto gw = Process::spawn({SPLITPOINT_PATH, "serve", "--config", write_temp(yaml)});
    EXPECT_TRUE(gw.ok()) << gw.status().to_string();
    if (!gw.ok()) return nullptr;
    auto ep = (*gw)->wait_listening(10s);
    EXPECT_TRUE(ep.ok()) << ep.status().to_string() << (*gw)->output();
    port = ep.ok() ? ep->port : 0;
    return std::move(gw).value();
  }
  static HttpResult admin(const std::string& path, const std::string& body) {
    return http_call(emu_port_, body.empty() ? "GET" : "POST", path, body);
  }
  static void fault(const std::string& json) {
    ASSERT_EQ(admin("/_emulator/faults", "{\"faults\":[" + json + "]}").status, 200);
  }
  static HttpResult post(const std::string& path, const std::string& body,
                         const Headers& headers = {}) {
    return http_call(gw_port_, "POST", path, body, headers);
  }

  static inline Process* emulator_ = nullptr;
  static inline Process* gateway_ = nullptr;
  static inline uint16_t emu_port_ = 0;
  static inline uint16_t gw_port_ = 0;
};


}  // namespace splitpoint::testing
