#include "api/ollama/front_door.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/testing_fakes.h"

namespace splitpoint::api::ollama {
namespace {

namespace json = boost::json;
using testing::drive;
using testing::FakeDispatcher;
using testing::FakeExchange;
using testing::text_chunk;
using testing::tool_chunk;

constexpr std::string_view kChatBody =
    R"({"model":"llama3.2","messages":[{"role":"user","content":"hi"}]})";
constexpr std::string_view kChatNoStream =
    R"({"model":"llama3.2","stream":false,"messages":[{"role":"user","content":"hi"}]})";
constexpr std::string_view kGenerateBody = R"({"model":"llama3.2","prompt":"hi"})";
constexpr std::string_view kGenerateNoStream =
    R"({"model":"llama3.2","prompt":"hi","stream":false})";

class OllamaDoorTest : public ::testing::Test {
 protected:
  FakeExchange& serve(std::string method, std::string path, std::string_view body = "",
                      Headers headers = {}) {
    exchange_ = std::make_unique<FakeExchange>(std::move(method), std::move(path),
                                               std::string(body), std::move(headers));
    OllamaFrontDoor door(dispatcher_);
    drive(door.handle(*exchange_));
    EXPECT_EQ(exchange_->protocol_errors, 0);
    return *exchange_;
  }

  static json::value parse(std::string_view text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    EXPECT_FALSE(ec) << "not JSON: " << text;
    return v;
  }
  // Every NDJSON line of the streamed body, parsed; each write must hold whole lines.
  static std::vector<json::value> lines(const FakeExchange& ex) {
    std::vector<json::value> out;
    for (std::string_view w : ex.writes) {
      EXPECT_TRUE(w.ends_with('\n')) << w;
      while (!w.empty()) {
        const std::size_t nl = w.find('\n');
        out.push_back(parse(w.substr(0, nl)));
        w.remove_prefix(nl == std::string_view::npos ? w.size() : nl + 1);
      }
    }
    return out;
  }
  static void expect_route_headers(const FakeExchange& ex) {
    EXPECT_EQ(ex.response_header("X-Splitpoint-Tier"), "local");
    EXPECT_EQ(ex.response_header("X-Splitpoint-Provider"), "home-gpu");
    EXPECT_EQ(ex.response_header("X-Splitpoint-Reason"), "model pinned");
  }
  // {"error":"..."} with `status`; returns the message.
  static std::string expect_error(const FakeExchange& ex, int status) {
    EXPECT_EQ(ex.status, status);
    EXPECT_FALSE(ex.streamed());
    EXPECT_TRUE(ex.content_type.starts_with("application/json")) << ex.content_type;
    const json::value v = parse(ex.response_body);
    EXPECT_EQ(v.as_object().size(), 1u) << ex.response_body;
    const json::string* message = v.at("error").if_string();
    EXPECT_NE(message, nullptr);
    return message == nullptr ? "" : std::string(*message);
  }
  static void expect_details(const json::value& details) {
    EXPECT_EQ(details.at("parent_model").as_string(), "");
    EXPECT_EQ(details.at("format").as_string(), "gguf");
    EXPECT_EQ(details.at("family").as_string(), "");
    EXPECT_TRUE(details.at("families").as_array().empty());
    EXPECT_EQ(details.at("parameter_size").as_string(), "");
    EXPECT_EQ(details.at("quantization_level").as_string(), "");
  }

  FakeDispatcher dispatcher_;
  std::unique_ptr<FakeExchange> exchange_;
};

TEST_F(OllamaDoorTest, ChatStreamsByDefaultOneLinePerChunk) {
  StreamChunk last = text_chunk("!", FinishReason::kStop);
  last.usage = Usage{4, 3};
  dispatcher_.chunks = {text_chunk("Hel"), text_chunk("lo"), last};
  const FakeExchange& ex =
      serve("POST", "/api/chat", kChatBody, Headers{{"X-Splitpoint-Tier", "local"}});
  EXPECT_EQ(dispatcher_.last_hints.pinned_tier, "local");
  EXPECT_EQ(ex.status, 200);
  EXPECT_EQ(ex.content_type, "application/x-ndjson");
  expect_route_headers(ex);
  ASSERT_EQ(ex.writes.size(), 4u);  // one write per upstream chunk, then the done line
  const std::vector<json::value> got = lines(ex);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].at("model").as_string(), "llama3.2");  // echoes the client's model name
  EXPECT_EQ(got[0].at("message").at("content").as_string(), "Hel");
  EXPECT_FALSE(got[0].at("done").as_bool());
  EXPECT_EQ(got[1].at("message").at("content").as_string(), "lo");
  EXPECT_TRUE(got[3].at("done").as_bool());
  EXPECT_EQ(got[3].at("done_reason").as_string(), "stop");
  EXPECT_EQ(got[3].at("prompt_eval_count").as_int64(), 4);
  EXPECT_EQ(got[3].at("eval_count").as_int64(), 3);
  EXPECT_TRUE(ex.ended);
  EXPECT_EQ(dispatcher_.complete_calls, 0);
}

TEST_F(OllamaDoorTest, ChatWithoutStreamingIsOneObject) {
  const FakeExchange& ex = serve("POST", "/api/chat", kChatNoStream);
  EXPECT_EQ(ex.status, 200);
  EXPECT_FALSE(ex.streamed());
  expect_route_headers(ex);
  const json::value v = parse(ex.response_body);
  EXPECT_EQ(v.at("model").as_string(), "llama3.2");
  EXPECT_EQ(v.at("message").at("content").as_string(), "Hello there");
  EXPECT_TRUE(v.at("done").as_bool());
  EXPECT_EQ(dispatcher_.complete_calls, 1);
  EXPECT_EQ(dispatcher_.stream_calls, 0);
}

TEST_F(OllamaDoorTest, GenerateStreamsResponseField) {
  dispatcher_.chunks = {text_chunk("a"), text_chunk("b", FinishReason::kStop)};
  const FakeExchange& ex = serve("POST", "/api/generate", kGenerateBody);
  ASSERT_EQ(ex.writes.size(), 3u);
  const std::vector<json::value> got = lines(ex);
  EXPECT_EQ(got[0].at("response").as_string(), "a");
  EXPECT_FALSE(got[0].as_object().contains("message"));
  EXPECT_TRUE(got[2].at("done").as_bool());
  ASSERT_TRUE(dispatcher_.last_chat.has_value());
  EXPECT_TRUE(dispatcher_.last_chat->generate);
}

TEST_F(OllamaDoorTest, GenerateWithoutStreaming) {
  const FakeExchange& ex = serve("POST", "/api/generate", kGenerateNoStream);
  EXPECT_EQ(ex.status, 200);
  const json::value v = parse(ex.response_body);
  EXPECT_EQ(v.at("response").as_string(), "Hello there");
  EXPECT_TRUE(v.at("done").as_bool());
  expect_route_headers(ex);
}

TEST_F(OllamaDoorTest, GenerateWithEmptyPromptLoadsWithoutUpstreamCall) {
  const FakeExchange& ex = serve("POST", "/api/generate", R"({"model":"llama3.2"})");
  EXPECT_EQ(ex.status, 200);
  EXPECT_FALSE(ex.streamed());
  expect_route_headers(ex);
  const json::value v = parse(ex.response_body);
  EXPECT_EQ(v.at("model").as_string(), "llama3.2");
  EXPECT_EQ(v.at("response").as_string(), "");
  EXPECT_TRUE(v.at("done").as_bool());
  EXPECT_EQ(v.at("done_reason").as_string(), "load");
  EXPECT_TRUE(v.at("created_at").as_string().ends_with("Z"));
  EXPECT_EQ(dispatcher_.route_calls, 1);
  EXPECT_EQ(dispatcher_.complete_calls + dispatcher_.stream_calls, 0);

  const FakeExchange& unload =
      serve("POST", "/api/generate", R"({"model":"llama3.2","prompt":"","keep_alive":0})");
  EXPECT_EQ(parse(unload.response_body).at("done_reason").as_string(), "unload");
  EXPECT_EQ(dispatcher_.complete_calls + dispatcher_.stream_calls, 0);
}

TEST_F(OllamaDoorTest, LoadCallNeedsASuccessfulRoute) {
  dispatcher_.chat_route = Status::not_found("model 'nope' not found");
  const std::string message =
      expect_error(serve("POST", "/api/generate", R"({"model":"nope"})"), 404);
  EXPECT_EQ(message, "model 'nope' not found");
}

TEST_F(OllamaDoorTest, GenerateWithImageOnlyIsNotALoadCall) {
  dispatcher_.chunks = {text_chunk("a cat", FinishReason::kStop)};
  const FakeExchange& ex =
      serve("POST", "/api/generate", R"({"model":"llava","images":["aGVsbG8="]})");
  EXPECT_EQ(dispatcher_.stream_calls, 1);
  EXPECT_TRUE(ex.streamed());
}

TEST_F(OllamaDoorTest, ChatWithNoMessagesLoads) {
  const FakeExchange& ex = serve("POST", "/api/chat", R"({"model":"llama3.2","messages":[]})");
  const json::value v = parse(ex.response_body);
  EXPECT_EQ(v.at("message").at("role").as_string(), "assistant");
  EXPECT_EQ(v.at("message").at("content").as_string(), "");
  EXPECT_EQ(v.at("done_reason").as_string(), "load");
  EXPECT_EQ(dispatcher_.complete_calls + dispatcher_.stream_calls, 0);
}

TEST_F(OllamaDoorTest, StreamErrorBeforeFirstChunkIsPlainError) {
  dispatcher_.chunks = {text_chunk("never")};
  dispatcher_.stream_error = Status::unavailable("all providers down");
  const FakeExchange& ex = serve("POST", "/api/chat", kChatBody);
  EXPECT_EQ(expect_error(ex, 503), "all providers down");
  expect_route_headers(ex);
}

TEST_F(OllamaDoorTest, StreamErrorAfterChunksIsErrorLineThenEnd) {
  dispatcher_.chunks = {text_chunk("a"), text_chunk("b")};
  dispatcher_.stream_error = Status::upstream("connection reset");
  dispatcher_.stream_error_at = 1;
  const FakeExchange& ex = serve("POST", "/api/chat", kChatBody);
  EXPECT_EQ(ex.status, 200);
  ASSERT_EQ(ex.writes.size(), 2u);
  const std::vector<json::value> got = lines(ex);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].at("error").as_string(), "connection reset");
  EXPECT_TRUE(ex.ended);
}

TEST_F(OllamaDoorTest, ToolCallFragmentsBecomeOneWholeCall) {
  // An OpenAI-compatible upstream streams a tool call in fragments.
  StreamChunk finish;
  finish.finish_reason = FinishReason::kToolCalls;
  dispatcher_.chunks = {tool_chunk(0, "call_1", "get_weather", ""),
                        tool_chunk(0, "", "", R"({"city":)"), tool_chunk(0, "", "", R"( "Paris"})"),
                        finish};
  const FakeExchange& ex = serve("POST", "/api/chat", kChatBody);
  const std::vector<json::value> got = lines(ex);
  int call_lines = 0;
  for (const json::value& line : got) {
    const json::value* calls = line.at("message").as_object().if_contains("tool_calls");
    if (calls == nullptr) continue;
    ++call_lines;
    ASSERT_EQ(calls->as_array().size(), 1u);
    const json::value& fn = calls->at(0).at("function");
    EXPECT_EQ(fn.at("name").as_string(), "get_weather");
    EXPECT_EQ(fn.at("arguments").at("city").as_string(), "Paris");  // an object, as Ollama
  }
  EXPECT_EQ(call_lines, 1);
  EXPECT_EQ(ex.writes.size(), 2u);  // the call line, then the done line
  EXPECT_TRUE(got.back().at("done").as_bool());
}

TEST_F(OllamaDoorTest, ChatErrors) {
  EXPECT_FALSE(expect_error(serve("POST", "/api/chat", "{oops"), 400).empty());
  EXPECT_EQ(dispatcher_.route_calls, 0);
  dispatcher_.chat_route = Status::invalid("bad tier pin");
  EXPECT_EQ(expect_error(serve("POST", "/api/chat", kChatBody), 400), "bad tier pin");
  dispatcher_.chat_route = Status::unavailable("no local provider");
  EXPECT_FALSE(serve("POST", "/api/chat", kChatBody).has_response_header("X-Splitpoint-Tier"));
  EXPECT_EQ(exchange_->status, 503);

  dispatcher_.chat_route = Route{Tier::kLocal, "home-gpu", "llama3.1:8b", "model pinned", 0};
  dispatcher_.completion = Status::deadline("upstream timed out");
  const FakeExchange& ex = serve("POST", "/api/chat", kChatNoStream);
  EXPECT_EQ(expect_error(ex, 504), "upstream timed out");
  expect_route_headers(ex);
}

TEST_F(OllamaDoorTest, Embed) {
  const FakeExchange& ex = serve("POST", "/api/embed", R"({"model":"all-minilm","input":"x"})");
  EXPECT_EQ(ex.status, 200);
  expect_route_headers(ex);
  const json::value v = parse(ex.response_body);
  EXPECT_EQ(v.at("model").as_string(), "all-minilm");
  EXPECT_EQ(v.at("embeddings").at(0).as_array().size(), 3u);
  ASSERT_TRUE(dispatcher_.last_embed.has_value());
  EXPECT_EQ(dispatcher_.last_embed->inputs, std::vector<std::string>{"x"});
}

TEST_F(OllamaDoorTest, LegacyEmbeddings) {
  const FakeExchange& ex =
      serve("POST", "/api/embeddings", R"({"model":"all-minilm","prompt":"x"})");
  EXPECT_EQ(ex.status, 200);
  const json::value v = parse(ex.response_body);
  EXPECT_EQ(v.at("embedding").as_array().size(), 3u);
  EXPECT_EQ(dispatcher_.embed_calls, 1);
}

TEST_F(OllamaDoorTest, EmbedErrors) {
  expect_error(serve("POST", "/api/embed", R"({"input":"x"})"), 400);
  EXPECT_EQ(dispatcher_.route_calls, 0);
  dispatcher_.embed_route = Status::not_found("model 'x' not found");
  expect_error(serve("POST", "/api/embed", R"({"model":"x","input":"x"})"), 404);
  dispatcher_.embed_route = Route{Tier::kLocal, "home-gpu", "all-minilm", "model pinned", 0};
  dispatcher_.embedding = Status::upstream("boom");
  const FakeExchange& ex = serve("POST", "/api/embeddings", R"({"model":"x","prompt":"x"})");
  EXPECT_EQ(expect_error(ex, 502), "boom");
  expect_route_headers(ex);
}

TEST_F(OllamaDoorTest, Tags) {
  dispatcher_.model_list = {{"auto", "", true, false},
                            {"llama3.1:8b", "home-gpu", false, false},
                            {"llama3.1:8b", "other-gpu", false, false},
                            {"all-minilm", "home-gpu", false, true}};
  const FakeExchange& ex = serve("GET", "/api/tags");
  EXPECT_EQ(ex.status, 200);
  const json::value v = parse(ex.response_body);
  const json::array& models = v.at("models").as_array();
  ASSERT_EQ(models.size(), 3u);
  EXPECT_EQ(models[0].at("name").as_string(), "auto");
  EXPECT_EQ(models[1].at("model").as_string(), "llama3.1:8b");
  for (const json::value& m : models) {
    EXPECT_EQ(m.at("name"), m.at("model"));
    EXPECT_EQ(m.at("size").as_int64(), 0);
    EXPECT_EQ(m.at("digest").as_string().size(), 64u);
    EXPECT_TRUE(m.at("modified_at").as_string().ends_with("Z"));
    expect_details(m.at("details"));
  }
  EXPECT_NE(models[0].at("digest"), models[1].at("digest"));
}

TEST_F(OllamaDoorTest, Ps) {
  dispatcher_.model_list = {{"auto", "", true, false}, {"gpt-4o", "openai", false, false}};
  const FakeExchange& ex = serve("GET", "/api/ps");
  const json::value v = parse(ex.response_body);
  const json::array& models = v.at("models").as_array();
  ASSERT_EQ(models.size(), 2u);
  EXPECT_EQ(models[1].at("name").as_string(), "gpt-4o");
  EXPECT_EQ(models[1].at("size_vram").as_int64(), 0);
  EXPECT_TRUE(models[1].at("expires_at").as_string().ends_with("Z"));
  EXPECT_FALSE(models[1].as_object().contains("modified_at"));
  expect_details(models[1].at("details"));
}

TEST_F(OllamaDoorTest, Show) {
  dispatcher_.model_list = {{"auto", "", true, false},
                            {"llama3.1:8b", "home-gpu", false, false},
                            {"all-minilm", "home-gpu", false, true}};
  const json::value chat = parse(serve("POST", "/api/show", R"({"model":"auto"})").response_body);
  EXPECT_EQ(exchange_->status, 200);
  EXPECT_EQ(chat.at("modelfile").as_string(), "");
  EXPECT_TRUE(chat.at("model_info").as_object().empty());
  expect_details(chat.at("details"));
  EXPECT_EQ(json::serialize(chat.at("capabilities")), R"(["completion","tools","vision"])");

  const json::value embed =
      parse(serve("POST", "/api/show", R"({"name":"all-minilm:latest"})").response_body);
  EXPECT_EQ(exchange_->status, 200);
  EXPECT_EQ(json::serialize(embed.at("capabilities")), R"(["completion","embedding"])");

  EXPECT_EQ(expect_error(serve("POST", "/api/show", R"({"model":"nope"})"), 404),
            "model 'nope' not found");
  expect_error(serve("POST", "/api/show", R"({"verbose":true})"), 400);
  expect_error(serve("POST", "/api/show", "[1"), 400);
}

TEST_F(OllamaDoorTest, VersionAndRoot) {
  const FakeExchange& version = serve("GET", "/api/version");
  EXPECT_EQ(version.status, 200);
  EXPECT_EQ(parse(version.response_body).at("version").as_string(), kOllamaVersion);
  for (const char* method : {"GET", "HEAD"}) {
    const FakeExchange& root = serve(method, "/");
    EXPECT_EQ(root.status, 200);
    EXPECT_TRUE(root.content_type.starts_with("text/plain"));
    EXPECT_EQ(root.response_body, "Ollama is running");
  }
}

TEST_F(OllamaDoorTest, ManagementEndpointsAre501) {
  for (const char* path : {"/api/pull", "/api/push", "/api/create", "/api/copy", "/api/delete"}) {
    EXPECT_EQ(expect_error(serve("POST", path, R"({"model":"x"})"), 501),
              "splitpoint is a gateway: " + std::string(path) + " is not supported");
  }
  EXPECT_EQ(expect_error(serve("HEAD", "/api/blobs/sha256:29fd"), 501),
            "splitpoint is a gateway: /api/blobs is not supported");
  EXPECT_EQ(dispatcher_.route_calls, 0);
}

TEST_F(OllamaDoorTest, UnknownPathIs404AndWrongMethodIs405) {
  EXPECT_NE(expect_error(serve("GET", "/api/nope"), 404).find("/api/nope"), std::string::npos);
  const FakeExchange& get_chat = serve("GET", "/api/chat");
  expect_error(get_chat, 405);
  EXPECT_EQ(get_chat.response_header("Allow"), "POST");
  const FakeExchange& post_tags = serve("POST", "/api/tags");
  expect_error(post_tags, 405);
  EXPECT_EQ(post_tags.response_header("Allow"), "GET, HEAD");
  EXPECT_EQ(serve("POST", "/").status, 405);
}

TEST_F(OllamaDoorTest, FailIsAnErrorObjectWithTheStatusCode) {
  FakeExchange ex("POST", "/api/chat");
  OllamaFrontDoor door(dispatcher_);
  drive(door.fail(ex, Status(StatusCode::kUnauthenticated, "invalid API key")));
  EXPECT_EQ(expect_error(ex, 401), "invalid API key");
}

}  // namespace
}  // namespace splitpoint::api::ollama
