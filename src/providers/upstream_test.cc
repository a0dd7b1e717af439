// Network-free provider behaviour. The conformance suite in tests/providers/ runs the providers
// against the emulator.
#include "providers/upstream.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <optional>

namespace splitpoint::providers {
namespace {

namespace asio = boost::asio;
using boost::beast::http::verb;
using std::chrono::milliseconds;

template <typename T>
T run(asio::io_context& io, asio::awaitable<T> task) {
  std::optional<T> result;
  std::exception_ptr error;
  boost::asio::co_spawn(
      io, [&]() -> boost::asio::awaitable<void> { result.emplace(co_await std::move(task)); },
      [&](std::exception_ptr e) { error = e; });
  io.run();
  io.restart();
  if (error) std::rethrow_exception(error);
  return std::move(*result);
}

class NullSink : public ChunkSink {
 public:
  asio::awaitable<Status> on_chunk(const StreamChunk&) override { co_return Status::OK(); }
};

Status no_error(int, std::string_view) {
  return Status::OK();
}

TEST(UpstreamTest, DeadlineIsTheEarlierOfContextAndRequestTimeout) {
  asio::io_context io;
  ProviderDescriptor d{.base_url = "http://127.0.0.1:1"};
  d.request_timeout = milliseconds(1000);
  Upstream upstream(io.get_executor(), d, &no_error);
  CallContext ctx;
  auto before = Clock::now();
  Clock::time_point t = upstream.deadline(ctx);
  EXPECT_GE(t, before + milliseconds(1000));
  EXPECT_LE(t, Clock::now() + milliseconds(1000));
  ctx.deadline = before + milliseconds(10);
  EXPECT_EQ(upstream.deadline(ctx), ctx.deadline);
}

TEST(UpstreamTest, ModelPrecedence) {
  asio::io_context io;
  Upstream upstream(io.get_executor(),
                    {.base_url = "http://h", .chat_model = "chat", .embedding_model = "emb"},
                    &no_error);
  CallContext ctx;
  EXPECT_EQ(upstream.chat_model(ctx, "client"), "chat");
  EXPECT_EQ(upstream.embedding_model(ctx, "client"), "emb");
  ctx.upstream_model = "routed";
  EXPECT_EQ(upstream.chat_model(ctx, "client"), "routed");
  EXPECT_EQ(upstream.embedding_model(ctx, "client"), "routed");
  Upstream bare(io.get_executor(), {.base_url = "http://h"}, &no_error);
  EXPECT_EQ(bare.chat_model({}, "client"), "client");
}

TEST(UpstreamTest, AuthorizationHeaderOnlyWithKey) {
  asio::io_context io;
  Upstream keyed(io.get_executor(), {.base_url = "http://h", .api_key = "sk-1"}, &no_error);
  http::Request r = keyed.request(verb::post, "/x", "{}");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Authorization");
  EXPECT_EQ(r.headers[0].second, "Bearer sk-1");
  Upstream open(io.get_executor(), {.base_url = "http://h"}, &no_error);
  EXPECT_TRUE(open.request(verb::get, "/y", {}).headers.empty());
}

TEST(UpstreamTest, WithStreamFlagCopiesOnlyWhenNeeded) {
  ChatRequest request;
  request.stream = true;
  std::optional<ChatRequest> storage;
  EXPECT_EQ(&with_stream_flag(request, true, storage), &request);
  EXPECT_FALSE(storage.has_value());
  const ChatRequest& copy = with_stream_flag(request, false, storage);
  EXPECT_NE(&copy, &request);
  EXPECT_FALSE(copy.stream);
}

// Every call of a provider whose base URL does not parse fails with kInvalidArgument naming it.
TEST(ProviderTest, BadBaseUrlFailsEveryCall) {
  for (Protocol kind : {Protocol::kOllama, Protocol::kOpenAI}) {
    asio::io_context io;
    auto provider =
        make_provider(io.get_executor(), {.name = "p", .kind = kind, .base_url = "ftp://nowhere"});
    ChatRequest chat;
    chat.messages.push_back({.role = "user", .parts = {{.text = "hi"}}});
    auto answer = run(io, provider->complete(chat, {}));
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(answer.status().message().find("ftp://nowhere"), std::string::npos)
        << answer.status().message();
    NullSink sink;
    EXPECT_EQ(run(io, provider->stream(chat, {}, sink)).code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(run(io, provider->embed({.inputs = {"a"}}, {})).status().code(),
              StatusCode::kInvalidArgument);
    EXPECT_EQ(run(io, provider->probe({})).code(), StatusCode::kInvalidArgument);
  }
}

TEST(ProviderTest, FactoryChoosesByKind) {
  asio::io_context io;
  auto ollama =
      make_provider(io.get_executor(),
                    {.name = "o", .kind = Protocol::kOllama, .base_url = "http://127.0.0.1:1"});
  auto openai =
      make_provider(io.get_executor(),
                    {.name = "a", .kind = Protocol::kOpenAI, .base_url = "http://127.0.0.1:1/v1"});
  ASSERT_TRUE(ollama && openai);
  EXPECT_EQ(ollama->descriptor().name, "o");
  EXPECT_EQ(openai->descriptor().kind, Protocol::kOpenAI);
}

}  // namespace
}  // namespace splitpoint::providers
