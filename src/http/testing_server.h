// Test helpers (header-only, tests only): a loopback HTTP server whose sessions are coroutines
// supplied by the test, running on the test's io_context, and bounded drivers for that context.
#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace splitpoint::http::test_support {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;

inline constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// Runs `io` until `done()` holds or `limit` passes; returns done().
inline bool run_until(asio::io_context& io, const std::function<bool()>& done,
                      std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto end = std::chrono::steady_clock::now() + limit;
  io.restart();
  while (!done() && std::chrono::steady_clock::now() < end) {
    io.run_one_for(std::chrono::milliseconds(50));
    if (io.stopped()) io.restart();
  }
  return done();
}

// Runs `task` on `io` to completion (at most `limit`); nullopt if it did not finish. Rethrows an
// exception escaping the task.
template <class T>
std::optional<T> run(asio::io_context& io, asio::awaitable<T> task,
                     std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  std::optional<T> out;
  std::exception_ptr error;
  bool done = false;
  auto store = [](asio::awaitable<T> t, std::optional<T>* result) -> asio::awaitable<void> {
    result->emplace(co_await std::move(t));
  };
  asio::co_spawn(io, store(std::move(task), &out), [&](std::exception_ptr e) {
    error = e;
    done = true;
  });
  run_until(
      io, [&] { return done; }, limit);
  if (error) std::rethrow_exception(error);
  return out;
}

// Accepts connections on 127.0.0.1 (port chosen by the OS) and runs `session(socket, index)`
// for each, index counting from 0. `session` must outlive the server's io_context activity.
class TestServer {
 public:
  using Session = std::function<asio::awaitable<void>(tcp::socket, int index)>;

  TestServer(asio::io_context& io, Session session)
      : acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        session_(std::move(session)) {
    asio::co_spawn(io, accept_loop(), asio::detached);
  }

  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  std::string url(std::string_view scheme = "http") const {
    return std::string(scheme) + "://127.0.0.1:" + std::to_string(port());
  }
  int accepted() const { return accepted_; }

 private:
  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(kTuple);
      if (ec) co_return;
      int index = accepted_++;
      asio::co_spawn(acceptor_.get_executor(), session_(std::move(socket), index), asio::detached);
    }
  }

  tcp::acceptor acceptor_;
  Session session_;
  int accepted_ = 0;
};

using TestRequest = bhttp::request<bhttp::string_body>;
using TestResponse = bhttp::response<bhttp::string_body>;

inline TestResponse make_response(const TestRequest& request, bhttp::status status,
                                  std::string body, std::string content_type = "application/json") {
  TestResponse response(status, 11);
  response.set(bhttp::field::content_type, content_type);
  response.body() = std::move(body);
  response.keep_alive(request.keep_alive());
  response.prepare_payload();
  return response;
}

// Answers requests on `stream` with `respond` until the peer closes or `max_requests` answered.
template <class Stream>
asio::awaitable<void> serve_http(Stream& stream,
                                 std::function<TestResponse(const TestRequest&)> respond,
                                 int max_requests = 1000) {
  beast::flat_buffer buffer;
  for (int i = 0; i < max_requests; ++i) {
    TestRequest request;
    auto [ec, n] = co_await bhttp::async_read(stream, buffer, request, kTuple);
    if (ec) co_return;
    TestResponse response = respond(request);
    auto [wec, w] = co_await bhttp::async_write(stream, response, kTuple);
    if (wec || !response.keep_alive()) co_return;
  }
}

// Reads one request, then waits for the peer to close; sets *saw_close when it does.
inline asio::awaitable<void> read_then_wait_for_close(tcp::socket& socket, bool* saw_close) {
  beast::flat_buffer buffer;
  TestRequest request;
  auto [ec, n] = co_await bhttp::async_read(socket, buffer, request, kTuple);
  if (ec) co_return;
  char byte;
  auto [rec, m] = co_await socket.async_read_some(asio::buffer(&byte, 1), kTuple);
  if (rec) *saw_close = true;
}

}  // namespace splitpoint::http::test_support
