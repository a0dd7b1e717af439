#include "test_client.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
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

HttpResult exchange(uint16_t port, const std::string& method, const std::string& target,
                    const std::string& body, const Headers& headers,
                    const std::function<void(const std::string&)>* on_piece,
                    std::chrono::milliseconds timeout) {
  HttpResult out;
  asio::io_context io;
  tcp::socket socket(io);
  beast::error_code ec;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) {
    out.error = "connect: " + ec.message();
    return out;
  }
  timeval tv{static_cast<time_t>(timeout.count() / 1000),
             static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  http::request<http::string_body> req(http::string_to_verb(method), target, 11);
  req.set(http::field::host, "127.0.0.1");
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  http::write(socket, req, ec);
  if (ec) {
    out.error = "write: " + ec.message();
    return out;
  }
  beast::flat_buffer buffer;
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(64 << 20);
  if (method == "HEAD") parser.skip(true);
  http::read_header(socket, buffer, parser, ec);
  if (ec) {
    out.error = "read header: " + ec.message();
    return out;
  }
  char piece[16384];
  while (!parser.is_done()) {
    parser.get().body().data = piece;
    parser.get().body().size = sizeof piece;
    http::read_some(socket, buffer, parser, ec);
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
