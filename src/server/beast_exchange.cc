#include "server/beast_exchange.h"

#include <array>
#include <charconv>
#include <chrono>
#include <string>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/status.hpp>

namespace splitpoint::server {
namespace http = boost::beast::http;
namespace asio = boost::asio;
namespace {

constexpr auto kWriteTimeout = std::chrono::seconds(60);
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

// The response head as Beast would serialize it (same header order), written into one string:
// Server, Content-Type, the caller's headers, "Connection: close" when not keeping the
// connection alive, then Content-Length or Transfer-Encoding. Cheaper than a Beast message plus
// serializer per response.
std::string response_head(int status, std::string_view content_type, const api::Headers& headers,
                          bool keep_alive, std::string_view framing) {
  const auto reason = http::obsolete_reason(static_cast<http::status>(status));
  std::string head;
  head.reserve(256);
  head.append("HTTP/1.1 ");
  head.append(std::to_string(status));
  head.push_back(' ');
  head.append(reason.data(), reason.size());
  head.append("\r\nServer: splitpoint\r\n");
  if (!content_type.empty()) head.append("Content-Type: ").append(content_type).append("\r\n");
  for (const auto& [k, v] : headers) head.append(k).append(": ").append(v).append("\r\n");
  if (!keep_alive) head.append("Connection: close\r\n");
  head.append(framing).append("\r\n\r\n");
  return head;
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
  const std::string length = "Content-Length: " + std::to_string(body.size());
  const std::string head = response_head(status, content_type, headers, keep_alive_, length);
  if (request_.method() == http::verb::head) body.clear();
  const std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(body)};
  stream_.expires_after(kWriteTimeout);
  auto [ec, n] = co_await asio::async_write(stream_, buffers, kUseTuple);
  stream_.expires_never();
  co_return ec ? fail(ec) : Status::OK();
}

asio::awaitable<Status> BeastExchange::begin_stream(int status, std::string_view content_type,
                                                    const api::Headers& headers) {
  responded_ = true;
  status_sent_ = status;
  pending_head_ = response_head(status, content_type, headers, keep_alive_,
                                "Transfer-Encoding: chunked");
  co_return Status::OK();
}

asio::awaitable<Status> BeastExchange::write(std::string_view bytes) {
  if (broken_) co_return Status::cancelled("client connection lost");
  if (bytes.empty()) co_return Status::OK();
  char size_line[24];  // the chunk's size in hex, CRLF
  auto end = std::to_chars(size_line, size_line + 16, bytes.size(), 16).ptr;
  *end++ = '\r';
  *end++ = '\n';
  const std::array<asio::const_buffer, 4> buffers{
      asio::buffer(pending_head_), asio::buffer(size_line, end - size_line),
      asio::buffer(bytes.data(), bytes.size()), asio::buffer("\r\n", 2)};
  co_return co_await send(buffers);
}

asio::awaitable<Status> BeastExchange::end_stream() {
  if (broken_) co_return Status::cancelled("client connection lost");
  const std::array<asio::const_buffer, 2> buffers{asio::buffer(pending_head_),
                                                  asio::buffer("0\r\n\r\n", 5)};
  co_return co_await send(buffers);
}

template <std::size_t N>
asio::awaitable<Status> BeastExchange::send(const std::array<asio::const_buffer, N>& buffers) {
  stream_.expires_after(kWriteTimeout);
  auto [ec, n] = co_await asio::async_write(stream_, buffers, kUseTuple);
  stream_.expires_never();
  if (!pending_head_.empty()) std::string().swap(pending_head_);  // sent (or the client is gone)
  co_return ec ? fail(ec) : Status::OK();
}

}  // namespace splitpoint::server
