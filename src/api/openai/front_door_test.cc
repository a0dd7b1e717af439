#include "api/openai/front_door.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "api/testing_fakes.h"

namespace splitpoint::api::openai {
namespace {

namespace json = boost::json;
using testing::drive;
using testing::FakeDispatcher;
using testing::FakeExchange;
using testing::text_chunk;
using testing::tool_chunk;

constexpr std::string_view kChatBody =
    R"({"model":"auto","messages":[{"role":"user","content":"hi"}]})";
constexpr std::string_view kStreamBody =
    R"({"model":"auto","stream":true,"messages":[{"role":"user","content":"hi"}]})";
constexpr std::string_view kUsageBody =
    R"({"model":"auto","stream":true,"stream_options":{"include_usage":true},)"
    R"("messages":[{"role":"user","content":"hi"}]})";

class OpenAIDoorTest : public ::testing::Test {
 protected:
  FakeExchange& serve(std::string method, std::string path, std::string_view body = "",
                      Headers headers = {}) {
    exchange_ = std::make_unique<FakeExchange>(std::move(method), std::move(path),
                                               std::string(body), std::move(headers));
    OpenAIFrontDoor door(dispatcher_);
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
  // The JSON payload of one SSE event ("data: {...}\n\n").
  static json::value event(std::string_view sse) {
    EXPECT_TRUE(sse.starts_with("data: ")) << sse;
    EXPECT_TRUE(sse.ends_with("\n\n")) << sse;
    sse.remove_prefix(6);
    return parse(sse.substr(0, sse.size() - 2));
  }
  static void expect_route_headers(const FakeExchange& ex) {
    EXPECT_EQ(ex.response_header("X-Splitpoint-Tier"), "local");
    EXPECT_EQ(ex.response_header("X-Splitpoint-Provider"), "home-gpu");
    EXPECT_EQ(ex.response_header("X-Splitpoint-Reason"), "model pinned");
  }
  static void expect_error(const FakeExchange& ex, int status, std::string_view type) {
    EXPECT_EQ(ex.status, status);
    EXPECT_EQ(ex.content_type, "application/json");
    EXPECT_FALSE(ex.streamed());
    const json::value v = parse(ex.response_body);
    const json::object& error = v.at("error").as_object();
    EXPECT_FALSE(error.at("message").as_string().empty());
    EXPECT_EQ(error.at("type").as_string(), type);
    EXPECT_TRUE(error.contains("param"));
    EXPECT_TRUE(error.contains("code"));
  }

  FakeDispatcher dispatcher_;
  std::unique_ptr<FakeExchange> exchange_;
};

TEST_F(OpenAIDoorTest, ChatCompletion) {
  const FakeExchange& ex =
      serve("POST", "/v1/chat/completions", kChatBody, Headers{{"X-Splitpoint-Tier", "cloud"}});
  EXPECT_EQ(ex.status, 200);
  EXPECT_EQ(ex.content_type, "application/json");
  expect_route_headers(ex);
  const json::value v = parse(ex.response_body);
  EXPECT_EQ(v.at("object").as_string(), "chat.completion");
  EXPECT_EQ(v.at("id").as_string(), "chatcmpl-fake");
  EXPECT_EQ(v.at("choices").at(0).at("message").at("content").as_string(), "Hello there");
  EXPECT_EQ(v.at("usage").at("total_tokens").as_int64(), 8);
  EXPECT_EQ(dispatcher_.last_hints.pinned_tier, "cloud");
  ASSERT_TRUE(dispatcher_.last_chat.has_value());
  EXPECT_EQ(dispatcher_.last_chat->model, "auto");
  EXPECT_EQ(dispatcher_.complete_calls, 1);
  EXPECT_EQ(dispatcher_.stream_calls, 0);
}

TEST_F(OpenAIDoorTest, RouteAnswersTheDecisionWithoutCallingAProvider) {
  const FakeExchange& ex = serve("POST", "/v1/route", kChatBody);
  EXPECT_EQ(ex.status, 200);
  EXPECT_EQ(dispatcher_.complete_calls + dispatcher_.stream_calls, 0);
  const json::value v = parse(ex.response_body);
  EXPECT_EQ(v.at("tier").as_string(), "local");
  EXPECT_EQ(v.at("provider").as_string(), "home-gpu");
  EXPECT_EQ(v.at("reasons").as_array().at(0).as_string(), "model pinned");
  EXPECT_EQ(v.at("redactions").as_int64(), 0);
  expect_route_headers(ex);
}

TEST_F(OpenAIDoorTest, ChatCompletionFillsMissingIdCreatedAndModel) {
  dispatcher_.completion->id.clear();
  dispatcher_.completion->created = 0;
  dispatcher_.completion->model.clear();
  const FakeExchange& ex = serve("POST", "/v1/chat/completions", kChatBody);
  const json::value v = parse(ex.response_body);
  EXPECT_TRUE(v.at("id").as_string().starts_with("chatcmpl-"));
  EXPECT_GT(v.at("created").as_int64(), 1600000000);
  EXPECT_EQ(v.at("model").as_string(), "llama3.1:8b");  // the routed upstream model
}

TEST_F(OpenAIDoorTest, MalformedChatIs400WithoutRouting) {
  const FakeExchange& ex = serve("POST", "/v1/chat/completions", "{not json");
  expect_error(ex, 400, "invalid_request_error");
  EXPECT_FALSE(ex.has_response_header("X-Splitpoint-Tier"));
  EXPECT_EQ(dispatcher_.route_calls, 0);
}

TEST_F(OpenAIDoorTest, MissingMessagesIs400) {
  expect_error(serve("POST", "/v1/chat/completions", R"({"model":"auto"})"), 400,
               "invalid_request_error");
}

TEST_F(OpenAIDoorTest, RoutingErrorsMapToHttpCodes) {
  const struct {
    Status status;
    int http;
    std::string_view type;
  } cases[] = {
      {Status::not_found("unknown model 'x'"), 404, "not_found_error"},
      {Status::invalid("bad pin"), 400, "invalid_request_error"},
      {Status::unavailable("no provider"), 503, "service_unavailable"},
  };
  for (const auto& c : cases) {
    dispatcher_.chat_route = c.status;
    const FakeExchange& ex = serve("POST", "/v1/chat/completions", kChatBody);
    expect_error(ex, c.http, c.type);
    EXPECT_NE(ex.response_body.find(c.status.message()), std::string::npos);
    EXPECT_FALSE(ex.has_response_header("X-Splitpoint-Provider"));
  }
  EXPECT_EQ(dispatcher_.complete_calls, 0);
}

TEST_F(OpenAIDoorTest, UpstreamErrorAfterRoutingCarriesRouteHeaders) {
  dispatcher_.completion = Status::upstream("connection refused");
  const FakeExchange& ex = serve("POST", "/v1/chat/completions", kChatBody);
  expect_error(ex, 502, "upstream_error");
  expect_route_headers(ex);
}

TEST_F(OpenAIDoorTest, StreamWritesOneEventPerChunkThenDone) {
  dispatcher_.chunks = {text_chunk("Hel"), text_chunk("lo"), text_chunk("!", FinishReason::kStop)};
  const FakeExchange& ex = serve("POST", "/v1/chat/completions", kStreamBody);
  EXPECT_EQ(ex.status, 200);
  EXPECT_EQ(ex.content_type, "text/event-stream");
  EXPECT_EQ(ex.response_header("Cache-Control"), "no-cache");
  expect_route_headers(ex);
  ASSERT_EQ(ex.writes.size(), 4u);  // one write per upstream chunk, then [DONE]
  const json::value first = event(ex.writes[0]);
  EXPECT_EQ(first.at("object").as_string(), "chat.completion.chunk");
  EXPECT_EQ(first.at("model").as_string(), "llama3.1:8b");
  EXPECT_EQ(first.at("choices").at(0).at("delta").at("role").as_string(), "assistant");
  EXPECT_EQ(first.at("choices").at(0).at("delta").at("content").as_string(), "Hel");
  EXPECT_EQ(event(ex.writes[1]).at("choices").at(0).at("delta").at("content").as_string(), "lo");
  EXPECT_EQ(event(ex.writes[2]).at("choices").at(0).at("finish_reason").as_string(), "stop");
  EXPECT_EQ(event(ex.writes[1]).at("id"), first.at("id"));
  EXPECT_EQ(ex.writes[3], "data: [DONE]\n\n");
  EXPECT_TRUE(ex.ended);
  EXPECT_EQ(dispatcher_.complete_calls, 0);
  EXPECT_EQ(ex.all_writes().find("prompt_tokens"), std::string::npos);  // no include_usage
}

TEST_F(OpenAIDoorTest, StreamHonoursIncludeUsage) {
  StreamChunk last = text_chunk("ok", FinishReason::kStop);
  last.usage = Usage{7, 2};
  dispatcher_.chunks = {text_chunk("fine"), last};
  const FakeExchange& ex = serve("POST", "/v1/chat/completions", kUsageBody);
  ASSERT_EQ(ex.writes.size(), 3u);
  ASSERT_TRUE(dispatcher_.last_chat.has_value());
  EXPECT_TRUE(dispatcher_.last_chat->include_usage);
  // The finish write holds the usage event (empty choices) and then [DONE].
  const std::string& tail = ex.writes[2];
  const std::size_t done = tail.find("data: [DONE]\n\n");
  ASSERT_NE(done, std::string::npos);
  const json::value usage = event(std::string_view(tail).substr(0, done));
  EXPECT_TRUE(usage.at("choices").as_array().empty());
  EXPECT_EQ(usage.at("usage").at("prompt_tokens").as_int64(), 7);
  EXPECT_EQ(usage.at("usage").at("completion_tokens").as_int64(), 2);
}

TEST_F(OpenAIDoorTest, StreamErrorBeforeFirstChunkIsPlainError) {
  dispatcher_.chunks = {text_chunk("never")};
  dispatcher_.stream_error = Status::deadline("upstream timed out");
  dispatcher_.stream_error_at = 0;
  const FakeExchange& ex = serve("POST", "/v1/chat/completions", kStreamBody);
  expect_error(ex, 504, "timeout_error");
  expect_route_headers(ex);
  EXPECT_TRUE(ex.writes.empty());
}

TEST_F(OpenAIDoorTest, StreamErrorAfterChunksIsErrorEventThenEnd) {
  dispatcher_.chunks = {text_chunk("a"), text_chunk("b"), text_chunk("c")};
  dispatcher_.stream_error = Status::upstream("connection reset");
  dispatcher_.stream_error_at = 2;
  const FakeExchange& ex = serve("POST", "/v1/chat/completions", kStreamBody);
  EXPECT_EQ(ex.status, 200);
  ASSERT_EQ(ex.writes.size(), 3u);
  const json::value error = event(ex.writes[2]);
  EXPECT_EQ(error.at("error").at("type").as_string(), "upstream_error");
  EXPECT_EQ(ex.all_writes().find("[DONE]"), std::string::npos);
  EXPECT_TRUE(ex.ended);
}

TEST_F(OpenAIDoorTest, StreamStopsWhenClientGoes) {
  dispatcher_.chunks = {text_chunk("a"), text_chunk("b"), text_chunk("c")};
  exchange_ = nullptr;
  auto ex =
      std::make_unique<FakeExchange>("POST", "/v1/chat/completions", std::string(kStreamBody));
  ex->fail_write_at = 1;
  OpenAIFrontDoor door(dispatcher_);
  drive(door.handle(*ex));
  EXPECT_EQ(ex->protocol_errors, 0);
  EXPECT_EQ(ex->writes.size(), 1u);
  EXPECT_EQ(dispatcher_.delivered, 1u);
  EXPECT_EQ(dispatcher_.sink_status.code(), StatusCode::kCancelled);
}

TEST_F(OpenAIDoorTest, StreamPassesToolCallFragmentsThrough) {
  StreamChunk finish;
  finish.finish_reason = FinishReason::kToolCalls;
  dispatcher_.chunks = {tool_chunk(0, "call_1", "get_weather", ""),
                        tool_chunk(0, "", "", R"({"city":)"), tool_chunk(0, "", "", R"("Paris"})"),
                        finish};
  const FakeExchange& ex = serve("POST", "/v1/chat/completions", kStreamBody);
  ASSERT_EQ(ex.writes.size(), 5u);
  const json::value start = event(ex.writes[0]);
  const json::value& call = start.at("choices").at(0).at("delta").at("tool_calls").at(0);
  EXPECT_EQ(call.at("id").as_string(), "call_1");
  EXPECT_EQ(call.at("function").at("name").as_string(), "get_weather");
  EXPECT_EQ(event(ex.writes[3]).at("choices").at(0).at("finish_reason").as_string(), "tool_calls");
}

TEST_F(OpenAIDoorTest, Embeddings) {
  const FakeExchange& ex = serve("POST", "/v1/embeddings", R"({"model":"auto","input":["a"]})");
  EXPECT_EQ(ex.status, 200);
  expect_route_headers(ex);
  const json::value v = parse(ex.response_body);
  EXPECT_EQ(v.at("object").as_string(), "list");
  EXPECT_EQ(v.at("data").at(0).at("embedding").as_array().size(), 3u);
  ASSERT_TRUE(dispatcher_.last_embed.has_value());
  EXPECT_EQ(dispatcher_.last_embed->inputs, std::vector<std::string>{"a"});
  EXPECT_EQ(dispatcher_.embed_calls, 1);
}

TEST_F(OpenAIDoorTest, EmbeddingErrors) {
  expect_error(serve("POST", "/v1/embeddings", R"({"input":"a"})"), 400, "invalid_request_error");
  EXPECT_EQ(dispatcher_.route_calls, 0);

  dispatcher_.embed_route = Status::not_found("unknown model");
  expect_error(serve("POST", "/v1/embeddings", R"({"model":"x","input":"a"})"), 404,
               "not_found_error");

  dispatcher_.embed_route = Route{Tier::kLocal, "home-gpu", "all-minilm", "model pinned", 0};
  dispatcher_.embedding = Status::unavailable("down");
  const FakeExchange& ex = serve("POST", "/v1/embeddings", R"({"model":"x","input":"a"})");
  expect_error(ex, 503, "service_unavailable");
  expect_route_headers(ex);
}

TEST_F(OpenAIDoorTest, ModelList) {
  dispatcher_.model_list = {{"auto", "", true, false},
                            {"gpt-4o", "openai", false, false},
                            {"gpt-4o", "azure", false, false},
                            {"all-minilm", "home-gpu", false, true}};
  const FakeExchange& ex = serve("GET", "/v1/models");
  EXPECT_EQ(ex.status, 200);
  const json::value v = parse(ex.response_body);
  EXPECT_EQ(v.at("object").as_string(), "list");
  const json::array& data = v.at("data").as_array();
  ASSERT_EQ(data.size(), 3u);  // gpt-4o listed once
  EXPECT_EQ(data[0].at("id").as_string(), "auto");
  EXPECT_EQ(data[0].at("owned_by").as_string(), "splitpoint");
  EXPECT_EQ(data[1].at("owned_by").as_string(), "openai");
  EXPECT_EQ(data[2].at("id").as_string(), "all-minilm");
  EXPECT_EQ(data[2].at("object").as_string(), "model");

  const std::string get_body = ex.response_body;
  const FakeExchange& head = serve("HEAD", "/v1/models");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.response_body, get_body);  // the server drops a HEAD body
}

TEST_F(OpenAIDoorTest, SingleModel) {
  dispatcher_.model_list = {{"auto", "", true, false}, {"org/model", "vllm", false, false}};
  const FakeExchange& ex = serve("GET", "/v1/models/org%2Fmodel");
  EXPECT_EQ(ex.status, 200);
  const json::value v = parse(ex.response_body);
  EXPECT_EQ(v.at("id").as_string(), "org/model");
  EXPECT_EQ(v.at("object").as_string(), "model");
  EXPECT_EQ(v.at("owned_by").as_string(), "vllm");
  EXPECT_TRUE(v.at("created").is_int64());

  EXPECT_EQ(parse(serve("GET", "/v1/models/org/model").response_body).at("id").as_string(),
            "org/model");
  EXPECT_EQ(parse(serve("GET", "/v1/models/auto").response_body).at("owned_by").as_string(),
            "splitpoint");
  expect_error(serve("GET", "/v1/models/nope"), 404, "not_found_error");
}

TEST_F(OpenAIDoorTest, UnknownPathIs404) {
  const FakeExchange& ex = serve("POST", "/v1/completions", kChatBody);
  expect_error(ex, 404, "not_found_error");
  EXPECT_NE(ex.response_body.find("/v1/completions"), std::string::npos);
  EXPECT_EQ(dispatcher_.route_calls, 0);
}

TEST_F(OpenAIDoorTest, WrongMethodIs405WithAllow) {
  const FakeExchange& get = serve("GET", "/v1/chat/completions");
  expect_error(get, 405, "invalid_request_error");
  EXPECT_EQ(get.response_header("Allow"), "POST");
  const FakeExchange& post = serve("POST", "/v1/models");
  expect_error(post, 405, "invalid_request_error");
  EXPECT_EQ(post.response_header("Allow"), "GET, HEAD");
  EXPECT_EQ(serve("DELETE", "/v1/models/auto").response_header("Allow"), "GET, HEAD");
  EXPECT_EQ(serve("GET", "/v1/embeddings").status, 405);
}

TEST_F(OpenAIDoorTest, FailAnswersWithTheStatusCode) {
  FakeExchange ex("POST", "/v1/chat/completions");
  OpenAIFrontDoor door(dispatcher_);
  drive(door.fail(ex, Status(StatusCode::kUnauthenticated, "invalid API key")));
  expect_error(ex, 401, "authentication_error");
  EXPECT_NE(ex.response_body.find("invalid API key"), std::string::npos);

  FakeExchange big("POST", "/v1/chat/completions");
  drive(door.fail(big, Status(StatusCode::kPayloadTooLarge, "body too large")));
  expect_error(big, 413, "request_too_large");
}

}  // namespace
}  // namespace splitpoint::api::openai
