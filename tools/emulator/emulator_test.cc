// The emulator binary, end to end: each endpoint's shape, the deterministic answers, streaming
// sequences, timing lower bounds, concurrency, CLI options and shutdown.
#include <cmath>
#include <fstream>

#include "emulator_test_fixture.h"

namespace splitpoint::emulator::testing {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

TEST_F(EmulatorTest, OllamaRootVersionAndHead) {
  Response r = client().get("/");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, "Ollama is running");
  r = client().request(verb::head, "/");
  EXPECT_FALSE(r.error) << r.error.message();
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.headers.at("content-length"), "17");
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(client().get("/api/version").json(), parse(R"({"version":"0.12.6"})"));
  EXPECT_EQ(client().get("/nowhere").status, 404u);
}

TEST_F(EmulatorTest, OpenAiChatJson) {
  const Response r = client().post("/v1/chat/completions", openai_chat("hello world"));
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  const json::value v = r.json();
  EXPECT_EQ(str(v.at("object")), "chat.completion");
  EXPECT_EQ(str(v.at("model")), "gpt-4o");
  const json::value& choice = v.at("choices").at(0);
  EXPECT_EQ(str(choice.at("message").at("role")), "assistant");
  EXPECT_EQ(str(choice.at("message").at("content")), "echo: hello world");
  EXPECT_EQ(str(choice.at("finish_reason")), "stop");
  EXPECT_EQ(v.at("usage"), parse(R"({"prompt_tokens":2,"completion_tokens":3,"total_tokens":5})"));
}

TEST_F(EmulatorTest, OpenAiChatStreamSequence) {
  const Response r = client().post(
      "/v1/chat/completions",
      openai_chat("hello world", R"(,"stream":true,"stream_options":{"include_usage":true})"));
  ASSERT_EQ(r.status, 200u);
  EXPECT_FALSE(r.error) << r.error.message();
  EXPECT_EQ(r.headers.at("content-type"), "text/event-stream");
  EXPECT_EQ(r.headers.at("transfer-encoding"), "chunked");
  const std::vector<std::string> events = sse_data(r.body);
  ASSERT_EQ(events.size(), 7u);  // role, 3 tokens, finish, usage, [DONE]
  EXPECT_EQ(str(parse(events[0]).at("choices").at(0).at("delta").at("role")), "assistant");
  const char* tokens[] = {"echo: ", "hello ", "world"};
  for (int i = 0; i < 3; ++i) {
    const json::value chunk = parse(events[1 + i]);
    EXPECT_EQ(str(chunk.at("object")), "chat.completion.chunk");
    EXPECT_EQ(str(chunk.at("choices").at(0).at("delta").at("content")), tokens[i]);
  }
  EXPECT_EQ(str(parse(events[4]).at("choices").at(0).at("finish_reason")), "stop");
  const json::value usage = parse(events[5]);
  EXPECT_TRUE(usage.at("choices").as_array().empty());
  EXPECT_EQ(usage.at("usage").at("completion_tokens"), json::value(3));
  EXPECT_EQ(events[6], "[DONE]");
}

TEST_F(EmulatorTest, OpenAiToolCallStreamsInThreeFragments) {
  const std::string tools =
      R"(,"stream":true,"tools":[{"type":"function","function":{"name":"lookup"}},)"
      R"({"type":"function","function":{"name":"other"}}])";
  const Response r = client().post("/v1/chat/completions", openai_chat("où est-il", tools));
  ASSERT_EQ(r.status, 200u);
  const std::vector<std::string> events = sse_data(r.body);
  ASSERT_EQ(events.size(), 6u);  // role, 3 fragments, finish, [DONE]
  const json::value first = parse(events[1]).at("choices").at(0).at("delta").at("tool_calls").at(0);
  EXPECT_EQ(str(first.at("function").at("name")), "lookup");
  EXPECT_EQ(str(first.at("function").at("arguments")), "");
  EXPECT_TRUE(str(first.at("id")).starts_with("call_"));
  std::string arguments;
  for (int i = 2; i <= 3; ++i) {
    const json::value frag =
        parse(events[i]).at("choices").at(0).at("delta").at("tool_calls").at(0);
    EXPECT_EQ(frag.at("index"), json::value(0));
    arguments += str(frag.at("function").at("arguments"));
  }
  EXPECT_EQ(parse(arguments), parse(R"({"input":"où est-il"})"));
  EXPECT_EQ(str(parse(events[4]).at("choices").at(0).at("finish_reason")), "tool_calls");
}

TEST_F(EmulatorTest, OpenAiToolCallJsonToolResultAndToolChoiceNone) {
  const std::string tools = R"(,"tools":[{"type":"function","function":{"name":"lookup"}}])";
  json::value v = client().post("/v1/chat/completions", openai_chat("find it", tools)).json();
  const json::value& choice = v.at("choices").at(0);
  EXPECT_EQ(str(choice.at("finish_reason")), "tool_calls");
  EXPECT_TRUE(choice.at("message").at("content").is_null());
  const json::value& call = choice.at("message").at("tool_calls").at(0);
  EXPECT_EQ(str(call.at("function").at("name")), "lookup");
  EXPECT_EQ(parse(str(call.at("function").at("arguments"))), parse(R"({"input":"find it"})"));

  const std::string after_tool =
      R"({"model":"gpt-4o","tools":[{"type":"function","function":{"name":"lookup"}}],)"
      R"("messages":[{"role":"user","content":"find it"},{"role":"assistant","content":null,)"
      R"("tool_calls":[]},{"role":"tool","tool_call_id":"c","content":"42 things"}]})";
  v = client().post("/v1/chat/completions", after_tool).json();
  EXPECT_EQ(str(v.at("choices").at(0).at("message").at("content")), "echo: tool said 42 things");

  v = client()
          .post("/v1/chat/completions", openai_chat("plain", tools + R"(,"tool_choice":"none")"))
          .json();
  EXPECT_EQ(str(v.at("choices").at(0).at("message").at("content")), "echo: plain");
}

TEST_F(EmulatorTest, OpenAiImagesJsonFormatAndMaxTokens) {
  const std::string images =
      R"({"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":"look"},)"
      R"({"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}},)"
      R"({"type":"image_url","image_url":{"url":"http://x/y.png"}}]}]})";
  json::value v = client().post("/v1/chat/completions", images).json();
  EXPECT_EQ(str(v.at("choices").at(0).at("message").at("content")), "echo(images=2): look");

  v = client()
          .post("/v1/chat/completions",
                openai_chat("hi \\\"you\\\"", R"(,"response_format":{"type":"json_object"})"))
          .json();
  const std::string content = str(v.at("choices").at(0).at("message").at("content"));
  EXPECT_EQ(parse(content), parse(R"({"echo":"hi \"you\""})"));
  EXPECT_EQ(v.at("usage").at("completion_tokens"), json::value(1));

  v = client().post("/v1/chat/completions", openai_chat("a b c d", R"(,"max_tokens":2)")).json();
  EXPECT_EQ(str(v.at("choices").at(0).at("message").at("content")), "echo: a ");
  EXPECT_EQ(str(v.at("choices").at(0).at("finish_reason")), "length");
  EXPECT_EQ(v.at("usage").at("completion_tokens"), json::value(2));
  v = client()
          .post("/v1/chat/completions", openai_chat("a b", R"(,"max_completion_tokens":3)"))
          .json();
  EXPECT_EQ(str(v.at("choices").at(0).at("finish_reason")), "stop");
}

TEST_F(EmulatorTest, OpenAiErrors) {
  Response r = client().post("/v1/chat/completions", "{not json");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(str(r.json().at("error").at("type")), "invalid_request_error");
  r = client().post("/v1/chat/completions",
                    R"({"model":"nope","messages":[{"role":"user","content":"x"}]})");
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(str(r.json().at("error").at("message")), "The model `nope` does not exist");
  EXPECT_EQ(str(r.json().at("error").at("code")), "model_not_found");
  EXPECT_EQ(client().post("/v1/chat/completions", R"({"model":"gpt-4o"})").status, 400u);
  EXPECT_EQ(client().post("/v1/embeddings", "[").status, 400u);
  EXPECT_EQ(client().get("/v1/nothing").status, 404u);
}

std::vector<float> floats(const json::value& arr) {
  std::vector<float> out;
  for (const json::value& x : arr.as_array())
    out.push_back(static_cast<float>(x.to_number<double>()));
  return out;
}

TEST_F(EmulatorTest, OpenAiEmbeddingsAreDeterministicUnitVectors) {
  const json::value v =
      client()
          .post("/v1/embeddings",
                R"({"model":"text-embedding-3-small","input":["alpha beta","gamma","alpha beta"]})")
          .json();
  ASSERT_EQ(v.at("data").as_array().size(), 3u);
  EXPECT_EQ(v.at("usage").at("prompt_tokens"), json::value(5));
  const std::vector<float> a = floats(v.at("data").at(0).at("embedding"));
  ASSERT_EQ(a.size(), 8u);
  double norm = 0;
  for (float x : a) norm += x * x;
  EXPECT_NEAR(norm, 1.0, 1e-4);
  EXPECT_EQ(a, floats(v.at("data").at(2).at("embedding")));
  EXPECT_NE(a, floats(v.at("data").at(1).at("embedding")));

  const json::value b64 =
      client()
          .post("/v1/embeddings", R"({"model":"text-embedding-3-small","input":"alpha beta",)"
                                  R"("encoding_format":"base64"})")
          .json();
  EXPECT_EQ(str(b64.at("data").at(0).at("embedding")).size(), 44u);  // 32 bytes -> 44 chars
  const json::value dims =
      client()
          .post("/v1/embeddings",
                R"({"model":"text-embedding-3-small","input":"x","dimensions":3})")
          .json();
  EXPECT_EQ(dims.at("data").at(0).at("embedding").as_array().size(), 3u);
}

TEST_F(EmulatorTest, OpenAiModels) {
  const json::value v = client().get("/v1/models").json();
  EXPECT_EQ(str(v.at("object")), "list");
  ASSERT_EQ(v.at("data").as_array().size(), 4u);
  EXPECT_EQ(str(v.at("data").at(2).at("id")), "gpt-4o");
  EXPECT_EQ(client().get("/v1/models/gpt-4o").status, 200u);
  EXPECT_EQ(client().get("/v1/models/nope").status, 404u);
}

TEST_F(EmulatorTest, OllamaChatStreamsNdjson) {
  const Response r = client().post("/api/chat", ollama_chat("hello world"));
  ASSERT_EQ(r.status, 200u);
  EXPECT_FALSE(r.error) << r.error.message();
  EXPECT_EQ(r.headers.at("content-type"), "application/x-ndjson");
  const std::vector<json::value> lines = ndjson(r.body);
  ASSERT_EQ(lines.size(), 4u);
  const char* tokens[] = {"echo: ", "hello ", "world"};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(str(lines[i].at("message").at("content")), tokens[i]);
    EXPECT_EQ(lines[i].at("done"), json::value(false));
  }
  const json::value& done = lines[3];
  EXPECT_EQ(done.at("done"), json::value(true));
  EXPECT_EQ(str(done.at("done_reason")), "stop");
  EXPECT_EQ(done.at("prompt_eval_count"), json::value(2));
  EXPECT_EQ(done.at("eval_count"), json::value(3));
  for (const char* key :
       {"total_duration", "load_duration", "prompt_eval_duration", "eval_duration"}) {
    EXPECT_GT(done.at(key).to_number<int64_t>(), 0) << key;
  }
}

TEST_F(EmulatorTest, OllamaChatOneObjectToolsImagesAndFormat) {
  json::value v = client().post("/api/chat", ollama_chat("hi there", R"(,"stream":false)")).json();
  EXPECT_EQ(str(v.at("message").at("content")), "echo: hi there");
  EXPECT_EQ(v.at("done"), json::value(true));

  v = client()
          .post("/api/chat",
                ollama_chat("weather", R"(,"stream":false,"tools":[{"type":"function",)"
                                       R"("function":{"name":"get_weather"}}])"))
          .json();
  const json::value& call = v.at("message").at("tool_calls").at(0);
  EXPECT_EQ(str(call.at("function").at("name")), "get_weather");
  EXPECT_EQ(call.at("function").at("arguments"), parse(R"({"input":"weather"})"));

  v = client()
          .post("/api/chat", R"({"model":"llama3.1:8b","stream":false,"messages":[{"role":"user",)"
                             R"("content":"see","images":["AA==","AA==","AA=="]}]})")
          .json();
  EXPECT_EQ(str(v.at("message").at("content")), "echo(images=3): see");

  v = client().post("/api/chat", ollama_chat("fmt", R"(,"stream":false,"format":"json")")).json();
  EXPECT_EQ(parse(str(v.at("message").at("content"))), parse(R"({"echo":"fmt"})"));

  v = client()
          .post("/api/chat", R"({"model":"llama3.1:8b","stream":false,"messages":[{"role":"user",)"
                             R"("content":"q"},{"role":"tool","content":"sunny"}]})")
          .json();
  EXPECT_EQ(str(v.at("message").at("content")), "echo: tool said sunny");
}

TEST_F(EmulatorTest, OllamaGenerateAndNumPredict) {
  const std::vector<json::value> lines = ndjson(
      client()
          .post("/api/generate",
                R"({"model":"llama3.1:8b","prompt":"one two three","options":{"num_predict":2}})")
          .body);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(str(lines[0].at("response")), "echo: ");
  EXPECT_EQ(str(lines[1].at("response")), "one ");
  EXPECT_EQ(str(lines[2].at("done_reason")), "length");
  EXPECT_EQ(lines[2].at("eval_count"), json::value(2));
  const json::value v =
      client()
          .post("/api/generate", R"({"model":"llama3.1:8b","prompt":"x y","stream":false})")
          .json();
  EXPECT_EQ(str(v.at("response")), "echo: x y");
  EXPECT_EQ(str(v.at("done_reason")), "stop");
}

TEST_F(EmulatorTest, OllamaEmbeddingsAndModelInfo) {
  json::value v = client().post("/api/embed", R"({"model":"all-minilm","input":["a","b"]})").json();
  ASSERT_EQ(v.at("embeddings").as_array().size(), 2u);
  EXPECT_EQ(v.at("embeddings").at(0).as_array().size(), 8u);
  const json::value legacy =
      client().post("/api/embeddings", R"({"model":"all-minilm:latest","prompt":"a"})").json();
  EXPECT_EQ(floats(legacy.at("embedding")), floats(v.at("embeddings").at(0)));

  v = client().get("/api/tags").json();
  ASSERT_EQ(v.at("models").as_array().size(), 4u);
  EXPECT_EQ(str(v.at("models").at(1).at("name")), "all-minilm:latest");
  EXPECT_EQ(client().get("/api/ps").json().at("models").as_array().size(), 4u);
  v = client().post("/api/show", R"({"model":"llama3.1:8b"})").json();
  EXPECT_EQ(v.at("capabilities").at(0), json::value("completion"));
  EXPECT_EQ(client().post("/api/show", R"({"model":"nope"})").status, 404u);
}

TEST_F(EmulatorTest, OllamaErrors) {
  Response r = client().post("/api/chat", R"({"model":"nope:1b","messages":[]})");
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.json(), parse(R"({"error":"model \"nope:1b\" not found, try pulling it first"})"));
  r = client().post("/api/generate", "{{");
  EXPECT_EQ(r.status, 400u);
  EXPECT_TRUE(r.json().at("error").is_string());
  EXPECT_EQ(client().post("/api/embed", R"({"input":"x"})").status, 400u);
}

TEST_F(EmulatorTest, TtftAndTokenPacingAreLowerBounds) {
  configure(R"({"ttft_ms":250,"tokens_per_sec":20})");
  Response r = client().post("/v1/chat/completions", openai_chat("a b", R"(,"stream":true)"));
  EXPECT_EQ(r.status, 200u);
  EXPECT_GE(r.elapsed.count(), 250 + 2 * 50);  // 3 tokens: ttft + 2 intervals
  r = client().post("/api/chat", ollama_chat("a", R"(,"stream":false)"));
  EXPECT_EQ(r.status, 200u);
  EXPECT_GE(r.elapsed.count(), 250 + 50);
  EXPECT_EQ(parse(client().get("/_emulator/config").body).at("ttft_ms"), json::value(250));
}

TEST_F(EmulatorTest, SlowStreamsDoNotBlockEachOther) {
  configure(R"({"ttft_ms":400})");
  const auto start = std::chrono::steady_clock::now();
  const int ok = concurrent_posts(port(), "/v1/chat/completions",
                                  openai_chat("x", R"(,"stream":true)"), 200, 20s);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(ok, 200);
  EXPECT_LT(took, 10s);  // serialized, 200 x 400 ms would take 80 s
}

TEST_F(EmulatorTest, KeepAliveReusesTheConnection) {
  const auto before = client().get("/_emulator/stats").json();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client().post("/api/chat", ollama_chat("k")).status, 200u);
  const auto after = client().get("/_emulator/stats").json();
  EXPECT_EQ(after.at("connections_accepted"), before.at("connections_accepted"));
  EXPECT_EQ(after.at("requests").to_number<int64_t>() - before.at("requests").to_number<int64_t>(),
            5);
  EXPECT_GE(after.at("open_connections").to_number<int64_t>(), 1);
}

TEST(EmulatorProcessTest, OptionsPortFileKeyAndSigterm) {
  const std::string port_file = ::testing::TempDir() + "emulator_port_" + std::to_string(getpid());
  std::string error;
  auto p = EmulatorProcess::start({"--port-file", port_file, "--require-key", "sk-test",
                                   "--reply-tokens", "4", "--models", "m1,m2"},
                                  error);
  ASSERT_NE(p, nullptr) << error;
  EXPECT_EQ(p->first_line(), "emulator listening on 127.0.0.1:" + std::to_string(p->port()));
  std::ifstream f(port_file);
  int written = 0;
  f >> written;
  EXPECT_EQ(written, p->port());

  Client c(p->port());
  const std::string body = R"({"model":"m1","messages":[{"role":"user","content":"x"}]})";
  Response r = c.post("/v1/chat/completions", body);
  EXPECT_EQ(r.status, 401u);
  EXPECT_EQ(str(r.json().at("error").at("code")), "invalid_api_key");
  r = c.request(verb::post, "/v1/chat/completions", body, {{"Authorization", "Bearer wrong"}});
  EXPECT_EQ(r.status, 401u);
  r = c.request(verb::post, "/v1/chat/completions", body, {{"Authorization", "Bearer sk-test"}});
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(str(r.json().at("choices").at(0).at("message").at("content")), "tok0 tok1 tok2 tok3 ");
  EXPECT_EQ(c.post("/api/chat", R"({"model":"m2","stream":false,"messages":[]})").status, 200u);
  EXPECT_EQ(c.post("/api/chat", R"({"model":"gpt-4o","messages":[]})").status, 404u);

  const std::optional<int> status = p->terminate(5s);
  ASSERT_TRUE(status.has_value()) << "the emulator did not exit on SIGTERM";
  EXPECT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 0);
  std::remove(port_file.c_str());
}

TEST(EmulatorProcessTest, BadOptionFailsToStart) {
  std::string error;
  EXPECT_EQ(EmulatorProcess::start({"--threads", "zero"}, error), nullptr);
}

}  // namespace
}  // namespace splitpoint::emulator::testing
