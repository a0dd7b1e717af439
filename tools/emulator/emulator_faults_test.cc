// The emulator's admin API: scripted faults of every kind, the request record, reset.
#include "emulator_test_fixture.h"

namespace splitpoint::emulator::testing {
namespace {

namespace json = boost::json;
namespace http = boost::beast::http;
using boost::beast::http::verb;

TEST_F(EmulatorTest, StatusFaultInBothProtocolsThenNormal) {
  add_faults(R"([{"kind":"status","code":429,"retry_after":7,"count":2}])");
  Response r = client().post("/v1/chat/completions", openai_chat("x"));
  EXPECT_EQ(r.status, 429u);
  EXPECT_EQ(r.headers.at("retry-after"), "7");
  EXPECT_EQ(str(r.json().at("error").at("code")), "rate_limit_exceeded");
  r = client().post("/api/chat", ollama_chat("x"));
  EXPECT_EQ(r.status, 429u);
  EXPECT_TRUE(r.json().at("error").is_string());
  EXPECT_EQ(client().post("/api/chat", ollama_chat("x")).status, 200u);  // both uses consumed
}

TEST_F(EmulatorTest, FaultsMatchByPathPrefixAndInOrder) {
  add_faults(R"([{"kind":"status","code":503,"path":"/api/"},{"kind":"status","code":500}])");
  EXPECT_EQ(client().post("/v1/chat/completions", openai_chat("x")).status, 500u);
  EXPECT_EQ(client().post("/v1/chat/completions", openai_chat("x")).status, 200u);
  EXPECT_EQ(client().post("/api/chat", ollama_chat("x")).status, 503u);
  EXPECT_EQ(client().get("/_emulator/faults").json().at("pending"), json::value(0));
}

TEST_F(EmulatorTest, ForeverFaultUntilReset) {
  add_faults(R"([{"kind":"status","code":502,"count":-1,"message":"upstream down"}])");
  for (int i = 0; i < 3; ++i) {
    const Response r = client().post("/v1/embeddings", R"({"model":"gpt-4o","input":"x"})");
    EXPECT_EQ(r.status, 502u);
    EXPECT_EQ(str(r.json().at("error").at("message")), "upstream down");
  }
  ASSERT_EQ(client().post("/_emulator/reset", "").status, 200u);
  EXPECT_EQ(client().post("/v1/embeddings", R"({"model":"gpt-4o","input":"x"})").status, 200u);
}

TEST_F(EmulatorTest, CloseFaultDropsTheConnectionWithoutAnswer) {
  add_faults(R"([{"kind":"close"}])");
  const Response r = client().post("/api/chat", ollama_chat("x"));
  EXPECT_TRUE(r.error);
  EXPECT_EQ(r.status, 0u);
  EXPECT_EQ(client().post("/api/chat", ollama_chat("x")).status, 200u);  // reconnects
}

TEST_F(EmulatorTest, HangFaultHoldsTheConnectionUntilTheClientLeaves) {
  const int64_t open_before =
      client().get("/_emulator/stats").json().at("open_connections").to_number<int64_t>();
  add_faults(R"([{"kind":"hang"}])");
  Client hung(port());
  const Response r = hung.request(verb::post, "/v1/chat/completions", openai_chat("x"), {}, 300ms);
  EXPECT_TRUE(r.error);
  EXPECT_EQ(r.status, 0u);
  EXPECT_GE(r.elapsed.count(), 0);
  hung.disconnect();
  // The emulator notices the client leaving; poll its counter for a bounded time.
  int64_t open_now = -1;
  for (int i = 0; i < 200 && open_now != open_before; ++i) {
    open_now = client().get("/_emulator/stats").json().at("open_connections").to_number<int64_t>();
    if (open_now != open_before) std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(open_now, open_before);
}

TEST_F(EmulatorTest, GarbageFaultIsNotJsonInAnyFraming) {
  add_faults(R"([{"kind":"garbage","count":3}])");
  Response r = client().post("/v1/chat/completions", openai_chat("x"));
  EXPECT_EQ(r.status, 200u);
  EXPECT_TRUE(r.json().is_null());
  r = client().post("/v1/chat/completions", openai_chat("x", R"(,"stream":true)"));
  EXPECT_EQ(r.headers.at("content-type"), "text/event-stream");
  const std::vector<std::string> events = sse_data(r.body);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(parse(events[0]).is_null());
  r = client().post("/api/chat", ollama_chat("x"));
  EXPECT_EQ(r.headers.at("content-type"), "application/x-ndjson");
  const std::vector<json::value> lines = ndjson(r.body);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].is_null());
}

TEST_F(EmulatorTest, StallFaultDelaysTheFirstToken) {
  add_faults(R"([{"kind":"stall","ms":300}])");
  Response r = client().post("/api/generate", R"({"model":"llama3.1:8b","prompt":"x"})");
  EXPECT_EQ(r.status, 200u);
  EXPECT_GE(r.elapsed.count(), 300);
  EXPECT_EQ(ndjson(r.body).size(), 3u);
}

TEST_F(EmulatorTest, CutFaultEndsStreamsAbruptly) {
  add_faults(R"([{"kind":"cut","after":2,"path":"/v1/chat/completions"},{"kind":"cut","after":1,)"
             R"("path":"/api/chat"}])");
  Response r = client().post("/v1/chat/completions", openai_chat("a b c d", R"(,"stream":true)"));
  EXPECT_EQ(r.status, 200u);
  EXPECT_TRUE(r.error);
  std::vector<std::string> events = sse_data(r.body);
  EXPECT_EQ(events.size(), 2u);  // role chunk + first token, then nothing
  for (const std::string& e : events) EXPECT_NE(e, "[DONE]");

  r = client().post("/api/chat", ollama_chat("a b c"));
  EXPECT_TRUE(r.error);
  const std::vector<json::value> lines = ndjson(r.body);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("done"), json::value(false));
}

TEST_F(EmulatorTest, CutFaultOnAOneObjectAnswerSendsHalf) {
  add_faults(R"([{"kind":"cut"}])");
  const Response r = client().post("/v1/chat/completions", openai_chat("hello"));
  EXPECT_TRUE(r.error);
  EXPECT_TRUE(r.json().is_null());
}

TEST_F(EmulatorTest, CutFaultBeyondTheLastChunkStillOmitsTheEnd) {
  add_faults(R"([{"kind":"cut","after":100}])");
  const Response r = client().post("/v1/chat/completions", openai_chat("hi", R"(,"stream":true)"));
  EXPECT_TRUE(r.error);
  const std::vector<std::string> events = sse_data(r.body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back(), "[DONE]");  // every event went out, the chunked body never ended
}

TEST_F(EmulatorTest, AdminRejectsBadInput) {
  EXPECT_EQ(client().post("/_emulator/faults", R"({"faults":[{"kind":"explode"}]})").status, 400u);
  EXPECT_EQ(
      client().post("/_emulator/faults", R"({"faults":[{"kind":"status","count":0}]})").status,
      400u);
  EXPECT_EQ(client().post("/_emulator/faults", R"({"faults":{}})").status, 400u);
  EXPECT_EQ(client().post("/_emulator/faults", "nope").status, 400u);
  EXPECT_EQ(client().post("/_emulator/config", R"({"ttft_ms":-1})").status, 400u);
  EXPECT_EQ(client().post("/_emulator/config", R"({"tokens_per_sec":"fast"})").status, 400u);
  EXPECT_EQ(client().get("/_emulator/nothing").status, 404u);
  EXPECT_EQ(client().get("/_emulator/faults").json().at("pending"), json::value(0));
}

TEST_F(EmulatorTest, RecordsProtocolRequestsOnly) {
  client().request(verb::post, "/v1/chat/completions", openai_chat("recorded"),
                   {{"Authorization", "Bearer abc"}, {"X-Trace", "t1"}});
  client().get("/api/tags?verbose=1");
  client().get("/_emulator/stats");
  const json::value v = client().get("/_emulator/requests").json();
  const json::array& reqs = v.at("requests").as_array();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(str(reqs[0].at("method")), "POST");
  EXPECT_EQ(str(reqs[0].at("path")), "/v1/chat/completions");
  EXPECT_EQ(str(reqs[0].at("authorization")), "Bearer abc");
  EXPECT_EQ(str(reqs[0].at("headers").at("x-trace")), "t1");
  EXPECT_EQ(str(reqs[0].at("body")), openai_chat("recorded"));
  EXPECT_EQ(reqs[0].at("json"), parse(openai_chat("recorded")));
  EXPECT_EQ(str(reqs[1].at("path")), "/api/tags?verbose=1");
  EXPECT_TRUE(reqs[1].at("json").is_null());
}

TEST_F(EmulatorTest, ConfigReplyTokensAndResetRestoresDefaults) {
  configure(R"({"reply_tokens":3})");
  const Response r = client().post("/v1/chat/completions", openai_chat("x", R"(,"stream":true)"));
  std::string text;
  for (const std::string& e : sse_data(r.body)) {
    const json::value chunk = parse(e);
    if (!chunk.is_object() || chunk.at("choices").as_array().empty()) continue;
    const json::object& delta = chunk.at("choices").at(0).at("delta").as_object();
    if (delta.contains("content") && delta.at("content").is_string())
      text += str(delta.at("content"));
  }
  EXPECT_EQ(text, "tok0 tok1 tok2 ");
  ASSERT_EQ(client().post("/_emulator/reset", "").status, 200u);
  EXPECT_EQ(client().get("/_emulator/config").json(),
            parse(R"({"ttft_ms":0,"tokens_per_sec":0E0,"reply_tokens":0})"));
  EXPECT_TRUE(client().get("/_emulator/requests").json().at("requests").as_array().empty());
}

TEST(EmulatorRecordLimitTest, KeepsOnlyTheLastRequests) {
  std::string error;
  auto p = EmulatorProcess::start({"--record-limit", "2"}, error);
  ASSERT_NE(p, nullptr) << error;
  Client c(p->port());
  for (const char* path : {"/api/version", "/api/tags", "/api/ps"}) c.get(path);
  const json::value v = c.get("/_emulator/requests").json();
  ASSERT_EQ(v.at("requests").as_array().size(), 2u);
  EXPECT_EQ(str(v.at("requests").at(0).at("path")), "/api/tags");
}

}  // namespace
}  // namespace splitpoint::emulator::testing
