#include "server/beast_exchange.h"

#include <chrono>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>

namespace splitpoint::server {
namespace http = boost::beast::http;
namespace asio = boost::asio;
namespace {

constexpr auto kWriteTimeout = std::chrono::seconds(60);
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

template <typename Message>
void set_headers(Message& m, int status, std::string_view content_type,
                 const api::Headers& headers, bool keep_alive) {
  m.result(static_cast<unsigned>(status));
  m.version(11);
  m.set(http::field::server, "splitpoint");
  if (!content_type.empty()) m.set(http::field::content_type, content_type);
  for (const auto& [k, v] : headers) m.set(k, v);
  m.keep_alive(keep_alive);
}

}  // namespace

BeastExchange::BeastExchange(boost::beast::tcp_stream& stream, const Request& request)
    : stream_(stream), request_(request), keep_alive_(request.keep_alive()) {
  const std::string_view target(request_.target().data(), request_.target().size());
  path_ = target.substr(0, target.find('?'));
}

std::string_view BeastExchange::method() const {
  const auto m = request_.method_string();
  return {m.data(), m.size()};
}

std::string_view BeastExchange::header(std::string_view name) const {
  auto it = request_.find(name);
  if (it == request_.end()) return {};
  return {it->value().data(), it->value().size()};
}

Status BeastExchange::fail(const boost::system::error_code& ec) {
  broken_ = true;
  return Status::cancelled("client connection lost: " + ec.message());
}

asio::awaitable<Status> BeastExchange::respond(int status, std::string_view content_type,
                                               std::string body, const api::Headers& headers) {
  responded_ = true;
  status_sent_ = status;
  stream_.expires_after(kWriteTimeout);
  boost::system::error_code ec;
  if (request_.method() == http::verb::head) {
    http::response<http::empty_body> res;
    set_headers(res, status, content_type, headers, keep_alive_);
    res.content_length(body.size());
    std::tie(ec, std::ignore) = co_await http::async_write(stream_, res, kUseTuple);
  } else {
    http::response<http::string_body> res;
    set_headers(res, status, content_type, headers, keep_alive_);
    res.body() = std::move(body);
    res.prepare_payload();
    std::tie(ec, std::ignore) = co_await http::async_write(stream_, res, kUseTuple);
  }
  stream_.expires_never();
  co_return ec ? fail(ec) : Status::OK();
}

asio::awaitable<Status> BeastExchange::begin_stream(int status, std::string_view content_type,
                                                    const api::Headers& headers) {
  responded_ = true;
  status_sent_ = status;
  http::response<http::empty_body> res;
  set_headers(res, status, content_type, headers, keep_alive_);
  res.chunked(true);
  http::response_serializer<http::empty_body> sr(res);
  stream_.expires_after(kWriteTimeout);
  auto [ec, n] = co_await http::async_write_header(stream_, sr, kUseTuple);
  stream_.expires_never();
  co_return ec ? fail(ec) : Status::OK();
}

asio::awaitable<Status> BeastExchange::write(std::string_view bytes) {
  if (broken_) co_return Status::cancelled("client connection lost");
  if (bytes.empty()) co_return Status::OK();
  stream_.expires_after(kWriteTimeout);
  auto [ec, n] = co_await asio::async_write(
      stream_, http::make_chunk(asio::const_buffer(bytes.data(), bytes.size())), kUseTuple);
  stream_.expires_never();
  co_return ec ? fail(ec) : Status::OK();
}

asio::awaitable<Status> BeastExchange::end_stream() {
  if (broken_) co_return Status::cancelled("client connection lost");
  stream_.expires_after(kWriteTimeout);
  auto [ec, n] = co_await asio::async_write(stream_, http::make_chunk_last(), kUseTuple);
  stream_.expires_never();
  co_return ec ? fail(ec) : Status::OK();
}

}  // namespace splitpoint::server
