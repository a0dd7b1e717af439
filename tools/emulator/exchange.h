// One request/response on one connection: what a handler reads, and how it answers (complete
// responses, or chunked streams paced by the configured delays), with the scripted transport
// faults (stall, cut) applied underneath so handlers never see them.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "script.h"

namespace splitpoint::emulator {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
template <class T = void>
using Task = net::awaitable<T>;
using Request = http::request<http::string_body>;
using Clock = std::chrono::steady_clock;

class Exchange {
 public:
  // `start` is when the request was fully read; delays are measured from it.
  Exchange(tcp::socket& socket, const Request& request, Emulator& emulator,
           net::steady_timer& timer);
  Exchange(const Exchange&) = delete;
  Exchange& operator=(const Exchange&) = delete;

  const Request& request() const { return request_; }
  // The request target without its query string.
  std::string_view path() const { return path_; }
  Emulator& emulator() { return emulator_; }
  const Emulator& emulator() const { return emulator_; }
  // The runtime config as it was when the request arrived.
  const RuntimeConfig& config() const { return config_; }
  // Applies a stall or cut fault (other kinds are ignored).
  void apply_fault(const Fault& fault);
  // False once the connection must not serve another request.
  bool keep_alive() const { return keep_alive_ && request_.keep_alive(); }

  // Sends a complete response (no body for HEAD requests). `extra_headers` are full
  // "Name: value\r\n" lines. Under a cut fault only the head and half the body go out, then
  // the connection is closed.
  Task<> reply(unsigned status, std::string_view content_type, std::string_view body,
               std::string_view extra_headers = {});
  // Closes the connection without answering.
  void close();
  // Never answers; returns when the client closes the connection.
  Task<> hang();

  // Streaming: begin_stream() queues a 200 head (chunked); event() queues one chunk;
  // wait_token(i) flushes what is queued and sleeps until token i is due (ttft + stall +
  // i / tokens_per_sec after start); end_stream() queues the terminating chunk and flushes.
  // Queued bytes are coalesced into one write while no delay is due. After a cut or a write
  // error all of these do nothing and wait_token() returns at once, so handlers need no
  // error checks.
  void begin_stream(std::string_view content_type);
  void event(std::string_view data);
  Task<> wait_token(size_t index);
  Task<> end_stream();

  // Nanoseconds: configured delay before the first token (with any stall), and since start.
  int64_t ttft_ns() const;
  int64_t elapsed_ns() const;

 private:
  void append_head(unsigned status, std::string_view content_type,
                   std::optional<size_t> content_length, std::string_view extra_headers);
  Task<> flush();
  void drop_connection();

  tcp::socket& socket_;
  const Request& request_;
  Emulator& emulator_;
  net::steady_timer& timer_;
  const RuntimeConfig config_;
  const Clock::time_point start_;
  std::string_view path_;
  int64_t stall_ns_ = 0;
  int64_t interval_ns_ = 0;
  std::optional<int64_t> cut_after_;
  std::string out_;       // bytes queued for the next write
  int64_t events_ = 0;    // stream events queued so far
  bool chunked_ = true;   // false for HTTP/1.0 clients (body ends at close)
  bool cutting_ = false;  // a cut is due: the next flush writes what is queued, then closes
  bool dead_ = false;     // closed or failed: nothing more is sent
  bool keep_alive_ = true;
};

}  // namespace splitpoint::emulator
