// The phase deadlines of http::Client: first byte (head, and first body byte of a stream) and
// idle (gap between body pieces), against a raw loopback server that sends a scripted timeline.
#include <chrono>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

#include "http/client.h"
#include "http/testing_server.h"

namespace splitpoint::http {
namespace {

using namespace std::chrono_literals;
using namespace test_support;

// One step of the server's answer: wait `delay`, then write `bytes`.
struct Step {
  std::chrono::milliseconds delay;
  std::string bytes;
};

const std::string kHead =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
std::string chunk(const std::string& s) {
  char size[16];
  std::snprintf(size, sizeof size, "%zx\r\n", s.size());
  return size + s + "\r\n";
}

class TimeoutsTest : public ::testing::Test {
 protected:
  void start(std::vector<Step> steps) {
    steps_ = std::move(steps);
    server_ = std::make_unique<TestServer>(io_, [this](tcp::socket s, int) {
      return play(std::move(s));
    });
    client_ = std::make_unique<Client>(io_.get_executor(), *Url::parse(server_->url()));
  }

  asio::awaitable<void> play(tcp::socket socket) {
    beast::flat_buffer buffer;
    TestRequest request;
    if (std::get<0>(co_await bhttp::async_read(socket, buffer, request, kTuple))) co_return;
    asio::steady_timer timer(socket.get_executor());
    for (const Step& step : steps_) {
      timer.expires_after(step.delay);
      co_await timer.async_wait(kTuple);
      auto [ec, n] = co_await asio::async_write(socket, asio::buffer(step.bytes), kTuple);
      if (ec) co_return;
    }
    char byte;  // hold the connection until the client closes it
    (void)co_await socket.async_read_some(asio::buffer(&byte, 1), kTuple);
  }

  // Streams a request with the given phase timeouts; returns the status and elapsed time.
  Status stream(std::chrono::milliseconds first_byte, std::chrono::milliseconds idle,
                std::chrono::milliseconds* elapsed, int* pieces) {
    Request request;
    request.path = "/s";
    request.first_byte_timeout = first_byte;
    request.idle_timeout = idle;
    const auto t0 = Clock::now();
    DataHandler on_data = [pieces](std::string_view) -> asio::awaitable<Status> {
      ++*pieces;
      co_return Status::OK();
    };
    auto r = run(io_, client_->send_streaming(request, Clock::now() + 5s, on_data));
    *elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
    if (!r) return Status::internal("did not finish");
    return r->status();
  }

  asio::io_context io_;
  std::vector<Step> steps_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Client> client_;
};

TEST_F(TimeoutsTest, NoHeadWithinTheFirstByteTimeout) {
  start({{2000ms, kHead}});
  std::chrono::milliseconds elapsed{};
  int pieces = 0;
  Status s = stream(200ms, 0ms, &elapsed, &pieces);
  EXPECT_EQ(s.code(), StatusCode::kDeadlineExceeded) << s.to_string();
  EXPECT_NE(s.message().find("first"), std::string::npos) << s.message();
  EXPECT_GE(elapsed, 190ms);
  EXPECT_LT(elapsed, 1000ms);
}

TEST_F(TimeoutsTest, HeadButNoFirstChunkIsAFirstByteTimeoutToo) {
  start({{0ms, kHead}, {2000ms, chunk("data: x\n\n")}});
  std::chrono::milliseconds elapsed{};
  int pieces = 0;
  Status s = stream(200ms, 0ms, &elapsed, &pieces);
  EXPECT_EQ(s.code(), StatusCode::kDeadlineExceeded) << s.to_string();
  EXPECT_EQ(pieces, 0);
  EXPECT_LT(elapsed, 1000ms);
}

TEST_F(TimeoutsTest, AGapLongerThanTheIdleTimeoutEndsTheStream) {
  start({{0ms, kHead + chunk("a")}, {50ms, chunk("b")}, {2000ms, chunk("c")}});
  std::chrono::milliseconds elapsed{};
  int pieces = 0;
  Status s = stream(1000ms, 300ms, &elapsed, &pieces);
  EXPECT_EQ(s.code(), StatusCode::kDeadlineExceeded) << s.to_string();
  EXPECT_NE(s.message().find("idle"), std::string::npos) << s.message();
  EXPECT_EQ(pieces, 2);
  EXPECT_GE(elapsed, 340ms);
  EXPECT_LT(elapsed, 1200ms);
}

TEST_F(TimeoutsTest, SlowButSteadyStreamsWithinTheTimeoutsComplete) {
  start({{100ms, kHead}, {100ms, chunk("a")}, {150ms, chunk("b")}, {150ms, "0\r\n\r\n"}});
  std::chrono::milliseconds elapsed{};
  int pieces = 0;
  Status s = stream(400ms, 250ms, &elapsed, &pieces);
  EXPECT_TRUE(s.is_ok()) << s.to_string();
  EXPECT_EQ(pieces, 2);
}

}  // namespace
}  // namespace splitpoint::http
