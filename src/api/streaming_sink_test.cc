#include "api/streaming_sink.h"

#include <gtest/gtest.h>

#include <string>

#include "api/testing_fakes.h"

namespace splitpoint::api {
namespace {

using testing::drive;
using testing::FakeDispatcher;
using testing::FakeExchange;
using testing::text_chunk;

// Encodes a chunk as "<content>|"; an empty content encodes to "" (nothing to send).
struct PipeEncoder {
  int encoded = 0;
  void encode_into(const StreamChunk& chunk, std::string& out) {
    ++encoded;
    out = chunk.content.empty() ? std::string() : chunk.content + "|";
  }
  std::string finish() { return "END"; }
  std::string error(const Status& status) { return "ERR " + status.message(); }
};

const Route kRoute{Tier::kCloud, "openai", "gpt-4o", "pinned", 1};

Status run(FakeDispatcher& dispatcher, FakeExchange& exchange, PipeEncoder& encoder) {
  Status result = Status::internal("not run");
  drive([&]() -> boost::asio::awaitable<void> {
    ChatRequest request;
    Headers headers;
    headers.emplace_back("X-A", "1");
    const std::string_view type = "text/x-test";
    Route route = kRoute;
    result = co_await stream_chat(dispatcher, exchange, route, request, encoder, type,
                                  std::move(headers));
  }());
  return result;
}

TEST(StreamChatTest, WritesEachEncodedChunkAtOnceThenFinish) {
  FakeDispatcher dispatcher;
  dispatcher.chunks = {text_chunk("a"), text_chunk(""), text_chunk("b")};
  FakeExchange exchange("POST", "/x");
  PipeEncoder encoder;
  EXPECT_TRUE(run(dispatcher, exchange, encoder).is_ok());
  EXPECT_EQ(encoder.encoded, 3);
  ASSERT_EQ(exchange.writes.size(), 3u);  // the empty encoding is not written
  EXPECT_EQ(exchange.writes[0], "a|");
  EXPECT_EQ(exchange.writes[1], "b|");
  EXPECT_EQ(exchange.writes[2], "END");
  EXPECT_TRUE(exchange.ended);
  EXPECT_EQ(exchange.status, 200);
  EXPECT_EQ(exchange.content_type, "text/x-test");
  EXPECT_EQ(exchange.response_header("x-a"), "1");
  EXPECT_EQ(exchange.protocol_errors, 0);
}

TEST(StreamChatTest, EmptyStreamStillBeginsAndFinishes) {
  FakeDispatcher dispatcher;
  FakeExchange exchange("POST", "/x");
  PipeEncoder encoder;
  EXPECT_TRUE(run(dispatcher, exchange, encoder).is_ok());
  ASSERT_EQ(exchange.writes.size(), 1u);
  EXPECT_EQ(exchange.writes[0], "END");
  EXPECT_TRUE(exchange.ended);
}

TEST(StreamChatTest, ErrorBeforeAnyBytesIsReturnedAndNothingIsSent) {
  FakeDispatcher dispatcher;
  // The first chunk encodes to nothing, so the stream has still not begun at the error.
  dispatcher.chunks = {text_chunk(""), text_chunk("late")};
  dispatcher.stream_error = Status::deadline("too slow");
  dispatcher.stream_error_at = 1;
  FakeExchange exchange("POST", "/x");
  PipeEncoder encoder;
  const Status status = run(dispatcher, exchange, encoder);
  EXPECT_EQ(status.code(), StatusCode::kDeadlineExceeded);
  EXPECT_TRUE(exchange.events.empty());
}

TEST(StreamChatTest, ErrorAfterBytesWritesErrorAndEnds) {
  FakeDispatcher dispatcher;
  dispatcher.chunks = {text_chunk("a"), text_chunk("b")};
  dispatcher.stream_error = Status::upstream("reset");
  dispatcher.stream_error_at = 1;
  FakeExchange exchange("POST", "/x");
  PipeEncoder encoder;
  EXPECT_TRUE(run(dispatcher, exchange, encoder).is_ok());
  ASSERT_EQ(exchange.writes.size(), 2u);
  EXPECT_EQ(exchange.writes[1], "ERR reset");
  EXPECT_TRUE(exchange.ended);
  EXPECT_EQ(exchange.protocol_errors, 0);
}

TEST(StreamChatTest, ClientGoneStopsTheStreamWithoutFurtherWrites) {
  FakeDispatcher dispatcher;
  dispatcher.chunks = {text_chunk("a"), text_chunk("b"), text_chunk("c")};
  FakeExchange exchange("POST", "/x");
  exchange.fail_write_at = 1;
  PipeEncoder encoder;
  EXPECT_TRUE(run(dispatcher, exchange, encoder).is_ok());
  EXPECT_EQ(dispatcher.delivered, 1u);
  EXPECT_EQ(dispatcher.sink_status.code(), StatusCode::kCancelled);
  EXPECT_EQ(exchange.writes.size(), 1u);
  EXPECT_FALSE(exchange.ended);
  EXPECT_EQ(exchange.protocol_errors, 0);
}

TEST(StreamChatTest, FailedBeginStopsTheStream) {
  FakeDispatcher dispatcher;
  dispatcher.chunks = {text_chunk("a"), text_chunk("b")};
  FakeExchange exchange("POST", "/x");
  exchange.fail_begin = true;
  PipeEncoder encoder;
  EXPECT_TRUE(run(dispatcher, exchange, encoder).is_ok());
  EXPECT_EQ(dispatcher.delivered, 0u);
  EXPECT_TRUE(exchange.writes.empty());
  EXPECT_EQ(exchange.protocol_errors, 0);
}

}  // namespace
}  // namespace splitpoint::api
