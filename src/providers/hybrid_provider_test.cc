#include "splitpoint/hybrid_provider.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <optional>
#include <utility>

namespace splitpoint {
namespace {

namespace asio = boost::asio;

// Answers with its own name; counts calls; probe() fails when `reachable` is false.
class FakeProvider : public LanguageModelProvider {
 public:
  FakeProvider(std::string name, Tier tier) {
    descriptor_.name = std::move(name);
    descriptor_.tier = tier;
    descriptor_.chat_model = descriptor_.name + "-chat";
    descriptor_.embedding_model = descriptor_.name + "-embed";
    descriptor_.context_tokens = tier == Tier::kLocal ? 8192 : 128000;
    descriptor_.vision = tier == Tier::kCloud;
  }
  const ProviderDescriptor& descriptor() const override { return descriptor_; }

  asio::awaitable<Result<ChatResponse>> complete(const ChatRequest&, const CallContext&) override {
    ++calls;
    ChatResponse response;
    response.model = descriptor_.name;
    co_return response;
  }
  asio::awaitable<Status> stream(const ChatRequest&, const CallContext&, ChunkSink& sink) override {
    ++calls;
    StreamChunk chunk;
    chunk.content = descriptor_.name;
    co_return co_await sink.on_chunk(chunk);
  }
  asio::awaitable<Result<EmbedResponse>> embed(const EmbedRequest&, const CallContext&) override {
    ++calls;
    EmbedResponse response;
    response.model = descriptor_.name;
    co_return response;
  }
  asio::awaitable<Status> probe(const CallContext&) override {
    co_return reachable ? Status::OK() : Status::upstream("connection refused");
  }

  int calls = 0;
  bool reachable = true;

 private:
  ProviderDescriptor descriptor_;
};

class CollectingSink : public ChunkSink {
 public:
  asio::awaitable<Status> on_chunk(const StreamChunk& chunk) override {
    text += chunk.content;
    co_return Status::OK();
  }
  std::string text;
};

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

class HybridProviderTest : public ::testing::Test {
 protected:
  void make(HybridProvider::Rule rule = {}) {
    auto local = std::make_unique<FakeProvider>("home", Tier::kLocal);
    auto cloud = std::make_unique<FakeProvider>("openai", Tier::kCloud);
    local_ = local.get();
    cloud_ = cloud.get();
    hybrid_ = make_hybrid_provider(std::move(local), std::move(cloud), std::move(rule));
  }
  static ChatRequest text_request() {
    ChatRequest request;
    request.messages.push_back({.role = "user", .parts = {{.text = "hi"}}});
    return request;
  }
  static ChatRequest image_request() {
    ChatRequest request = text_request();
    request.messages[0].parts.push_back(
        {.kind = ContentPart::Kind::kImage, .text = "data:image/png;base64,AAAA"});
    return request;
  }

  asio::io_context io_;
  FakeProvider* local_ = nullptr;
  FakeProvider* cloud_ = nullptr;
  std::unique_ptr<HybridProvider> hybrid_;
};

TEST_F(HybridProviderTest, DefaultRuleSendsImagesToTheCloud) {
  make();
  EXPECT_EQ(hybrid_->choose(text_request()), Tier::kLocal);
  EXPECT_EQ(hybrid_->choose(image_request()), Tier::kCloud);

  auto text = run(io_, hybrid_->complete(text_request(), {}));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->model, "home");
  auto image = run(io_, hybrid_->complete(image_request(), {}));
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(image->model, "openai");
  EXPECT_EQ(local_->calls, 1);
  EXPECT_EQ(cloud_->calls, 1);
}

TEST_F(HybridProviderTest, StreamFollowsTheRule) {
  make();
  CollectingSink sink;
  Status status = run(io_, hybrid_->stream(image_request(), {}, sink));
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  EXPECT_EQ(sink.text, "openai");
  EXPECT_EQ(local_->calls, 0);
}

TEST_F(HybridProviderTest, CustomRuleIsUsed) {
  make([](const ChatRequest&) { return Tier::kCloud; });
  auto answer = run(io_, hybrid_->complete(text_request(), {}));
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(answer->model, "openai");
}

TEST_F(HybridProviderTest, EmbeddingsStayLocal) {
  make([](const ChatRequest&) { return Tier::kCloud; });
  EmbedRequest request;
  request.inputs = {"a"};
  auto answer = run(io_, hybrid_->embed(request, {}));
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(answer->model, "home");
  EXPECT_EQ(cloud_->calls, 0);
}

TEST_F(HybridProviderTest, DescriptorDescribesBothTiers) {
  make();
  const ProviderDescriptor& d = hybrid_->descriptor();
  EXPECT_EQ(d.name, "hybrid");
  EXPECT_EQ(d.tier, Tier::kLocal);
  EXPECT_EQ(d.chat_model, "home-chat");
  EXPECT_EQ(d.embedding_model, "home-embed");
  EXPECT_TRUE(d.serves_model("openai-chat"));
  EXPECT_TRUE(d.serves_model("home-embed"));
  EXPECT_TRUE(d.vision);
  EXPECT_EQ(d.context_tokens, 8192);
}

TEST_F(HybridProviderTest, ProbeNamesTheUnreachableTier) {
  make();
  EXPECT_TRUE(run(io_, hybrid_->probe({})).is_ok());
  cloud_->reachable = false;
  Status status = run(io_, hybrid_->probe({}));
  EXPECT_EQ(status.code(), StatusCode::kUpstream);
  EXPECT_EQ(status.message(), "cloud: connection refused");
}

}  // namespace
}  // namespace splitpoint
