// The fault-injection matrix: every upstream fault x {streaming, not} x {OpenAI door, Ollama
// door}, through the real gateway, with two emulators (local provider "local-a" on one, cloud
// provider "cloud-b" on the other) so that "served by the fallback" is unambiguous. The client
// gets either the fallback's complete answer or a clean error in its protocol, within the
// configured deadlines; afterwards the gateway's fds and counters are back to their baseline.
#include <dirent.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <regex>
#include <thread>

#include <gtest/gtest.h>

#include "fixture.h"

namespace splitpoint::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Timeouts of local-a (the provider that fails).
constexpr auto kFirstToken = 400ms;
constexpr auto kRequestTimeout = 1200ms;
constexpr auto kMargin = 1000ms;

std::unique_ptr<Process> start_emulator(uint16_t& port) {
  auto emu = Process::spawn({EMULATOR_PATH, "--port", "0", "--models", "llama3.1:8b,gpt-4o"});
  EXPECT_TRUE(emu.ok());
  if (!emu.ok()) return nullptr;
  auto ep = (*emu)->wait_listening(10s);
  EXPECT_TRUE(ep.ok());
  port = ep.ok() ? ep->port : 0;
  return std::move(emu).value();
}

uint16_t closed_port() {
  // Bind an ephemeral port, then free it: nothing listens there afterwards.
  auto emu = Process::spawn({EMULATOR_PATH, "--port", "0"});
  if (!emu.ok()) return 1;
  auto ep = (*emu)->wait_listening(10s);
  return ep.ok() ? ep->port : 1;  // the emulator exits with `emu`
}

std::string yaml(const std::string& local_url, uint16_t cloud) {
  return "server:\n  listen: 127.0.0.1:0\n  health_check_interval_ms: 0\n"
         "  request_timeout_ms: 5000\n"
         "circuit:\n  failures: 1000\n"  // the matrix hits local-a often; keep it in the plan
         "router:\n  privacy: local-only\n"
         "providers:\n"
         "  - name: local-a\n    tier: local\n    kind: ollama\n    base_url: " + local_url +
         "\n    chat_model: llama3.1:8b\n    first_token_timeout_ms: 400\n"
         "    request_timeout_ms: 1200\n    idle_timeout_ms: 2000\n"
         "  - name: cloud-b\n    tier: cloud\n    kind: openai\n    base_url: http://127.0.0.1:" +
         std::to_string(cloud) + "/v1\n    chat_model: gpt-4o\n    request_timeout_ms: 3000\n";
}

int fd_count(pid_t pid) {
  DIR* d = ::opendir(("/proc/" + std::to_string(pid) + "/fd").c_str());
  if (d == nullptr) return -1;
  int n = 0;
  while (::readdir(d) != nullptr) ++n;
  ::closedir(d);
  return n - 2;
}

long readyz_field(uint16_t port, const std::string& name) {
  auto r = http_call(port, "GET", "/readyz");
  std::smatch m;
  const std::regex re("\"" + name + "\":(\\d+)");
  return std::regex_search(r.body, m, re) ? std::stol(m[1]) : -1;
}

struct Door {
  std::string path;
  bool openai;
};
const Door kOpenAI{"/v1/chat/completions", true};
const Door kOllama{"/api/chat", false};

std::string chat(const std::string& text, bool stream) {
  return R"({"model":"auto","stream":)" + std::string(stream ? "true" : "false") +
         R"(,"messages":[{"role":"user","content":")" + text + R"("}]})";
}

class FaultsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    emu_a_ = start_emulator(port_a_).release();
    emu_b_ = start_emulator(port_b_).release();
    gw_ = GatewayTest_start(yaml("http://127.0.0.1:" + std::to_string(port_a_), port_b_), gw_port_)
              .release();
  }
  static void TearDownTestSuite() {
    delete gw_;
    delete emu_a_;
    delete emu_b_;
  }
  void SetUp() override {
    ASSERT_EQ(http_call(port_a_, "POST", "/_emulator/reset", "{}").status, 200);
    ASSERT_EQ(http_call(port_b_, "POST", "/_emulator/reset", "{}").status, 200);
  }

  static std::unique_ptr<Process> GatewayTest_start(const std::string& text, uint16_t& port) {
    auto gw = Process::spawn({SPLITPOINT_PATH, "serve", "--config", write_temp(text)});
    EXPECT_TRUE(gw.ok());
    if (!gw.ok()) return nullptr;
    auto ep = (*gw)->wait_listening(10s);
    EXPECT_TRUE(ep.ok()) << (*gw)->output();
    port = ep.ok() ? ep->port : 0;
    return std::move(gw).value();
  }
  static void fault(uint16_t emu, const std::string& json) {
    ASSERT_EQ(http_call(emu, "POST", "/_emulator/faults", "{\"faults\":[" + json + "]}").status,
              200);
  }
  // Chat requests the emulator received since its last reset (probes not counted).
  static long requests_seen(uint16_t emu) {
    const std::string record = http_call(emu, "GET", "/_emulator/requests").body;
    long n = 0;
    for (std::size_t at = 0; (at = record.find("\"path\":\"/v1/chat/completions\"", at)) !=
                             std::string::npos;
         ++at) {
      ++n;
    }
    return n;
  }

  // Asserts the complete, correct answer of cloud-b in the door's protocol.
  static void expect_fallback_answer(const HttpResult& r, const Door& door, bool stream,
                                     const std::string& what) {
    EXPECT_EQ(r.status, 200) << what << ": " << r.body;
    EXPECT_EQ(r.header("X-Splitpoint-Provider"), "cloud-b") << what;
    // Fallen back from local-a, or (once local-a is known down) routed around it.
    const std::string reason = r.header("X-Splitpoint-Reason");
    EXPECT_TRUE(reason.find("fallback") != std::string::npos ||
                reason.find("health: local-a unhealthy") != std::string::npos)
        << what << ": " << reason;
    if (!stream) {
      EXPECT_NE(r.body.find("\"content\":\"echo: hello world\""), std::string::npos)
          << what << ": " << r.body;
    } else {
      EXPECT_NE(r.body.find("\"content\":\"world\""), std::string::npos) << what << ": " << r.body;
    }
    if (stream && door.openai) EXPECT_NE(r.body.find("data: [DONE]"), std::string::npos) << what;
    if (!door.openai) EXPECT_NE(r.body.find("\"done\":true"), std::string::npos) << what;
  }

  static inline Process* emu_a_ = nullptr;
  static inline Process* emu_b_ = nullptr;
  static inline Process* gw_ = nullptr;
  static inline uint16_t port_a_ = 0, port_b_ = 0, gw_port_ = 0;
};

struct Fault {
  std::string name;
  std::string json;  // for emulator A, path-scoped to /api/chat
  std::chrono::milliseconds deadline_stream, deadline_whole;
};

TEST_F(FaultsTest, EveryFaultBeforeTheFirstByteIsServedByTheFallbackWithinTheDeadlines) {
  // Warm up both pools, then take the baseline.
  for (const Door& door : {kOpenAI, kOllama}) {
    ASSERT_EQ(http_call(gw_port_, "POST", door.path, chat("hello world", false)).status, 200);
  }
  fault(port_a_, R"({"kind":"status","code":500,"path":"/api/chat"})");
  ASSERT_EQ(http_call(gw_port_, "POST", kOpenAI.path, chat("hello world", false)).status, 200);
  const int fds_before = fd_count(gw_->pid());
  const long upstream_before = readyz_field(gw_port_, "upstream_connections");
  ASSERT_GT(fds_before, 0);

  const std::vector<Fault> faults = {
      {"500", R"({"kind":"status","code":500,"path":"/api/chat"})", 0ms, 0ms},
      {"429", R"({"kind":"status","code":429,"retry_after":1,"path":"/api/chat"})", 0ms, 0ms},
      // count 2: the first close on a pooled connection looks like a stale keep-alive and is
      // re-sent once on a fresh connection by the HTTP client.
      {"close", R"({"kind":"close","count":2,"path":"/api/chat"})", 0ms, 0ms},
      {"garbage", R"({"kind":"garbage","path":"/api/chat"})", 0ms, 0ms},
      {"hang", R"({"kind":"hang","path":"/api/chat"})", kFirstToken, kRequestTimeout},
      {"stall", R"({"kind":"stall","ms":3000,"path":"/api/chat"})", kFirstToken, kRequestTimeout},
      {"cut (whole answers only)", R"({"kind":"cut","after":0,"path":"/api/chat"})", 0ms, 0ms},
  };
  for (const Fault& f : faults) {
    for (const Door& door : {kOpenAI, kOllama}) {
      for (const bool stream : {false, true}) {
        if (f.name.starts_with("cut") && stream) continue;  // a cut stream: its own test
        const std::string what = f.name + (stream ? " stream " : " whole ") + door.path;
        ASSERT_EQ(http_call(port_a_, "POST", "/_emulator/reset", "{}").status, 200);
        fault(port_a_, f.json);
        const long b_before = requests_seen(port_b_);
        const auto t0 = Clock::now();
        auto r = http_call(gw_port_, "POST", door.path, chat("hello world", stream));
        const auto elapsed = Clock::now() - t0;
        expect_fallback_answer(r, door, stream, what);
        EXPECT_EQ(requests_seen(port_b_), b_before + 1) << what;
        EXPECT_LT(elapsed, (stream ? f.deadline_stream : f.deadline_whole) + kMargin) << what;
        if (f.name == "429") {
          // Held for its Retry-After: skipped (unhealthy) for ~1 s, then offered again.
          auto ready = http_call(gw_port_, "GET", "/readyz");
          EXPECT_NE(ready.body.find(R"({"name":"local-a","tier":"local","healthy":false})"),
                    std::string::npos) << ready.body;
          bool back = false;
          for (int i = 0; i < 40 && !back; ++i) {  // bounded: 2 s
            std::this_thread::sleep_for(50ms);
            back = http_call(gw_port_, "GET", "/readyz").body.find(R"("healthy":false)") ==
                   std::string::npos;
          }
          EXPECT_TRUE(back) << "local-a still held after its Retry-After";
        }
      }
    }
  }

  // Leak check: nothing in flight, no client connection but ours, no extra upstream socket or fd.
  int fds_after = -1;
  long in_flight = -1, connections = -1, upstream = -1;
  for (int i = 0; i < 60; ++i) {  // bounded: 3 s
    in_flight = readyz_field(gw_port_, "in_flight");
    connections = readyz_field(gw_port_, "connections");
    upstream = readyz_field(gw_port_, "upstream_connections");
    fds_after = fd_count(gw_->pid());
    if (in_flight == 0 && connections == 1 && upstream <= upstream_before &&
        fds_after <= fds_before) {
      break;
    }
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(in_flight, 0);
  EXPECT_EQ(connections, 1);  // the /readyz call itself
  EXPECT_LE(upstream, upstream_before);
  EXPECT_LE(fds_after, fds_before);
}

TEST_F(FaultsTest, ACutAfterTheFirstByteEndsTheStreamWithAnErrorNotACompletion) {
  for (const Door& door : {kOpenAI, kOllama}) {
    fault(port_a_, R"({"kind":"cut","after":2,"path":"/api/chat"})");
    const long b_before = requests_seen(port_b_);
    const auto t0 = Clock::now();
    auto r = http_call(gw_port_, "POST", door.path, chat("a b c d e f", true));
    EXPECT_LT(Clock::now() - t0, kMargin) << door.path;
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("X-Splitpoint-Provider"), "local-a");
    EXPECT_NE(r.body.find("\"content\":\"echo: \""), std::string::npos) << r.body;
    if (door.openai) {
      EXPECT_NE(r.body.find("\"error\":{"), std::string::npos) << r.body;
      EXPECT_EQ(r.body.find("[DONE]"), std::string::npos) << r.body;
    } else {
      EXPECT_NE(r.body.find("{\"error\":"), std::string::npos) << r.body;
      EXPECT_EQ(r.body.find("\"done\":true"), std::string::npos) << r.body;
    }
    EXPECT_EQ(requests_seen(port_b_), b_before) << "a started stream must not fall back";
  }
}

TEST_F(FaultsTest, WhenEveryProviderFailsTheClientGetsACleanErrorInItsProtocol) {
  for (const Door& door : {kOpenAI, kOllama}) {
    for (const bool stream : {false, true}) {
      fault(port_a_, R"({"kind":"status","code":500,"path":"/api/chat"})");
      fault(port_b_, R"({"kind":"status","code":500,"path":"/v1/chat/completions"})");
      auto r = http_call(gw_port_, "POST", door.path, chat("hello world", stream));
      EXPECT_EQ(r.status, 502) << r.body;
      if (door.openai) {
        EXPECT_EQ(r.body.rfind("{\"error\":{", 0), 0u) << r.body;
      } else {
        EXPECT_EQ(r.body.rfind("{\"error\":\"", 0), 0u) << r.body;
      }
      EXPECT_EQ(r.body.find("[DONE]"), std::string::npos);
    }
  }
  // Both rate limited: 429 with Retry-After.
  fault(port_a_, R"({"kind":"status","code":429,"retry_after":1,"path":"/api/chat"})");
  fault(port_b_, R"({"kind":"status","code":429,"retry_after":1,"path":"/v1/chat/completions"})");
  auto r = http_call(gw_port_, "POST", kOpenAI.path, chat("hello world", false));
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_FALSE(r.header("Retry-After").empty());
  std::this_thread::sleep_for(1100ms);  // let both holds expire for the next tests
}

TEST_F(FaultsTest, LocalOnlyDataNeverFallsBackToTheCloud) {
  fault(port_a_, R"({"kind":"status","code":500,"path":"/api/chat"})");
  const long b_before = requests_seen(port_b_);
  auto r = http_call(gw_port_, "POST", kOpenAI.path,
                     chat("mail jane.doe@example.com about it", false));
  EXPECT_EQ(r.status, 502) << r.body;
  EXPECT_EQ(requests_seen(port_b_), b_before) << "personal data reached the cloud provider";
}

TEST_F(FaultsTest, ARefusedConnectionFallsBackAtOnce) {
  uint16_t port = 0;
  auto gw = GatewayTest_start(
      yaml("http://127.0.0.1:" + std::to_string(closed_port()), port_b_), port);
  ASSERT_NE(port, 0);
  for (const Door& door : {kOpenAI, kOllama}) {
    for (const bool stream : {false, true}) {
      const auto t0 = Clock::now();
      auto r = http_call(port, "POST", door.path, chat("hello world", stream));
      EXPECT_LT(Clock::now() - t0, kMargin);
      expect_fallback_answer(r, door, stream, std::string("refused ") + door.path);
    }
  }
}

// Limits and overload: a gateway with small limits in front of the same two emulators.
class LimitsTest : public FaultsTest {
 protected:
  void SetUp() override {
    FaultsTest::SetUp();
    std::string text = yaml("http://127.0.0.1:" + std::to_string(port_a_), port_b_);
    text.replace(text.find("server:\n"), 8,
                 "server:\n  workers: 2\n  max_messages: 3\n  max_header_bytes: 2KiB\n"
                 "  max_concurrent_requests: 3\n");
    text.replace(text.find("    idle_timeout_ms: 2000\n"), 0, "    max_concurrent: 1\n");
    gw_ = GatewayTest_start(text, port_);
    ASSERT_NE(port_, 0);
  }
  // Runs `n` slow requests for `model` in threads while `check` runs; joins them.
  void while_busy(uint16_t emu, int n, const std::string& model, const std::function<void()>& check) {
    ASSERT_EQ(http_call(emu, "POST", "/_emulator/config", R"({"ttft_ms":800})").status, 200);
    std::vector<std::thread> slow;
    for (int i = 0; i < n; ++i) {
      slow.emplace_back([&] {
        http_call(port_, "POST", kOpenAI.path,
                  R"({"model":")" + model + R"(","messages":[{"role":"user","content":"x"}]})");
      });
    }
    std::this_thread::sleep_for(300ms);  // all of them in flight upstream
    check();
    for (auto& t : slow) t.join();
  }

  std::unique_ptr<Process> gw_;
  uint16_t port_ = 0;
};

TEST_F(LimitsTest, TooManyMessagesIs400InTheClientsProtocol) {
  const std::string four = R"({"model":"auto","messages":[{"role":"user","content":"a"},)"
                           R"({"role":"assistant","content":"b"},{"role":"user","content":"c"},)"
                           R"({"role":"user","content":"d"}]})";
  auto a = http_call(port_, "POST", kOpenAI.path, four);
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(a.body.rfind("{\"error\":{", 0), 0u) << a.body;
  EXPECT_NE(a.body.find("max_messages"), std::string::npos) << a.body;
  auto o = http_call(port_, "POST", kOllama.path, four);
  EXPECT_EQ(o.status, 400);
  EXPECT_EQ(o.body.rfind("{\"error\":\"", 0), 0u) << o.body;
}

TEST_F(LimitsTest, AnOversizedHeaderIs431) {
  auto r = http_call(port_, "POST", kOpenAI.path, chat("hi", false),
                     {{"X-Padding", std::string(3000, 'p')}});
  EXPECT_EQ(r.status, 431) << r.body;
  EXPECT_EQ(r.body.rfind("{\"error\":{", 0), 0u) << r.body;
}

TEST_F(LimitsTest, AFullProviderIsSkippedAndWithNoRoomLeftItIs429) {
  while_busy(port_a_, 1, "local", [&] {
    auto pinned = http_call(port_, "POST", kOllama.path,
                            R"({"model":"local","stream":false,"messages":[{"role":"user","content":"hi"}]})");
    EXPECT_EQ(pinned.status, 429) << pinned.body;
    EXPECT_EQ(pinned.header("Retry-After"), "1");
    EXPECT_EQ(pinned.body.rfind("{\"error\":\"", 0), 0u) << pinned.body;
    auto routed = http_call(port_, "POST", kOpenAI.path, chat("hello world", false));
    EXPECT_EQ(routed.status, 200) << routed.body;
    EXPECT_EQ(routed.header("X-Splitpoint-Provider"), "cloud-b");
  });
}

TEST_F(LimitsTest, BeyondMaxConcurrentRequestsIs503WithRetryAfter) {
  while_busy(port_b_, 3, "cloud", [&] {
    EXPECT_EQ(readyz_field(port_, "in_flight"), 3);
    auto r = http_call(port_, "POST", kOpenAI.path, chat("hi", false));
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_EQ(r.header("Retry-After"), "1");
    EXPECT_EQ(r.body.rfind("{\"error\":{", 0), 0u) << r.body;
  });
  EXPECT_EQ(readyz_field(port_, "in_flight"), 0);
}

// Hedging: local-a with hedge_after_ms 200 (and a first-token timeout far beyond it).
class HedgeTest : public FaultsTest {
 protected:
  void SetUp() override {
    FaultsTest::SetUp();
    std::string text = yaml("http://127.0.0.1:" + std::to_string(port_a_), port_b_);
    text.replace(text.find("first_token_timeout_ms: 400"), 27, "first_token_timeout_ms: 5000");
    text.replace(text.find("request_timeout_ms: 1200"), 24, "request_timeout_ms: 5000");
    text.replace(text.find("    idle_timeout_ms: 2000\n"), 0, "    hedge_after_ms: 200\n");
    gw_ = GatewayTest_start(text, port_);
    ASSERT_NE(port_, 0);
  }
  std::unique_ptr<Process> gw_;
  uint16_t port_ = 0;
};

TEST_F(HedgeTest, ASlowPrimaryIsOvertakenByTheHedgeAndCancelled) {
  const long upstream_before = readyz_field(port_, "upstream_connections");
  for (const Door& door : {kOpenAI, kOllama}) {
    for (const bool stream : {false, true}) {
      const std::string what = std::string("hedge ") + (stream ? "stream " : "whole ") + door.path;
      fault(port_a_, R"({"kind":"stall","ms":3000,"path":"/api/chat"})");
      const auto t0 = Clock::now();
      auto r = http_call(port_, "POST", door.path, chat("hello world", stream));
      const auto elapsed = Clock::now() - t0;
      expect_fallback_answer(r, door, stream, what);
      EXPECT_NE(r.header("X-Splitpoint-Reason").find("hedged"), std::string::npos) << what;
      EXPECT_GE(elapsed, 190ms) << what;
      EXPECT_LT(elapsed, 200ms + kMargin) << what;  // not the 3 s stall
    }
  }
  // The losers were cancelled: no upstream socket left behind (bounded wait).
  long upstream = -1;
  for (int i = 0; i < 60 && upstream != upstream_before + 1; ++i) {
    upstream = readyz_field(port_, "upstream_connections");  // +1: cloud-b's pooled connection
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_LE(upstream, upstream_before + 1);
}

TEST_F(HedgeTest, APrimaryFailingBeforeTheDelayStartsTheHedgeAtOnce) {
  for (const bool stream : {false, true}) {
    fault(port_a_, R"({"kind":"status","code":500,"path":"/api/chat"})");
    const auto t0 = Clock::now();
    auto r = http_call(port_, "POST", kOpenAI.path, chat("hello world", stream));
    EXPECT_LT(Clock::now() - t0, 150ms) << "waited for the hedge delay";
    expect_fallback_answer(r, kOpenAI, stream, "hedge after a failure");
  }
}

TEST_F(HedgeTest, APrimaryFasterThanTheHedgeDelayServesAlone) {
  const long b_before = requests_seen(port_b_);
  for (const Door& door : {kOpenAI, kOllama}) {
    for (const bool stream : {false, true}) {
      auto r = http_call(port_, "POST", door.path, chat("hello world", stream));
      EXPECT_EQ(r.status, 200) << r.body;
      EXPECT_EQ(r.header("X-Splitpoint-Provider"), "local-a");
    }
  }
  EXPECT_EQ(requests_seen(port_b_), b_before);
}

// Chat requests emulator A (Ollama /api/chat) received since its last reset.
long local_requests(uint16_t emu) {
  const std::string record = http_call(emu, "GET", "/_emulator/requests").body;
  long n = 0;
  for (std::size_t at = 0; (at = record.find("\"path\":\"/api/chat\"", at)) != std::string::npos;
       ++at) {
    ++n;
  }
  return n;
}

// The circuit breaker through the gateway: 2 failures open it for 500 ms, then one trial.
class CircuitTest : public FaultsTest {
 protected:
  void SetUp() override {
    FaultsTest::SetUp();
    std::string text = yaml("http://127.0.0.1:" + std::to_string(port_a_), port_b_);
    text.replace(text.find("failures: 1000"), 14, "failures: 2\n  cooldown_ms: 500");
    gw_ = GatewayTest_start(text, port_);
    ASSERT_NE(port_, 0);
  }
  std::string circuit() {
    const std::string body = http_call(port_, "GET", "/readyz").body;
    std::smatch m;
    return std::regex_search(body, m, std::regex(R"re("local-a":"(\w+)")re")) ? m[1].str() : body;
  }
  std::unique_ptr<Process> gw_;
  uint16_t port_ = 0;
};

TEST_F(CircuitTest, OpensAfterFailuresThenLetsExactlyOneTrialThroughAndCloses) {
  fault(port_a_, R"({"kind":"status","code":500,"count":2,"path":"/api/chat"})");
  for (int i = 0; i < 2; ++i) {
    auto r = http_call(port_, "POST", kOpenAI.path, chat("hello world", false));
    EXPECT_EQ(r.header("X-Splitpoint-Provider"), "cloud-b");
  }
  EXPECT_EQ(circuit(), "open");
  auto skipped = http_call(port_, "POST", kOpenAI.path, chat("hello world", false));
  EXPECT_EQ(skipped.header("X-Splitpoint-Provider"), "cloud-b");
  EXPECT_EQ(local_requests(port_a_), 2) << "an open circuit must not be called";

  std::this_thread::sleep_for(550ms);
  EXPECT_EQ(circuit(), "half_open");
  // Three concurrent requests while local-a answers slowly: exactly one is its trial.
  ASSERT_EQ(http_call(port_a_, "POST", "/_emulator/config", R"({"ttft_ms":400})").status, 200);
  std::vector<std::thread> clients;
  std::vector<std::string> providers(3);
  for (int i = 0; i < 3; ++i) {
    clients.emplace_back([&, i] {
      providers[i] = http_call(port_, "POST", kOpenAI.path, chat("hello world", false))
                         .header("X-Splitpoint-Provider");
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(local_requests(port_a_), 3) << "exactly one trial";
  EXPECT_EQ(std::count(providers.begin(), providers.end(), "local-a"), 1);
  EXPECT_EQ(circuit(), "closed");  // the trial succeeded
}

TEST_F(CircuitTest, AFailedTrialReopens) {
  fault(port_a_, R"({"kind":"status","code":500,"count":3,"path":"/api/chat"})");
  for (int i = 0; i < 2; ++i) http_call(port_, "POST", kOpenAI.path, chat("hello world", false));
  std::this_thread::sleep_for(550ms);
  auto r = http_call(port_, "POST", kOpenAI.path, chat("hello world", false));
  EXPECT_EQ(r.header("X-Splitpoint-Provider"), "cloud-b");  // trial failed, fell back
  EXPECT_EQ(local_requests(port_a_), 3);
  EXPECT_EQ(circuit(), "open");
}

// Retries on the same provider: local-a with retries: 1, asked for explicitly (no fallback).
class RetryTest : public FaultsTest {
 protected:
  void SetUp() override {
    FaultsTest::SetUp();
    std::string text = yaml("http://127.0.0.1:" + std::to_string(port_a_), port_b_);
    text.replace(text.find("    idle_timeout_ms: 2000\n"), 0, "    retries: 1\n");
    gw_ = GatewayTest_start(text, port_);
    ASSERT_NE(port_, 0);
  }
  std::unique_ptr<Process> gw_;
  uint16_t port_ = 0;
};

const std::string kLocalChat =
    R"({"model":"local","stream":false,"messages":[{"role":"user","content":"hello world"}]})";

TEST_F(RetryTest, A5xxIsRetriedOnceOnTheSameProvider) {
  fault(port_a_, R"({"kind":"status","code":500,"path":"/api/chat"})");
  auto r = http_call(port_, "POST", kOllama.path, kLocalChat);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("X-Splitpoint-Provider"), "local-a");
  EXPECT_EQ(local_requests(port_a_), 2);
  fault(port_a_, R"({"kind":"status","code":500,"count":2,"path":"/api/chat"})");
  auto twice = http_call(port_, "POST", kOllama.path, kLocalChat);
  EXPECT_EQ(twice.status, 502) << "1 retry only";
  EXPECT_EQ(local_requests(port_a_), 4);
}

TEST_F(RetryTest, A429IsRetriedAfterItsRetryAfterWithinTheDeadline) {
  fault(port_a_, R"({"kind":"status","code":429,"retry_after":1,"path":"/api/chat"})");
  const auto t0 = Clock::now();
  auto r = http_call(port_, "POST", kOllama.path, kLocalChat);
  const auto elapsed = Clock::now() - t0;
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_GE(elapsed, 950ms);  // waited for the Retry-After
  EXPECT_LT(elapsed, 2500ms);
  EXPECT_EQ(local_requests(port_a_), 2);
  // A Retry-After beyond the request's deadline (5 s) is not waited for.
  fault(port_a_, R"({"kind":"status","code":429,"retry_after":30,"path":"/api/chat"})");
  const auto t1 = Clock::now();
  auto late = http_call(port_, "POST", kOllama.path, kLocalChat);
  EXPECT_EQ(late.status, 429);
  EXPECT_FALSE(late.header("Retry-After").empty());
  EXPECT_LT(Clock::now() - t1, 1000ms);
}

}  // namespace
}  // namespace splitpoint::testing
