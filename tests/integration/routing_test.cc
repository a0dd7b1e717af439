// Automatic routing and privacy through the running gateway: no planted value reaches the
// upstream (proven from the emulator's record), the client gets the originals back, and the
// decision is visible in headers and in POST /v1/route.
#include <csignal>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "fixture.h"

namespace splitpoint::testing {
namespace {

struct Planted {
  const char* kind;
  std::string value;
};

// One valid value of every kind the detector knows (checksums valid where the kind has one).
const std::vector<Planted> kValues = {
    {"email", "jane.doe@example.com"},
    {"phone", "+49 30 1234 5678"},
    {"iban", "DE89 3704 0044 0532 0130 00"},
    {"card", "4111 1111 1111 1111"},
    {"ssn", "123-45-6789"},
    {"ip", "192.168.10.20"},
    {"openai key", "sk-proj-Abcdefghijklmnopqrstuvwx1234"},
    {"aws key", "AKIAIOSFODNN7EXAMPLE"},
};

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string chat_body(const std::string& model, const std::string& text, bool stream) {
  return R"({"model":")" + model + R"(","stream":)" + (stream ? "true" : "false") +
         R"(,"messages":[{"role":"user","content":")" + json_escape(text) + R"("}]})";
}

// The value with its inner spaces removed: a split value must not arrive joined either.
std::string squeezed(std::string v) {
  std::erase(v, ' ');
  return v;
}

// The "content" strings of a streamed answer (SSE or NDJSON), concatenated in order.
std::string joined_content(const std::string& body) {
  std::string joined;
  for (std::size_t at = 0; (at = body.find("\"content\":\"", at)) != std::string::npos;) {
    at += 11;
    std::size_t end = at;
    while (end < body.size() && (body[end] != '"' || body[end - 1] == '\\')) ++end;
    joined += body.substr(at, end - at);
  }
  return joined;
}

class RoutingTest : public GatewayTest {
 protected:
  void expect_never_reached_upstream(const Planted& p) {
    const std::string record = admin("/_emulator/requests", "").body;
    ASSERT_FALSE(record.empty());
    EXPECT_EQ(record.find(p.value), std::string::npos) << p.kind << " reached the upstream";
    EXPECT_EQ(record.find(squeezed(p.value)), std::string::npos) << p.kind;
  }
};

TEST_F(RoutingTest, PlantedValuesNeverReachTheCloudAndComeBackRestored) {
  for (const Planted& p : kValues) {
    ASSERT_EQ(admin("/_emulator/reset", "{}").status, 200);
    const std::string text = "please check " + p.value + " today";
    auto plain = post("/v1/chat/completions", chat_body("cloud", text, false));
    ASSERT_EQ(plain.status, 200) << plain.body;
    EXPECT_NE(plain.body.find("echo: " + json_escape(text)), std::string::npos)
        << p.kind << ": " << plain.body;
    EXPECT_FALSE(plain.header("X-Splitpoint-Redactions").empty()) << p.kind;

    auto sse = post("/v1/chat/completions", chat_body("cloud", text, true));
    ASSERT_EQ(sse.status, 200);
    EXPECT_EQ(joined_content(sse.body), "echo: " + json_escape(text)) << p.kind;

    auto ndjson = post("/api/chat", R"({"model":"cloud","messages":[{"role":"user","content":")" +
                                        json_escape(text) + "\"}]}");
    ASSERT_EQ(ndjson.status, 200);
    EXPECT_EQ(joined_content(ndjson.body), "echo: " + json_escape(text)) << p.kind;
    expect_never_reached_upstream(p);
  }
}

TEST_F(RoutingTest, ValuesInsideToolArgumentsAreMaskedAndRestored) {
  const std::string body = R"({"model":"cloud","messages":[
      {"role":"user","content":"mail jane.doe@example.com about card 4111 1111 1111 1111"},
      {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
        "function":{"name":"send","arguments":"{\"to\":\"jane.doe@example.com\"}"}}]},
      {"role":"tool","tool_call_id":"call_1","content":"sent to jane.doe@example.com"},
      {"role":"user","content":"now bill 4111 1111 1111 1111"}],
    "tools":[{"type":"function","function":{"name":"bill","parameters":{"type":"object"}}}]})";
  auto r = post("/v1/chat/completions", body);
  ASSERT_EQ(r.status, 200) << r.body;
  // The emulator calls the first tool with {"input": <last user text>}: restored for the client.
  EXPECT_NE(r.body.find("4111 1111 1111 1111"), std::string::npos) << r.body;
  expect_never_reached_upstream({"email", "jane.doe@example.com"});
  expect_never_reached_upstream({"card", "4111 1111 1111 1111"});
}

TEST_F(RoutingTest, LocalOnlyModeKeepsSensitiveRequestsLocal) {
  uint16_t port = 0;
  auto gw = start_gateway(gateway_yaml(emu_port_) + "router:\n  privacy: local-only\n", port);
  ASSERT_NE(port, 0);
  auto r = http_call(port, "POST", "/v1/chat/completions",
                     chat_body("cloud", "write to jane.doe@example.com", false));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("X-Splitpoint-Tier"), "local");
  EXPECT_NE(r.header("X-Splitpoint-Reason").find("privacy"), std::string::npos);
  EXPECT_NE(r.body.find("jane.doe@example.com"), std::string::npos);  // local sees it unmasked
}

TEST_F(RoutingTest, AutoRoutesByComplexityAndExplainsItself) {
  const std::string reflex = "Which language is this text written in? 'Guten Morgen, wie geht es'";
  std::string doc;
  for (int i = 0; i < 400; ++i) {
    doc += "The supplier shall indemnify the buyer against all claims arising from defects. ";
  }
  const std::string reasoning =
      "Extract every supplier obligation from this contract and rank them by risk, with a "
      "justification for each:\n" + doc;
  auto a = post("/v1/chat/completions", chat_body("auto", reflex, false));
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.header("X-Splitpoint-Tier"), "local") << a.header("X-Splitpoint-Reason");
  auto b = post("/v1/chat/completions", chat_body("auto", reasoning, false));
  ASSERT_EQ(b.status, 200) << b.body;
  EXPECT_EQ(b.header("X-Splitpoint-Tier"), "cloud") << b.header("X-Splitpoint-Reason");
  EXPECT_NE(b.header("X-Splitpoint-Reason").find("complexity"), std::string::npos);

  auto route = post("/v1/route", chat_body("auto", reasoning, false));
  ASSERT_EQ(route.status, 200) << route.body;
  EXPECT_NE(route.body.find("\"tier\":\"cloud\""), std::string::npos) << route.body;
  EXPECT_NE(route.body.find("\"reasons\":["), std::string::npos);
  EXPECT_NE(route.body.find("\"score\":"), std::string::npos);

  auto task = post("/v1/chat/completions", chat_body("auto", reasoning, false),
                   {{"X-Splitpoint-Tier", "local"}});
  EXPECT_EQ(task.header("X-Splitpoint-Tier"), "local");
}

TEST_F(RoutingTest, AFailingProviderFallsBackToTheNextCandidate) {
  fault(R"({"kind":"close","count":3,"path":"/api/chat"})");
  auto r = post("/v1/chat/completions", chat_body("auto", "Is this email spam? 'hi'", false));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("X-Splitpoint-Tier"), "cloud");
  EXPECT_NE(r.header("X-Splitpoint-Reason").find("fallback"), std::string::npos)
      << r.header("X-Splitpoint-Reason");
}

}  // namespace
}  // namespace splitpoint::testing

namespace splitpoint::testing {
namespace {

TEST_F(RoutingTest, SighupReloadsAtomicallyAndKeepsTheOldConfigOnABadFile) {
  const std::string path = write_temp(gateway_yaml(emu_port_));
  auto gw = Process::spawn({SPLITPOINT_PATH, "serve", "--config", path});
  ASSERT_TRUE(gw.ok());
  auto ep = (*gw)->wait_listening(10s);
  ASSERT_TRUE(ep.ok());
  const uint16_t port = ep->port;
  const std::string llama32 = chat_body("llama3.2", "hello there", false);
  EXPECT_EQ(http_call(port, "POST", "/v1/chat/completions", llama32).status, 404);

  // A stream in flight during the reload finishes on the configuration it started with.
  ASSERT_EQ(admin("/_emulator/config", R"({"tokens_per_sec":20})").status, 200);
  HttpResult in_flight;
  std::thread streamer([&] {
    in_flight = http_call(port, "POST", "/v1/chat/completions",
                          chat_body("local", "one two three four five six seven eight", true));
  });
  std::this_thread::sleep_for(100ms);  // let the stream begin (its end is ~450 ms away)
  std::ofstream(path) << gateway_yaml(emu_port_) << "routing:\n  auto_models: [llama3.2]\n";
  (*gw)->signal(SIGHUP);
  int status = 0;
  for (int i = 0; i < 100 && status != 200; ++i) {  // bounded: 2 s
    status = http_call(port, "POST", "/v1/chat/completions", llama32).status;
    if (status != 200) std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(status, 200) << "the reloaded auto_models were not applied";
  streamer.join();
  EXPECT_EQ(in_flight.status, 200);
  EXPECT_NE(in_flight.body.find("[DONE]"), std::string::npos) << in_flight.body;
  EXPECT_NE(in_flight.body.find("\"content\":\"eight\""), std::string::npos);

  std::ofstream(path) << "server:\n  listen: 127.0.0.1:0\nproviders: 7\n";
  (*gw)->signal(SIGHUP);
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(http_call(port, "POST", "/v1/chat/completions", llama32).status, 200);
  EXPECT_NE((*gw)->output().find("reload rejected"), std::string::npos) << (*gw)->output();
}

}  // namespace
}  // namespace splitpoint::testing

namespace splitpoint::testing {
namespace {

TEST(CommandsTest, RouteReadsRequestsAndPrintsOneDecisionPerLine) {
  const std::string reflex = R"({"model":"auto","messages":[{"role":"user","content":"Translate 'good morning' to French."}]})";
  const std::string image = R"({"model":"auto","messages":[{"role":"user","content":[{"type":"text","text":"What does this diagram show?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}]})";
  const std::string input = write_temp(reflex + "\n" + image + "\n{broken\n");
  auto r = run_program({"/bin/bash", "-c", std::string(SPLITPOINT_PATH) + " route < " + input}, 20s);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->exit_code, 0) << r->output;
  std::istringstream lines(r->output);
  std::string first, second, third;
  std::getline(lines, first);
  std::getline(lines, second);
  std::getline(lines, third);
  EXPECT_NE(first.find("\"tier\":\"local\""), std::string::npos) << first;
  EXPECT_NE(first.find("\"reasons\":["), std::string::npos) << first;
  EXPECT_NE(second.find("\"tier\":\"cloud\""), std::string::npos) << second;
  EXPECT_NE(third.find("\"error\""), std::string::npos) << third;
}

TEST(CommandsTest, EvalMeetsTheArchiveTargetsThroughTheRouter) {
  const std::string holdout = std::string(SOURCE_DIR) + "/data/archive/holdout.jsonl";
  auto r = run_program({SPLITPOINT_PATH, "eval", "--json", holdout}, 60s);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->exit_code, 0) << r->output;
  auto number = [&](const std::string& key) {
    const std::size_t at = r->output.find("\"" + key + "\":");
    return at == std::string::npos ? -1.0 : std::stod(r->output.substr(at + key.size() + 3));
  };
  EXPECT_GE(number("reasoning_cloud_recall"), 0.95) << r->output;
  EXPECT_GE(number("reflex_local_recall"), 0.85) << r->output;
  EXPECT_GT(number("requests"), 300);
}

}  // namespace
}  // namespace splitpoint::testing
