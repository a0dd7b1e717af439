#include "server.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/json/parse.hpp>
#include <chrono>

#include "exchange.h"
#include "handlers.h"

namespace splitpoint::emulator {
namespace {

namespace beast = boost::beast;
namespace json = boost::json;
constexpr auto kUse = net::as_tuple(net::use_awaitable);
constexpr uint64_t kBodyLimit = 64ull * 1024 * 1024;  // large enough for base64 images
constexpr uint32_t kHeaderLimit = 64 * 1024;

RecordedRequest make_record(const Request& req) {
  RecordedRequest r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  r.authorization = std::string(req[http::field::authorization]);
  r.body = req.body();
  r.headers.reserve(8);
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (char& c : name) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    r.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  return r;
}

// Whether the request asks for a stream (Ollama's chat/generate stream by default).
bool wants_stream(const Exchange& ex, bool openai) {
  json::error_code ec;
  json::value doc = json::parse(ex.request().body(), ec);
  const json::object* o = ec ? nullptr : doc.if_object();
  const json::value* s = o != nullptr ? o->if_contains("stream") : nullptr;
  if (openai) return s != nullptr && s->is_bool() && s->get_bool();
  const bool streaming_path = ex.path() == "/api/chat" || ex.path() == "/api/generate";
  return streaming_path && !(s != nullptr && s->is_bool() && !s->get_bool());
}

Task<> reply_garbage(Exchange& ex, bool openai) {
  if (!wants_stream(ex, openai)) {
    co_await ex.reply(200, "application/json", "{\"garbage\": <<<not json>>>");
  } else if (openai) {
    co_await ex.reply(200, "text/event-stream", "data: {\"garbage\": <<<not json>>>\n\n");
  } else {
    co_await ex.reply(200, "application/x-ndjson", "{\"garbage\": <<<not json>>>\n");
  }
}

Task<> reply_status(Exchange& ex, const Fault& f, bool openai) {
  std::string message = f.message;
  if (message.empty()) message = "emulated fault: status " + std::to_string(f.status);
  std::string headers;
  if (!f.retry_after.empty()) headers = "Retry-After: " + f.retry_after + "\r\n";
  if (openai) {
    auto [type, code] = openai_error_kind(f.status);
    co_await ex.reply(f.status, "application/json", openai_error_body(message, type, code),
                      headers);
  } else {
    co_await ex.reply(f.status, "application/json", ollama_error_body(message), headers);
  }
}

// Applies a scripted fault. Returns true if the fault took the place of the answer.
Task<bool> apply_fault(Exchange& ex, const Fault& f, bool openai) {
  switch (f.kind) {
    case FaultKind::kStatus: co_await reply_status(ex, f, openai); co_return true;
    case FaultKind::kClose: ex.close(); co_return true;
    case FaultKind::kHang: co_await ex.hang(); co_return true;
    case FaultKind::kGarbage: co_await reply_garbage(ex, openai); co_return true;
    case FaultKind::kStall:
    case FaultKind::kCut: ex.apply_fault(f); co_return false;
  }
  co_return false;
}

Task<> dispatch(Exchange& ex) {
  const std::string_view path = ex.path();
  if (path.starts_with("/_emulator/")) {
    co_await handle_admin(ex);
    co_return;
  }
  Emulator& emu = ex.emulator();
  emu.stats().requests.fetch_add(1, std::memory_order_relaxed);
  if (emu.recording()) emu.record(make_record(ex.request()));
  const bool openai = path.starts_with("/v1/");
  if (std::optional<Fault> fault = emu.take_fault(path)) {
    if (co_await apply_fault(ex, *fault, openai)) co_return;
  }
  if (openai) {
    co_await handle_openai(ex);
  } else {
    co_await handle_ollama(ex);
  }
}

// Reads one request (answering "Expect: 100-continue"). Returns false when the connection
// is done (closed, or a malformed request was answered).
Task<bool> read_request(tcp::socket& socket, beast::flat_buffer& buffer,
                        http::request_parser<http::string_body>& parser) {
  parser.header_limit(kHeaderLimit);
  parser.body_limit(kBodyLimit);
  auto [ec, n] = co_await http::async_read_header(socket, buffer, parser, kUse);
  if (!ec && !parser.is_done()) {
    if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      auto [wec, wn] = co_await net::async_write(socket, net::buffer(kContinue), kUse);
      if (wec) co_return false;
    }
    std::tie(ec, n) = co_await http::async_read(socket, buffer, parser, kUse);
  }
  if (!ec) co_return true;
  const bool malformed =
      ec.category() == http::make_error_code(http::error::bad_target).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message;
  if (malformed) {
    const std::string_view resp =
        ec == http::error::body_limit
            ? "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            : "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    co_await net::async_write(socket, net::buffer(resp), kUse);
  }
  co_return false;
}

Task<> session(tcp::socket socket, Emulator& emu) {
  emu.stats().open_connections.fetch_add(1, std::memory_order_relaxed);
  beast::flat_buffer buffer;
  net::steady_timer timer(socket.get_executor());
  for (;;) {
    http::request_parser<http::string_body> parser;
    if (!co_await read_request(socket, buffer, parser)) break;
    const Request& req = parser.get();
    Exchange ex(socket, req, emu, timer);
    co_await dispatch(ex);
    if (!ex.keep_alive()) break;
  }
  boost::system::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_send, ignored);
  socket.close(ignored);
  emu.stats().open_connections.fetch_sub(1, std::memory_order_relaxed);
}

Task<> accept_loop(tcp::acceptor& acceptor, Emulator& emu) {
  net::steady_timer backoff(acceptor.get_executor());
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kUse);
    if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) {  // e.g. out of file descriptors: wait for connections to close
      backoff.expires_after(std::chrono::milliseconds(20));
      co_await backoff.async_wait(kUse);
      continue;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    emu.stats().connections_accepted.fetch_add(1, std::memory_order_relaxed);
    net::co_spawn(acceptor.get_executor(), session(std::move(socket), emu), net::detached);
  }
}

}  // namespace

Server::Server(net::io_context& ioc, Emulator& emulator)
    : ioc_(ioc), emulator_(emulator), acceptor_(ioc) {}

boost::system::error_code Server::listen(const std::string& host, uint16_t port) {
  boost::system::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (ec) return ec;
  const tcp::endpoint endpoint(address, port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (!ec) port_ = acceptor_.local_endpoint(ec).port();
  return ec;
}

void Server::start() {
  net::co_spawn(ioc_, accept_loop(acceptor_, emulator_), net::detached);
}

void Server::stop() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
}

}  // namespace splitpoint::emulator
