// Provider conformance (TensorZero style): the same typed tests run against the Ollama provider
// and the OpenAI-compatible provider, both talking to the real emulator binary.
#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator_harness.h"
#include "splitpoint/provider.h"

namespace splitpoint::testing {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;

struct OllamaFlavor {
  static constexpr Protocol kKind = Protocol::kOllama;
  static std::string base_url(const std::string& origin) { return origin; }
  static constexpr const char* kChatModel = "llama3.1:8b";
  static constexpr const char* kEmbeddingModel = "all-minilm";
  static constexpr const char* kChatPath = "/api/chat";
};

struct OpenAIFlavor {
  static constexpr Protocol kKind = Protocol::kOpenAI;
  static std::string base_url(const std::string& origin) { return origin + "/v1"; }
  static constexpr const char* kChatModel = "gpt-4o";
  static constexpr const char* kEmbeddingModel = "text-embedding-3-small";
  static constexpr const char* kChatPath = "/v1/chat/completions";
};

// Records every chunk and when it arrived; can be told to fail after some chunks.
class RecordingSink : public ChunkSink {
 public:
  asio::awaitable<Status> on_chunk(const StreamChunk& chunk) override {
    chunks.push_back(chunk);
    arrivals.push_back(Clock::now());
    if (fail_after > 0 && static_cast<int>(chunks.size()) >= fail_after) {
      co_return Status::cancelled("client went away");
    }
    co_return Status::OK();
  }
  std::string text() const {
    std::string out;
    for (const StreamChunk& c : chunks) out += c.content;
    return out;
  }
  int content_chunks() const {
    int n = 0;
    for (const StreamChunk& c : chunks) n += c.content.empty() ? 0 : 1;
    return n;
  }

  std::vector<StreamChunk> chunks;
  std::vector<Clock::time_point> arrivals;
  int fail_after = 0;
};

ChatRequest user_says(std::string text) {
  ChatRequest request;
  request.messages.push_back({.role = "user", .parts = {{.text = std::move(text)}}});
  return request;
}

template <typename Flavor>
class ProviderConformanceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto harness = EmulatorHarness::start();
    ASSERT_TRUE(harness.ok()) << harness.status().to_string();
    emulator_ = std::move(harness).value().release();
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(emulator_, nullptr);
    ASSERT_TRUE(emulator_->reset().is_ok());
    provider_ = make(emulator_->url());
  }

  std::unique_ptr<LanguageModelProvider> make(const std::string& origin, std::string key = {}) {
    ProviderDescriptor d{.name = "conformance",
                         .kind = Flavor::kKind,
                         .base_url = Flavor::base_url(origin),
                         .api_key = std::move(key),
                         .chat_model = Flavor::kChatModel,
                         .embedding_model = Flavor::kEmbeddingModel};
    return make_provider(io_.get_executor(), std::move(d));
  }
  template <typename T>
  T run(asio::awaitable<T> task) {
    return run_on(io_, std::move(task));
  }
  static CallContext within(milliseconds budget) {
    return CallContext{.deadline = Clock::now() + budget};
  }
  // The JSON body of the last recorded protocol request.
  boost::json::object last_request_json() {
    auto list = emulator_->requests();
    if (!list.ok() || list->as_array().empty()) return {};
    const auto& last = list->as_array().back().as_object();
    const boost::json::value* json = last.if_contains("json");
    return json != nullptr && json->is_object() ? json->as_object() : boost::json::object{};
  }

  static EmulatorHarness* emulator_;
  asio::io_context io_;
  std::unique_ptr<LanguageModelProvider> provider_;
};

template <typename Flavor>
EmulatorHarness* ProviderConformanceTest<Flavor>::emulator_ = nullptr;

using Flavors = ::testing::Types<OllamaFlavor, OpenAIFlavor>;
class FlavorNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    return T::kKind == Protocol::kOllama ? "Ollama" : "OpenAI";
  }
};
TYPED_TEST_SUITE(ProviderConformanceTest, Flavors, FlavorNames);

TYPED_TEST(ProviderConformanceTest, CompleteReturnsContentUsageAndFinishReason) {
  auto answer = this->run(this->provider_->complete(user_says("hello there world"), {}));
  ASSERT_TRUE(answer.ok()) << answer.status().to_string();
  EXPECT_EQ(answer->message.role, "assistant");
  EXPECT_EQ(answer->message.text(), "echo: hello there world");
  EXPECT_EQ(answer->finish_reason, FinishReason::kStop);
  ASSERT_TRUE(answer->usage.has_value());
  EXPECT_EQ(answer->usage->prompt_tokens, 3);
  EXPECT_EQ(answer->usage->completion_tokens, 4);
  EXPECT_FALSE(answer->model.empty());

  boost::json::object sent = this->last_request_json();
  EXPECT_EQ(sent["model"], TypeParam::kChatModel);
  // Ollama streams unless told not to; OpenAI does not stream unless told to.
  EXPECT_TRUE(!sent.contains("stream") || sent.at("stream") == false) << sent;
}

TYPED_TEST(ProviderConformanceTest, CompleteReportsLengthWhenTruncated) {
  ChatRequest request = user_says("one two three four five");
  request.options.max_tokens = 2;
  auto answer = this->run(this->provider_->complete(request, {}));
  ASSERT_TRUE(answer.ok()) << answer.status().to_string();
  EXPECT_EQ(answer->finish_reason, FinishReason::kLength);
  EXPECT_EQ(answer->message.text(), "echo: one ");
}

TYPED_TEST(ProviderConformanceTest, UpstreamModelFromContextIsSent) {
  // The other flavor's chat model: one the emulator knows, not this provider's default.
  CallContext ctx{.upstream_model =
                      TypeParam::kKind == Protocol::kOllama ? "gpt-4o" : "llama3.1:8b"};
  auto answer = this->run(this->provider_->complete(user_says("hi"), ctx));
  ASSERT_TRUE(answer.ok()) << answer.status().to_string();
  EXPECT_EQ(this->last_request_json()["model"], ctx.upstream_model.c_str());
}

TYPED_TEST(ProviderConformanceTest, StreamDeliversChunksAsTheyArrive) {
  ASSERT_TRUE(this->emulator_->configure(R"({"tokens_per_sec":20})").is_ok());
  std::string words = "a b c d e f g h i j k l m n o p";  // 16 words: 17 tokens, ~850 ms
  RecordingSink sink;
  auto start = Clock::now();
  Status status = this->run(this->provider_->stream(user_says(words), {}, sink));
  auto end = Clock::now();
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  EXPECT_EQ(sink.text(), "echo: " + words);
  EXPECT_EQ(sink.content_chunks(), 17);
  ASSERT_FALSE(sink.arrivals.empty());
  // Incremental: the first chunk came long before the end, not all at once when the body ended.
  auto total = end - start;
  EXPECT_GT(total, milliseconds(500));
  EXPECT_LT(sink.arrivals.front() - start, total / 3);
  EXPECT_GT(sink.arrivals[sink.arrivals.size() / 2] - sink.arrivals.front(), milliseconds(200));

  bool finished = false, usage = false;
  for (const StreamChunk& c : sink.chunks) {
    finished = finished || c.finish_reason == FinishReason::kStop;
    if (c.usage) {
      usage = true;
      EXPECT_EQ(c.usage->prompt_tokens, 16);
      EXPECT_EQ(c.usage->completion_tokens, 17);
    }
  }
  EXPECT_TRUE(finished);
  EXPECT_TRUE(usage);
  EXPECT_EQ(this->last_request_json()["stream"], true);
}

TYPED_TEST(ProviderConformanceTest, SinkErrorStopsTheStream) {
  ASSERT_TRUE(this->emulator_->configure(R"({"tokens_per_sec":50})").is_ok());
  RecordingSink sink;
  sink.fail_after = 2;
  Status status = this->run(this->provider_->stream(user_says("a b c d e f g h i j"), {}, sink));
  EXPECT_EQ(status.code(), StatusCode::kCancelled);
  EXPECT_EQ(sink.chunks.size(), 2u);
}

ChatRequest weather_request() {
  ChatRequest request = user_says("Paris");
  request.tools.push_back(
      {.name = "get_weather",
       .description = "Current weather",
       .parameters = R"({"type":"object","properties":{"input":{"type":"string"}}})"});
  return request;
}

TYPED_TEST(ProviderConformanceTest, CompleteReturnsToolCalls) {
  auto answer = this->run(this->provider_->complete(weather_request(), {}));
  ASSERT_TRUE(answer.ok()) << answer.status().to_string();
  ASSERT_EQ(answer->message.tool_calls.size(), 1u);
  const ToolCall& call = answer->message.tool_calls[0];
  EXPECT_EQ(call.name, "get_weather");
  EXPECT_FALSE(call.id.empty());
  EXPECT_EQ(boost::json::parse(call.arguments), boost::json::parse(R"({"input":"Paris"})"));
  EXPECT_EQ(answer->finish_reason, FinishReason::kToolCalls);
}

TYPED_TEST(ProviderConformanceTest, StreamReturnsToolCalls) {
  RecordingSink sink;
  Status status = this->run(this->provider_->stream(weather_request(), {}, sink));
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  std::string name, arguments;
  FinishReason finish = FinishReason::kNone;
  for (const StreamChunk& c : sink.chunks) {
    for (const ToolCallDelta& d : c.tool_calls) {
      EXPECT_EQ(d.index, 0);
      name += d.name;
      arguments += d.arguments;
    }
    if (c.finish_reason != FinishReason::kNone) finish = c.finish_reason;
  }
  EXPECT_EQ(name, "get_weather");
  EXPECT_EQ(boost::json::parse(arguments), boost::json::parse(R"({"input":"Paris"})"));
  EXPECT_EQ(finish, FinishReason::kToolCalls);
}

TYPED_TEST(ProviderConformanceTest, EmbedReturnsOneVectorPerInput) {
  EmbedRequest request{.inputs = {"hello", "world", "hello"}};
  auto answer = this->run(this->provider_->embed(request, {}));
  ASSERT_TRUE(answer.ok()) << answer.status().to_string();
  ASSERT_EQ(answer->embeddings.size(), 3u);
  EXPECT_EQ(answer->embeddings[0].size(), 8u);
  EXPECT_EQ(answer->embeddings[0], answer->embeddings[2]);
  EXPECT_NE(answer->embeddings[0], answer->embeddings[1]);
  EXPECT_EQ(this->last_request_json()["model"], TypeParam::kEmbeddingModel);
}

TYPED_TEST(ProviderConformanceTest, ProbeSucceeds) {
  Status status = this->run(this->provider_->probe({}));
  EXPECT_TRUE(status.is_ok()) << status.to_string();
}

TYPED_TEST(ProviderConformanceTest, Upstream500IsUpstreamError) {
  ASSERT_TRUE(this->emulator_->add_fault(R"({"kind":"status","code":500,"count":2})").is_ok());
  auto answer = this->run(this->provider_->complete(user_says("hi"), {}));
  EXPECT_EQ(answer.status().code(), StatusCode::kUpstream) << answer.status().to_string();
  RecordingSink sink;
  Status streamed = this->run(this->provider_->stream(user_says("hi"), {}, sink));
  EXPECT_EQ(streamed.code(), StatusCode::kUpstream) << streamed.to_string();
  EXPECT_TRUE(sink.chunks.empty());
}

TYPED_TEST(ProviderConformanceTest, Upstream429IsResourceExhausted) {
  ASSERT_TRUE(this->emulator_->add_fault(R"({"kind":"status","code":429})").is_ok());
  auto answer = this->run(this->provider_->complete(user_says("hi"), {}));
  EXPECT_EQ(answer.status().code(), StatusCode::kResourceExhausted) << answer.status().to_string();
}

TYPED_TEST(ProviderConformanceTest, CutStreamIsUpstreamErrorAfterSomeChunks) {
  ASSERT_TRUE(this->emulator_->add_fault(R"({"kind":"cut","after":2})").is_ok());
  RecordingSink sink;
  Status status = this->run(this->provider_->stream(user_says("a b c d e f g h"), {}, sink));
  EXPECT_EQ(status.code(), StatusCode::kUpstream) << status.to_string();
  EXPECT_GE(sink.content_chunks(), 1);
  EXPECT_LT(sink.content_chunks(), 9);
}

TYPED_TEST(ProviderConformanceTest, GarbageIsUpstreamError) {
  ASSERT_TRUE(this->emulator_->add_fault(R"({"kind":"garbage","count":2})").is_ok());
  auto answer = this->run(this->provider_->complete(user_says("hi"), {}));
  EXPECT_EQ(answer.status().code(), StatusCode::kUpstream) << answer.status().to_string();
  RecordingSink sink;
  Status streamed = this->run(this->provider_->stream(user_says("hi"), {}, sink));
  EXPECT_EQ(streamed.code(), StatusCode::kUpstream) << streamed.to_string();
}

TYPED_TEST(ProviderConformanceTest, HangWithShortDeadlineIsDeadlineExceeded) {
  ASSERT_TRUE(this->emulator_->add_fault(R"({"kind":"hang","count":2})").is_ok());
  auto start = Clock::now();
  auto answer =
      this->run(this->provider_->complete(user_says("hi"), this->within(milliseconds(300))));
  EXPECT_EQ(answer.status().code(), StatusCode::kDeadlineExceeded) << answer.status().to_string();
  EXPECT_LT(Clock::now() - start, milliseconds(3000));
  RecordingSink sink;
  Status streamed =
      this->run(this->provider_->stream(user_says("hi"), this->within(milliseconds(300)), sink));
  EXPECT_EQ(streamed.code(), StatusCode::kDeadlineExceeded) << streamed.to_string();
}

TYPED_TEST(ProviderConformanceTest, RequestTimeoutBoundsTheCall) {
  ProviderDescriptor d = this->provider_->descriptor();
  d.request_timeout = milliseconds(300);
  auto provider = make_provider(this->io_.get_executor(), d);
  ASSERT_TRUE(this->emulator_->add_fault(R"({"kind":"hang"})").is_ok());
  auto answer = this->run(provider->complete(user_says("hi"), {}));
  EXPECT_EQ(answer.status().code(), StatusCode::kDeadlineExceeded) << answer.status().to_string();
}

TYPED_TEST(ProviderConformanceTest, CancelledStreamReturnsQuicklyAndClosesTheConnection) {
  using namespace asio::experimental::awaitable_operators;  // NOLINT: operator||
  ASSERT_TRUE(this->emulator_->configure(R"({"tokens_per_sec":5})").is_ok());
  RecordingSink sink;
  auto& provider = *this->provider_;
  ChatRequest request = user_says("a b c d e f g h i j k l");
  CallContext ctx;
  auto task = [&]() -> asio::awaitable<bool> {
    asio::steady_timer timer(co_await asio::this_coro::executor, milliseconds(400));
    auto winner =
        co_await (provider.stream(request, ctx, sink) || timer.async_wait(asio::use_awaitable));
    co_return winner.index() == 1;  // the timer won: the stream was cancelled
  };
  auto start = Clock::now();
  bool timer_won = this->run(task());
  EXPECT_TRUE(timer_won);
  EXPECT_LT(Clock::now() - start, milliseconds(1500));
  EXPECT_GE(sink.content_chunks(), 1);  // it was streaming when cancelled
  EXPECT_LT(sink.content_chunks(), 13);
  // The upstream connection is closed, not kept: only the admin connection asking stays open.
  EXPECT_TRUE(this->emulator_->wait_open_connections(1, milliseconds(3000)));
}

// A terminal cancellation through the call's slot: stream() returns kCancelled (no exception).
TYPED_TEST(ProviderConformanceTest, CancellationSignalYieldsCancelledStatus) {
  ASSERT_TRUE(this->emulator_->configure(R"({"tokens_per_sec":10})").is_ok());
  ChatRequest request = user_says("a b c d e f g h i j k l");
  CallContext ctx;
  RecordingSink sink;
  asio::cancellation_signal signal;
  std::optional<Status> result;
  std::exception_ptr error;
  asio::co_spawn(this->io_, this->provider_->stream(request, ctx, sink),
                 asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e, Status s) {
                   error = e;
                   result = std::move(s);
                 }));
  asio::steady_timer timer(this->io_, milliseconds(300));
  timer.async_wait([&](boost::system::error_code) { signal.emit(asio::cancellation_type::all); });
  auto start = Clock::now();
  this->io_.run();
  this->io_.restart();
  EXPECT_LT(Clock::now() - start, milliseconds(1500));
  ASSERT_FALSE(error) << "an exception escaped stream()";
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->code(), StatusCode::kCancelled) << result->to_string();
  EXPECT_GE(sink.content_chunks(), 1);
  EXPECT_TRUE(this->emulator_->wait_open_connections(1, milliseconds(3000)));
}

TYPED_TEST(ProviderConformanceTest, ApiKeyReachesTheUpstream) {
  auto provider = this->make(this->emulator_->url(), "sk-conformance");
  auto answer = this->run(provider->complete(user_says("hi"), {}));
  ASSERT_TRUE(answer.ok()) << answer.status().to_string();
  auto list = this->emulator_->requests();
  ASSERT_TRUE(list.ok()) << list.status().to_string();
  ASSERT_FALSE(list->as_array().empty());
  EXPECT_EQ(list->as_array().back().as_object().at("authorization"), "Bearer sk-conformance");
}

TYPED_TEST(ProviderConformanceTest, ConnectionRefusedIsUpstreamError) {
  // A bound socket that does not listen: connecting to it is refused.
  asio::ip::tcp::socket bound(this->io_);
  bound.open(asio::ip::tcp::v4());
  bound.bind({asio::ip::make_address("127.0.0.1"), 0});
  std::string origin = "http://127.0.0.1:" + std::to_string(bound.local_endpoint().port());
  auto provider = this->make(origin);
  auto answer = this->run(provider->complete(user_says("hi"), this->within(milliseconds(5000))));
  EXPECT_EQ(answer.status().code(), StatusCode::kUpstream) << answer.status().to_string();
  EXPECT_EQ(this->run(provider->probe({})).code(), StatusCode::kUpstream);
}

}  // namespace
}  // namespace splitpoint::testing
