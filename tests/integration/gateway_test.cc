// The gateway binary against the upstream emulator, over real HTTP: both front doors, both
// tiers, streaming as it arrives, the error mapping, authentication, cancellation and start-up
// checks.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "fixture.h"

namespace splitpoint::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const std::string kOpenAIChat =
    R"({"model":"%s","messages":[{"role":"user","content":"hello world"}]})";
const std::string kOllamaChat =
    R"({"model":"%s","stream":false,"messages":[{"role":"user","content":"hello world"}]})";

std::string with_model(const std::string& fmt, const std::string& model) {
  std::string out = fmt;
  out.replace(out.find("%s"), 2, model);
  return out;
}

TEST_F(GatewayTest, BothDoorsServeBothTiers) {
  for (const std::string model : {"local", "cloud"}) {
    const std::string provider = model == "local" ? "home-gpu" : "cloud";
    auto a = post("/v1/chat/completions", with_model(kOpenAIChat, model));
    ASSERT_EQ(a.status, 200) << a.body;
    EXPECT_NE(a.body.find("\"content\":\"echo: hello world\""), std::string::npos) << a.body;
    EXPECT_NE(a.body.find("\"prompt_tokens\":2"), std::string::npos) << a.body;
    EXPECT_EQ(a.header("X-Splitpoint-Tier"), model);
    EXPECT_EQ(a.header("X-Splitpoint-Provider"), provider);
    EXPECT_FALSE(a.header("X-Splitpoint-Reason").empty());
    auto o = post("/api/chat", with_model(kOllamaChat, model));
    ASSERT_EQ(o.status, 200) << o.body;
    EXPECT_NE(o.body.find("\"content\":\"echo: hello world\""), std::string::npos) << o.body;
    EXPECT_NE(o.body.find("\"done\":true"), std::string::npos);
    EXPECT_NE(o.body.find("\"eval_count\":3"), std::string::npos) << o.body;
    EXPECT_EQ(o.header("X-Splitpoint-Tier"), model);
  }
  // What reached the upstream: the cloud call with the provider's key, the local one natively.
  auto rec = admin("/_emulator/requests", "");
  EXPECT_NE(rec.body.find("/v1/chat/completions"), std::string::npos);
  EXPECT_NE(rec.body.find("Bearer sk-test"), std::string::npos);
  EXPECT_NE(rec.body.find("/api/chat"), std::string::npos);
}

// Streams `body` and returns the arrival times of the pieces relative to the request.
std::vector<double> stream_times(uint16_t port, const std::string& path, const std::string& body,
                                 std::string& all, const Headers& headers = {}) {
  std::vector<double> times;
  const auto t0 = Clock::now();
  auto r = http_stream(port, path, body, headers, [&](const std::string&) {
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  });
  EXPECT_EQ(r.status, 200) << r.body << r.error;
  all = r.body;
  return times;
}

TEST_F(GatewayTest, StreamsChunksAsTheyArriveAcrossProtocols) {
  ASSERT_EQ(admin("/_emulator/config", R"({"tokens_per_sec":20})").status, 200);
  const std::string words = "one two three four five six seven eight nine ten";
  const std::string openai_body = R"({"model":"local","stream":true,"messages":[{"role":"user","content":")" + words + "\"}]}";
  const std::string ollama_body = R"({"model":"cloud","messages":[{"role":"user","content":")" + words + "\"}]}";
  for (const auto& [path, body] : {std::pair{std::string("/v1/chat/completions"), openai_body},
                                   std::pair{std::string("/api/chat"), ollama_body}}) {
    std::string all;
    auto times = stream_times(gw_port_, path, body, all);
    ASSERT_GE(times.size(), 6u) << path << ": " << all;
    // 11 tokens at 20/s take ~500 ms upstream; the first piece must not wait for the last.
    EXPECT_LT(times.front(), times.back() - 300) << path;
    if (path.starts_with("/v1")) {
      EXPECT_NE(all.find("data: [DONE]"), std::string::npos);
      EXPECT_NE(all.find("\"content\":\"ten\""), std::string::npos) << all;
    } else {
      EXPECT_NE(all.find("\"done\":true"), std::string::npos);
      EXPECT_NE(all.find("\"content\":\"ten\""), std::string::npos) << all;
    }
  }
}

TEST_F(GatewayTest, MalformedRequestsAre400InTheClientsProtocol) {
  auto a = post("/v1/chat/completions", "{not json");
  EXPECT_EQ(a.status, 400);
  EXPECT_NE(a.body.find("\"error\":{"), std::string::npos) << a.body;
  EXPECT_NE(a.body.find("\"message\""), std::string::npos);
  auto b = post("/v1/chat/completions", R"({"model":"local","messages":5})");
  EXPECT_EQ(b.status, 400);
  EXPECT_NE(b.body.find("messages"), std::string::npos) << b.body;
  auto c = post("/api/chat", "[1,2");
  EXPECT_EQ(c.status, 400);
  EXPECT_EQ(c.body.rfind("{\"error\":\"", 0), 0u) << c.body;
}

TEST_F(GatewayTest, UnknownModelAndPathAre404) {
  auto a = post("/v1/chat/completions", with_model(kOpenAIChat, "mistral-large"));
  EXPECT_EQ(a.status, 404);
  EXPECT_NE(a.body.find("mistral-large"), std::string::npos);
  auto b = post("/api/chat", with_model(kOllamaChat, "mistral-large"));
  EXPECT_EQ(b.status, 404);
  EXPECT_EQ(b.body.rfind("{\"error\":\"", 0), 0u) << b.body;
  EXPECT_EQ(http_call(gw_port_, "GET", "/v1/nothing").status, 404);
  EXPECT_EQ(http_call(gw_port_, "GET", "/api/nothing").status, 404);
}

TEST_F(GatewayTest, OversizedBodyIs413) {
  const std::string big(70000, 'x');
  auto a = post("/v1/chat/completions", R"({"model":"local","messages":[{"role":"user","content":")" + big + "\"}]}");
  EXPECT_EQ(a.status, 413);
  EXPECT_NE(a.body.find("\"error\":{"), std::string::npos) << a.body;
  auto b = post("/api/chat", R"({"model":"local","messages":[{"role":"user","content":")" + big + "\"}]}");
  EXPECT_EQ(b.status, 413);
  EXPECT_EQ(b.body.rfind("{\"error\":\"", 0), 0u) << b.body;
}

TEST_F(GatewayTest, UpstreamFailuresAre502And504) {
  for (const std::string model : {"local", "cloud"}) {
    fault(R"({"kind":"status","code":500})");
    auto a = post("/v1/chat/completions", with_model(kOpenAIChat, model));
    EXPECT_EQ(a.status, 502) << model << a.body;
    EXPECT_EQ(a.header("X-Splitpoint-Tier"), model);
    fault(R"({"kind":"garbage"})");
    auto b = post("/api/chat", with_model(kOllamaChat, model));
    EXPECT_EQ(b.status, 502) << model << b.body;
    fault(R"({"kind":"hang"})");
    const auto t0 = Clock::now();
    auto c = post("/v1/chat/completions", with_model(kOpenAIChat, model));
    EXPECT_EQ(c.status, 504) << model << c.body;
    EXPECT_LT(Clock::now() - t0, 4s);  // request_timeout_ms is 1500
  }
}

TEST_F(GatewayTest, StreamCutMidwayEndsWithAProtocolError) {
  fault(R"({"kind":"cut","after":2})");
  std::string all;
  stream_times(gw_port_, "/api/chat", with_model(R"({"model":"%s","messages":[{"role":"user","content":"a b c d e f"}]})", "local"), all);
  EXPECT_NE(all.find("{\"error\":"), std::string::npos) << all;
  EXPECT_EQ(all.find("\"done\":true"), std::string::npos) << all;
  fault(R"({"kind":"cut","after":2})");
  stream_times(gw_port_, "/v1/chat/completions", with_model(R"({"model":"%s","stream":true,"messages":[{"role":"user","content":"a b c d e f"}]})", "cloud"), all);
  EXPECT_NE(all.find("\"error\":{"), std::string::npos) << all;
  EXPECT_EQ(all.find("[DONE]"), std::string::npos) << all;
}

// Established TCP connections whose remote end is `port` on this host (from /proc/net/tcp): the
// gateway's upstream connections to the emulator (the test's own calls are closed by then).
int established_to(uint16_t port) {
  std::ifstream tcp("/proc/net/tcp");
  std::string line;
  std::getline(tcp, line);  // header
  int n = 0;
  char want[8];
  std::snprintf(want, sizeof want, ":%04X", port);
  while (std::getline(tcp, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state;
    fields >> slot >> local >> remote >> state;
    if (state == "01" && remote.ends_with(want)) ++n;
  }
  return n;
}

TEST_F(GatewayTest, ClientDisconnectCancelsTheUpstreamCall) {
  // Only the chat call hangs: the gateway's health probes (/api/version, /api/ps) must not take
  // the fault.
  fault(R"({"kind":"hang","path":"/api/chat"})");
  const int before = established_to(emu_port_);
  std::thread client([] {  // gives up after 300 ms and closes its socket
    http_call(gw_port_, "POST", "/api/chat", with_model(kOllamaChat, "local"), {}, 300ms);
  });
  // While the client waits (300 ms), the hung upstream call holds a connection open, pooled or
  // new: the peak count includes it...
  int peak = before;
  for (int i = 0; i < 20; ++i) {
    std::this_thread::sleep_for(10ms);
    peak = std::max(peak, established_to(emu_port_));
  }
  client.join();
  // ...and once the client is gone the gateway must close it at once, long before the
  // provider's 1.5 s request timeout would (about 1.2 s from here).
  const auto t0 = Clock::now();
  int after = peak;
  for (int i = 0; i < 80 && after >= peak; ++i) {
    after = established_to(emu_port_);
    if (after >= peak) std::this_thread::sleep_for(10ms);
  }
  const auto elapsed = Clock::now() - t0;
  EXPECT_LT(after, peak) << "the gateway kept the upstream call open (before " << before
                         << ", peak " << peak << ", after " << after << ")";
  EXPECT_LT(elapsed, 600ms);
}

// Sends each of `writes` on one raw connection to the gateway, `gap` apart, then reads until the
// server closes (the last request should ask it to), at most 10 s. Raw: no HTTP client library
// pipelines requests.
std::string raw_exchange(int port, const std::vector<std::string>& writes,
                         std::chrono::milliseconds gap) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "socket() failed";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool sent = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  for (std::size_t i = 0; sent && i < writes.size(); ++i) {
    if (i > 0) std::this_thread::sleep_for(gap);
    sent = ::send(fd, writes[i].data(), writes[i].size(), 0) ==
           static_cast<ssize_t>(writes[i].size());
  }
  std::string got;
  const auto deadline = Clock::now() + 10s;
  for (char buf[4096]; sent && Clock::now() < deadline;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return got;
}

std::string raw_post(std::string_view path, const std::string& body, bool close) {
  return "POST " + std::string(path) + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
         (close ? "Connection: close\r\n" : "") +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// Both answers, Ollama's first, each with status 200.
void expect_answered_in_order(const std::string& got) {
  const std::size_t ollama = got.find("\"message\":{\"role\":\"assistant\"");
  const std::size_t openai = got.find("\"object\":\"chat.completion\"");
  ASSERT_NE(ollama, std::string::npos) << got;
  ASSERT_NE(openai, std::string::npos) << got;
  EXPECT_LT(ollama, openai) << got;
  EXPECT_EQ(got.rfind("HTTP/1.1 200", 0), 0u) << got;
  EXPECT_NE(got.find("HTTP/1.1 200", 1), std::string::npos) << got;
}

// Two requests sent back to back in one write (HTTP/1.1 pipelining): the second waits in the
// connection's read buffer while the first is served, and must be answered after it, not taken
// for a disconnect nor dropped when the buffer is released between requests.
TEST_F(GatewayTest, PipelinedRequestsAreAnsweredInOrder) {
  expect_answered_in_order(raw_exchange(
      gw_port_,
      {raw_post("/api/chat", with_model(kOllamaChat, "local"), false) +
       raw_post("/v1/chat/completions", with_model(kOpenAIChat, "cloud"), true)},
      0ms));
}

// The second request arrives on the socket while the first waits for its (stalled) upstream:
// the disconnect watch sees bytes to read, which are not a disconnect, so the first request is
// answered in full and the second after it.
TEST_F(GatewayTest, ARequestArrivingDuringAnotherDoesNotCancelIt) {
  fault(R"({"kind":"stall","ms":300,"count":1,"path":"/api/chat"})");
  expect_answered_in_order(raw_exchange(
      gw_port_,
      {raw_post("/api/chat", with_model(kOllamaChat, "local"), false),
       raw_post("/v1/chat/completions", with_model(kOpenAIChat, "cloud"), true)},
      100ms));
}

TEST_F(GatewayTest, OllamaProbesAndEmbeddings) {
  auto root = http_call(gw_port_, "GET", "/");
  EXPECT_EQ(root.status, 200);
  EXPECT_EQ(root.body, "Ollama is running");
  auto head = http_call(gw_port_, "HEAD", "/");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  auto v = http_call(gw_port_, "GET", "/api/version");
  EXPECT_NE(v.body.find("\"version\""), std::string::npos);
  auto e = post("/v1/embeddings", R"({"model":"auto","input":["a","b"]})");
  ASSERT_EQ(e.status, 200) << e.body;
  EXPECT_EQ(e.header("X-Splitpoint-Tier"), "local");
  auto e2 = post("/api/embed", R"({"model":"text-embedding-3-small","input":"a"})");
  ASSERT_EQ(e2.status, 200) << e2.body;
  EXPECT_EQ(e2.header("X-Splitpoint-Tier"), "cloud");
  EXPECT_NE(e2.body.find("\"embeddings\":[["), std::string::npos) << e2.body;
}

TEST_F(GatewayTest, ApiKeysAreEnforcedAndMissingTierIs503) {
  uint16_t port = 0;
  auto gw = start_gateway(gateway_yaml(emu_port_, "  api_keys: [gw-key-1]\n"), port);
  ASSERT_NE(port, 0);
  auto no = http_call(port, "POST", "/v1/chat/completions", with_model(kOpenAIChat, "local"));
  EXPECT_EQ(no.status, 401);
  EXPECT_NE(no.body.find("\"error\":{"), std::string::npos);
  auto wrong = http_call(port, "POST", "/api/chat", with_model(kOllamaChat, "local"),
                         {{"Authorization", "Bearer nope"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.body.rfind("{\"error\":\"", 0), 0u);
  auto ok = http_call(port, "POST", "/api/chat", with_model(kOllamaChat, "local"),
                      {{"Authorization", "Bearer gw-key-1"}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(http_call(port, "GET", "/").status, 200);  // the probe path stays open

  std::string local_only = gateway_yaml(emu_port_);
  local_only = local_only.substr(0, local_only.find("  - name: cloud"));
  auto gw2 = start_gateway(local_only, port);
  auto r = http_call(port, "POST", "/v1/chat/completions", with_model(kOpenAIChat, "cloud"));
  EXPECT_EQ(r.status, 503) << r.body;
}

TEST_F(GatewayTest, BadStartUpsFailWithAClearMessage) {
  auto bad = run_program({SPLITPOINT_PATH, "serve", "--config",
                          write_temp("server:\n  listen: 127.0.0.1:0\nproviders:\n  - name: x\n"
                                     "    tier: remote\n")},
                         10s);
  ASSERT_TRUE(bad.ok());
  EXPECT_NE(bad->exit_code, 0);
  EXPECT_NE(bad->output.find(":5:"), std::string::npos) << bad->output;  // the line of `tier`
  EXPECT_NE(bad->output.find("tier"), std::string::npos) << bad->output;
  auto relay = run_program({SPLITPOINT_PATH, "serve", "--listen", "0.0.0.0:0"}, 10s);
  ASSERT_TRUE(relay.ok());
  EXPECT_NE(relay->exit_code, 0);
  EXPECT_NE(relay->output.find("api_keys"), std::string::npos) << relay->output;
}

}  // namespace
}  // namespace splitpoint::testing

namespace splitpoint::testing {
namespace {

TEST_F(GatewayTest, HealthAndReadinessEndpoints) {
  uint16_t port = 0;  // a fresh gateway: earlier tests' scripted faults tripped the shared one's
  auto gw = start_gateway(gateway_yaml(emu_port_), port);
  auto h = http_call(port, "GET", "/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.body, R"({"status":"ok"})");
  auto r = http_call(port, "GET", "/readyz");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"({"name":"home-gpu","tier":"local","healthy":true})"), std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find(R"("ready":true)"), std::string::npos);
  // Three failed calls in a row mark a provider down.
  fault(R"({"kind":"status","code":500,"count":3,"path":"/api/chat"})");
  for (int i = 0; i < 3; ++i) {
    http_call(port, "POST", "/api/chat", with_model(kOllamaChat, "local"));
  }
  auto down = http_call(port, "GET", "/readyz");
  EXPECT_NE(down.body.find(R"({"name":"home-gpu","tier":"local","healthy":false})"),
            std::string::npos) << down.body;
}

TEST_F(GatewayTest, SigtermDrainsRequestsInFlightThenExitsZero) {
  uint16_t port = 0;
  auto gw = start_gateway(gateway_yaml(emu_port_, "  shutdown_grace_ms: 3000\n"), port);
  ASSERT_NE(port, 0);
  ASSERT_EQ(admin("/_emulator/config", R"({"tokens_per_sec":20})").status, 200);
  HttpResult in_flight;
  std::thread client([&] {
    in_flight = http_call(port, "POST", "/v1/chat/completions",
                          R"({"model":"local","stream":true,"messages":[{"role":"user","content":"a b c d e f g h"}]})");
  });
  std::this_thread::sleep_for(100ms);
  gw->signal(SIGTERM);
  client.join();
  EXPECT_EQ(in_flight.status, 200);
  EXPECT_NE(in_flight.body.find("[DONE]"), std::string::npos) << in_flight.body;
  auto code = gw->wait_exit(5s);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 0);
  EXPECT_NE(http_call(port, "GET", "/healthz", "", {}, 500ms).status, 200);  // no longer listening
}

}  // namespace
}  // namespace splitpoint::testing
