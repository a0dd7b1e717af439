// api::Exchange over one Beast HTTP/1.1 connection. Borrowed stream and request; lives for one
// request on the connection's coroutine. Not thread-safe.
#pragma once

#include <array>
#include <string>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "api/exchange.h"

namespace splitpoint::server {

class BeastExchange : public api::Exchange {
 public:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  BeastExchange(boost::beast::tcp_stream& stream, const Request& request);

  std::string_view method() const override;
  std::string_view path() const override { return path_; }
  std::string_view body() const override { return request_.body(); }
  std::string_view header(std::string_view name) const override;

  boost::asio::awaitable<Status> respond(int status, std::string_view content_type,
                                         std::string body, const api::Headers& headers) override;
  // The head is sent with the first write() or end_stream(), in one send: a front door begins
  // a stream only when it has its first bytes (api::LazyStream).
  boost::asio::awaitable<Status> begin_stream(int status, std::string_view content_type,
                                              const api::Headers& headers) override;
  boost::asio::awaitable<Status> write(std::string_view bytes) override;
  boost::asio::awaitable<Status> end_stream() override;

  // False once the response was cut short or the client asked to close.
  bool keep_alive() const { return keep_alive_ && !broken_; }
  bool responded() const { return responded_; }
  int status_sent() const { return status_sent_; }

 private:
  Status fail(const boost::system::error_code& ec);
  // Writes pending_head_ (if any) and `buffers` in one gather write, bounded by the write timeout.
  template <std::size_t N>
  boost::asio::awaitable<Status> send(const std::array<boost::asio::const_buffer, N>& buffers);

  boost::beast::tcp_stream& stream_;
  const Request& request_;
  std::string_view path_;
  bool keep_alive_;
  bool broken_ = false;
  bool responded_ = false;
  int status_sent_ = 0;
  std::string pending_head_;  // a begun stream's head, until its first bytes go out
};

}  // namespace splitpoint::server
