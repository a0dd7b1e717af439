#include "test_client.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace splitpoint::testing {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

std::string HttpResult::header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (beast::iequals(k, name)) return v;
  }
  return "";
}

namespace {

// One request on a fresh connection, with a deadline on the whole exchange (asio's blocking
// reads ignore SO_RCVTIMEO, so the exchange runs as a coroutine on a private io_context).
asio::awaitable<void> run_exchange(tcp::endpoint ep, http::request<http::string_body> req,
                                   bool head, const std::function<void(const std::string&)>* on_piece,
                                   std::chrono::milliseconds timeout, HttpResult& out) {
  constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  stream.expires_after(timeout);
  auto [ec] = co_await stream.async_connect(ep, kTuple);
  if (ec) {
    out.error = "connect: " + ec.message();
    co_return;
  }
  std::tie(ec, std::ignore) = co_await http::async_write(stream, req, kTuple);
  if (ec) {
    out.error = "write: " + ec.message();
    co_return;
  }
  beast::flat_buffer buffer;
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(64 << 20);
  if (head) parser.skip(true);
  std::tie(ec, std::ignore) = co_await http::async_read_header(stream, buffer, parser, kTuple);
  if (ec) {
    out.error = "read header: " + ec.message();
    co_return;
  }
  char piece[16384];
  while (!parser.is_done()) {
    parser.get().body().data = piece;
    parser.get().body().size = sizeof piece;
    std::tie(ec, std::ignore) = co_await http::async_read_some(stream, buffer, parser, kTuple);
    if (ec == http::error::need_buffer) ec = {};
    if (ec) {
      out.error = "read body: " + ec.message();
      break;
    }
    std::string got(piece, sizeof piece - parser.get().body().size);
    if (on_piece != nullptr && !got.empty()) (*on_piece)(got);
    out.body += got;
  }
  out.status = static_cast<int>(parser.get().result_int());
  for (const auto& f : parser.get()) {
    out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  }
}

HttpResult exchange(uint16_t port, const std::string& method, const std::string& target,
                    const std::string& body, const Headers& headers,
                    const std::function<void(const std::string&)>* on_piece,
                    std::chrono::milliseconds timeout) {
  HttpResult out;
  http::request<http::string_body> req(http::string_to_verb(method), target, 11);
  req.set(http::field::host, "127.0.0.1");
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  asio::io_context io;
  const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  asio::co_spawn(io, run_exchange(ep, std::move(req), method == "HEAD", on_piece, timeout, out),
                 asio::detached);
  io.run();  // ends when the exchange does; the stream's deadline bounds it
  return out;
}

}  // namespace

HttpResult http_call(uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body, const Headers& headers,
                     std::chrono::milliseconds timeout) {
  return exchange(port, method, target, body, headers, nullptr, timeout);
}

HttpResult http_stream(uint16_t port, const std::string& target, const std::string& body,
                       const Headers& headers,
                       const std::function<void(const std::string&)>& on_piece,
                       std::chrono::milliseconds timeout) {
  return exchange(port, "POST", target, body, headers, &on_piece, timeout);
}

}  // namespace splitpoint::testing
