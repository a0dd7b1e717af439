// Stream termination rules against a scripted loopback server (cases the emulator cannot
// produce: a body that ends cleanly without its terminator, bytes after the terminator, a last
// line without its newline).
#include <gtest/gtest.h>

#include <list>
#include <optional>
#include <string>
#include <vector>

#include "http/testing_server.h"
#include "splitpoint/provider.h"

namespace splitpoint {
namespace {

namespace asio = boost::asio;
namespace ts = http::test_support;
using HttpStatus = boost::beast::http::status;

class TextSink : public ChunkSink {
 public:
  asio::awaitable<Status> on_chunk(const StreamChunk& chunk) override {
    text += chunk.content;
    if (chunk.finish_reason != FinishReason::kNone) finish = chunk.finish_reason;
    co_return Status::OK();
  }
  std::string text;
  FinishReason finish = FinishReason::kNone;
};

// A provider of `kind` against a server that answers every request with `body`.
class StreamEndTest : public ::testing::Test {
 protected:
  void serve(HttpStatus code, std::string body, std::string content_type) {
    servers_.emplace_back(
        io_, [code, body, content_type](ts::tcp::socket socket, int) -> asio::awaitable<void> {
          co_await ts::serve_http(socket, [&](const ts::TestRequest& request) {
            return ts::make_response(request, code, body, content_type);
          });
        });
  }
  std::unique_ptr<LanguageModelProvider> provider(Protocol kind) {
    std::string base = servers_.back().url() + (kind == Protocol::kOpenAI ? "/v1" : "");
    return make_provider(io_.get_executor(),
                         {.name = "t", .kind = kind, .base_url = base, .chat_model = "m"});
  }
  Status stream(Protocol kind, TextSink& sink) {
    auto p = provider(kind);
    ChatRequest request;
    request.messages.push_back({.role = "user", .parts = {{.text = "hi"}}});
    std::optional<Status> result = ts::run(io_, p->stream(request, {}, sink));
    return result.value_or(Status::internal("did not finish"));
  }

  asio::io_context io_;
  std::list<ts::TestServer> servers_;  // all kept alive until the io_context is gone
};

constexpr const char* kNdjson = "application/x-ndjson";
constexpr const char* kSse = "text/event-stream";

std::string ollama_line(const std::string& content, bool done) {
  return R"({"model":"m","message":{"role":"assistant","content":")" + content + R"("},"done":)" +
         (done ? R"(true,"done_reason":"stop"})" : "false}");
}

std::string openai_event(const std::string& content) {
  return R"(data: {"id":"x","object":"chat.completion.chunk","created":1,"model":"m",)"
         R"("choices":[{"index":0,"delta":{"content":")" +
         content + R"("},"finish_reason":null}]})" + "\n\n";
}

TEST_F(StreamEndTest, OllamaBodyEndingBeforeDoneIsAnError) {
  serve(HttpStatus::ok, ollama_line("a ", false) + "\n" + ollama_line("b", false) + "\n", kNdjson);
  TextSink sink;
  Status s = stream(Protocol::kOllama, sink);
  EXPECT_EQ(s.code(), StatusCode::kUpstream);
  EXPECT_EQ(s.message(), "upstream stream ended early");
  EXPECT_EQ(sink.text, "a b");  // what came was delivered; the error marks it truncated
}

TEST_F(StreamEndTest, OllamaLastLineWithoutNewlineCompletesTheStream) {
  serve(HttpStatus::ok, ollama_line("a", false) + "\n" + ollama_line("", true), kNdjson);
  TextSink sink;
  Status s = stream(Protocol::kOllama, sink);
  EXPECT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ(sink.finish, FinishReason::kStop);
}

TEST_F(StreamEndTest, OllamaLinesAfterDoneAreIgnored) {
  serve(HttpStatus::ok,
        ollama_line("a", false) + "\n" + ollama_line("", true) + "\n" + ollama_line("z", false) +
            "\nnot json\n",
        kNdjson);
  TextSink sink;
  Status s = stream(Protocol::kOllama, sink);
  EXPECT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ(sink.text, "a");
}

TEST_F(StreamEndTest, OllamaErrorLineIsUpstreamError) {
  serve(HttpStatus::ok, ollama_line("a", false) + "\n" + R"({"error":"model crashed"})" + "\n",
        kNdjson);
  TextSink sink;
  Status s = stream(Protocol::kOllama, sink);
  EXPECT_EQ(s.code(), StatusCode::kUpstream);
  EXPECT_NE(s.message().find("model crashed"), std::string::npos) << s.message();
}

TEST_F(StreamEndTest, OpenAIBodyEndingBeforeDoneIsAnError) {
  serve(HttpStatus::ok, openai_event("a ") + openai_event("b"), kSse);
  TextSink sink;
  Status s = stream(Protocol::kOpenAI, sink);
  EXPECT_EQ(s.code(), StatusCode::kUpstream);
  EXPECT_EQ(s.message(), "upstream stream ended early");
  EXPECT_EQ(sink.text, "a b");
}

TEST_F(StreamEndTest, OpenAIEventsAfterDoneAreIgnored) {
  serve(HttpStatus::ok, openai_event("a") + "data: [DONE]\n\n" + openai_event("z"), kSse);
  TextSink sink;
  Status s = stream(Protocol::kOpenAI, sink);
  EXPECT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ(sink.text, "a");
}

TEST_F(StreamEndTest, OpenAIUnparseableEventIsUpstreamError) {
  serve(HttpStatus::ok, openai_event("a") + "data: {not json\n\n" + "data: [DONE]\n\n", kSse);
  TextSink sink;
  Status s = stream(Protocol::kOpenAI, sink);
  EXPECT_EQ(s.code(), StatusCode::kUpstream);
  EXPECT_EQ(sink.text, "a");
}

TEST_F(StreamEndTest, Non2xxStreamAnswerIsDecodedAsError) {
  for (Protocol kind : {Protocol::kOllama, Protocol::kOpenAI}) {
    serve(HttpStatus::service_unavailable, R"({"error":"overloaded"})", "application/json");
    TextSink sink;
    Status s = stream(kind, sink);
    EXPECT_EQ(s.code(), StatusCode::kUpstream) << s.to_string();
    EXPECT_TRUE(sink.text.empty());
  }
}

TEST_F(StreamEndTest, UnparseableCompleteAnswerIsUpstreamError) {
  for (Protocol kind : {Protocol::kOllama, Protocol::kOpenAI}) {
    serve(HttpStatus::ok, "<html>surprise</html>", "text/html");
    auto p = provider(kind);
    ChatRequest request;
    request.messages.push_back({.role = "user", .parts = {{.text = "hi"}}});
    auto answer = ts::run(io_, p->complete(request, {}));
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->status().code(), StatusCode::kUpstream) << answer->status().to_string();
  }
}

}  // namespace
}  // namespace splitpoint
