// send_streaming against a raw loopback server that sends its body in pieces and, before each
// next piece, waits (bounded) until the client has received the previous ones.
#include <chrono>
#include <string>
#include <vector>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

#include "http/client.h"
#include "http/testing_server.h"

namespace splitpoint::http {
namespace {

using namespace std::chrono_literals;
using namespace boost::asio::experimental::awaitable_operators;
using namespace test_support;

enum class Framing { kChunked, kLength, kUntilClose };

std::string head(Framing framing, std::size_t total, int status = 200) {
  std::string h =
      "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: text/event-stream\r\n";
  switch (framing) {
    case Framing::kChunked: h += "Transfer-Encoding: chunked\r\n"; break;
    case Framing::kLength: h += "Content-Length: " + std::to_string(total) + "\r\n"; break;
    case Framing::kUntilClose: h += "Connection: close\r\n"; break;
  }
  return h + "\r\n";
}

std::string frame(Framing framing, const std::string& piece) {
  if (framing != Framing::kChunked) return piece;
  char size[16];
  std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
  return size + piece + "\r\n";
}

class StreamingTest : public ::testing::TestWithParam<Framing> {
 protected:
  // Starts a server answering each request with `pieces`, sent as `framing` says; piece k+1 is
  // sent only once the client has received pieces 1..k (or after 2 s: then in_order_ is false).
  // With `hang_after`, it stops after that many pieces and waits for the client to close.
  void start(Framing framing, std::vector<std::string> pieces, int status = 200,
             int hang_after = -1) {
    pieces_ = std::move(pieces);
    server_ = std::make_unique<TestServer>(
        io_, [=, this](tcp::socket socket, int) -> asio::awaitable<void> {
          co_await session(socket, framing, status, hang_after);
        });
    client_ = std::make_unique<Client>(io_.get_executor(), *Url::parse(server_->url()), options_);
  }

  asio::awaitable<void> session(tcp::socket& socket, Framing framing, int status, int hang_after) {
    beast::flat_buffer buffer;
    TestRequest request;
    if (std::get<0>(co_await bhttp::async_read(socket, buffer, request, kTuple))) co_return;
    std::size_t total = 0;
    for (const std::string& p : pieces_) total += p.size();
    if (!co_await write(socket, head(framing, total, status))) co_return;
    std::size_t sent = 0;
    for (std::size_t k = 0; k < pieces_.size(); ++k) {
      if (static_cast<int>(k) == hang_after) break;
      if (k > 0 && status / 100 == 2) in_order_ = in_order_ && co_await wait_for_client(sent);
      if (!co_await write(socket, frame(framing, pieces_[k]))) co_return;
      sent += pieces_[k].size();
    }
    if (hang_after < 0 && framing == Framing::kChunked) co_await write(socket, "0\r\n\r\n");
    if (hang_after < 0 && framing == Framing::kUntilClose) co_return;  // closes the socket
    char byte;
    auto [ec, n] = co_await socket.async_read_some(asio::buffer(&byte, 1), kTuple);
    saw_close_ = ec.failed();
  }

  static asio::awaitable<bool> write(tcp::socket& socket, std::string data) {
    auto [ec, n] = co_await asio::async_write(socket, asio::buffer(data), kTuple);
    co_return !ec;
  }

  asio::awaitable<bool> wait_for_client(std::size_t bytes) {
    while (received_.size() < bytes) {
      gate_.expires_after(2s);
      auto [ec] = co_await gate_.async_wait(kTuple);
      if (!ec) co_return false;  // timed out: the client did not get the bytes incrementally
    }
    co_return true;
  }

  DataHandler collector(Status answer = Status::OK()) {
    return [this, answer](std::string_view data) -> asio::awaitable<Status> {
      received_.append(data);
      ++calls_;
      gate_.cancel();
      co_return answer;
    };
  }

  std::optional<Result<Response>> stream(DataHandler on_data, Clock::time_point deadline) {
    auto task = [&]() -> asio::awaitable<Result<Response>> {
      co_return co_await client_->send_streaming(Request(), deadline, on_data);
    };
    return run(io_, task());
  }

  asio::io_context io_;
  asio::steady_timer gate_{io_};
  ClientOptions options_;
  std::vector<std::string> pieces_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Client> client_;
  std::string received_;
  int calls_ = 0;
  bool in_order_ = true;
  bool saw_close_ = false;
};

TEST_P(StreamingTest, PiecesReachOnDataAsTheyArrive) {
  start(GetParam(), {"data: one\n\n", "data: two\n\n", "data: three\n\n"});
  auto r = stream(collector(), Clock::now() + 10s);
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(r->ok()) << r->status().to_string();
  EXPECT_EQ((*r)->status, 200);
  EXPECT_EQ((*r)->content_type, "text/event-stream");
  EXPECT_TRUE((*r)->body.empty());
  EXPECT_EQ(received_, "data: one\n\ndata: two\n\ndata: three\n\n");
  EXPECT_TRUE(in_order_) << "a piece was held back until later ones were sent";
  EXPECT_GE(calls_, 3);
  EXPECT_EQ(client_->idle_connections(), GetParam() == Framing::kUntilClose ? 0u : 1u);
}

TEST_P(StreamingTest, NonSuccessBodyIsReturnedWhole) {
  start(GetParam(), {R"({"error":)", R"("overloaded"})"}, 503);
  auto r = stream(collector(), Clock::now() + 10s);
  ASSERT_TRUE(r.has_value() && r->ok());
  EXPECT_EQ((*r)->status, 503);
  EXPECT_EQ((*r)->body, R"({"error":"overloaded"})");
  EXPECT_EQ(calls_, 0);
}

TEST_P(StreamingTest, HandlerErrorAbortsAndClosesTheConnection) {
  start(GetParam(), {"a", "b", "c"});
  auto r = stream(collector(Status::cancelled("client gone")), Clock::now() + 10s);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status().code(), StatusCode::kCancelled);
  EXPECT_EQ(r->status().message(), "client gone");
  EXPECT_EQ(calls_, 1);
  EXPECT_EQ(client_->idle_connections(), 0u);
}

TEST_P(StreamingTest, OversizedStreamIsAnUpstreamError) {
  options_.max_body_bytes = 1000;
  start(GetParam(), {std::string(600, 'a'), std::string(600, 'b')});
  auto r = stream(collector(), Clock::now() + 10s);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status().code(), StatusCode::kUpstream) << r->status().to_string();
  EXPECT_LE(received_.size(), 1000u);
}

TEST_P(StreamingTest, DeadlineDuringTheBody) {
  start(GetParam(), {"first", "never"}, 200, /*hang_after=*/1);
  const auto start = Clock::now();
  auto r = stream(collector(), Clock::now() + 300ms);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status().code(), StatusCode::kDeadlineExceeded) << r->status().to_string();
  EXPECT_LT(Clock::now() - start, 2s);
  EXPECT_EQ(received_, "first");
  EXPECT_TRUE(run_until(io_, [&] { return saw_close_; }));
}

TEST_P(StreamingTest, CancellationDuringTheBody) {
  start(GetParam(), {"first", "never"}, 200, /*hang_after=*/1);
  std::optional<Result<Response>> result;
  DataHandler on_data = collector();
  auto call = [&]() -> asio::awaitable<void> {
    result.emplace(co_await client_->send_streaming(Request(), Clock::now() + 10s, on_data));
  };
  auto race = [&]() -> asio::awaitable<int> {
    asio::steady_timer timer(io_, 200ms);
    auto winner = co_await (call() || timer.async_wait(asio::use_awaitable));
    co_return static_cast<int>(winner.index());
  };
  const auto start = Clock::now();
  std::optional<int> winner = run(io_, race());
  ASSERT_EQ(winner, 1);
  EXPECT_LT(Clock::now() - start, 2s);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->status().code(), StatusCode::kCancelled) << result->status().to_string();
  EXPECT_EQ(received_, "first");
  EXPECT_TRUE(run_until(io_, [&] { return saw_close_; }));
  EXPECT_EQ(client_->idle_connections(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Framings, StreamingTest,
                         ::testing::Values(Framing::kChunked, Framing::kLength,
                                           Framing::kUntilClose),
                         [](const auto& info) {
                           switch (info.param) {
                             case Framing::kChunked: return std::string("Chunked");
                             case Framing::kLength: return std::string("ContentLength");
                             case Framing::kUntilClose: return std::string("UntilClose");
                           }
                           return std::string("Unknown");
                         });

}  // namespace
}  // namespace splitpoint::http
