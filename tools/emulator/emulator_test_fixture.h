// A GoogleTest fixture sharing one emulator process per test suite, reset before each test.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "emulator_test_support.h"

namespace splitpoint::emulator::testing {

class EmulatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    process_ = EmulatorProcess::start({"--port", "0"}, error).release();
    ASSERT_NE(process_, nullptr) << error;
  }
  static void TearDownTestSuite() {
    delete process_;
    process_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(process_, nullptr);
    client_.emplace(process_->port());
    ASSERT_EQ(client_->post("/_emulator/reset", "").status, 200u);
  }

  Client& client() { return *client_; }
  uint16_t port() const { return process_->port(); }
  // Scripts faults: `faults` is the JSON array text.
  void add_faults(const std::string& faults) {
    ASSERT_EQ(client_->post("/_emulator/faults", "{\"faults\":" + faults + "}").status, 200u);
  }
  void configure(const std::string& config) {
    ASSERT_EQ(client_->post("/_emulator/config", config).status, 200u);
  }

  inline static EmulatorProcess* process_ = nullptr;
  std::optional<Client> client_;
};

// An OpenAI chat body with one user message and `extra` fields (",\"stream\":true", ...).
inline std::string openai_chat(std::string_view text, std::string_view extra = {}) {
  return std::string(R"({"model":"gpt-4o","messages":[{"role":"user","content":")") +
         std::string(text) + "\"}]" + std::string(extra) + "}";
}

// An Ollama chat body with one user message and `extra` fields.
inline std::string ollama_chat(std::string_view text, std::string_view extra = {}) {
  return std::string(R"({"model":"llama3.1:8b","messages":[{"role":"user","content":")") +
         std::string(text) + "\"}]" + std::string(extra) + "}";
}

inline boost::json::value parse(std::string_view s) {
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(s, ec);
  return ec ? boost::json::value() : v;
}

inline std::string str(const boost::json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : std::string("<not a string>");
}

}  // namespace splitpoint::emulator::testing
