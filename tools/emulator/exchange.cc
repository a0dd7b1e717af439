#include "exchange.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/status.hpp>

#include "json_text.h"

namespace splitpoint::emulator {
namespace {

constexpr auto kUse = net::as_tuple(net::use_awaitable);
constexpr size_t kFlushBytes = 16 * 1024;  // flush without a delay once this much is queued

void append_hex(std::string& out, size_t v) {
  char buf[20];
  int n = 0;
  do {
    buf[n++] = "0123456789abcdef"[v & 0xf];
    v >>= 4;
  } while (v != 0);
  while (n > 0) out.push_back(buf[--n]);
}

}  // namespace

Exchange::Exchange(tcp::socket& socket, const Request& request, Emulator& emulator,
                   net::steady_timer& timer)
    : socket_(socket),
      request_(request),
      emulator_(emulator),
      timer_(timer),
      config_(emulator.config()),
      start_(Clock::now()) {
  path_ = request_.target();
  if (size_t q = path_.find('?'); q != std::string_view::npos) path_ = path_.substr(0, q);
  if (config_.tokens_per_sec > 0) {
    interval_ns_ = static_cast<int64_t>(1e9 / config_.tokens_per_sec);
  }
  chunked_ = request_.version() >= 11;
}

void Exchange::apply_fault(const Fault& fault) {
  if (fault.kind == FaultKind::kStall) stall_ns_ += fault.ms * 1'000'000;
  if (fault.kind == FaultKind::kCut) cut_after_ = fault.after;
}

int64_t Exchange::ttft_ns() const {
  return config_.ttft_ms * 1'000'000 + stall_ns_;
}

int64_t Exchange::elapsed_ns() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start_).count();
}

void Exchange::append_head(unsigned status, std::string_view content_type,
                           std::optional<size_t> content_length, std::string_view extra_headers) {
  out_.append("HTTP/1.1 ");
  append_int(out_, status);
  out_.push_back(' ');
  out_.append(http::obsolete_reason(http::int_to_status(status)));
  out_.append("\r\nContent-Type: ");
  out_.append(content_type);
  if (content_length) {
    out_.append("\r\nContent-Length: ");
    append_int(out_, static_cast<int64_t>(*content_length));
  } else if (chunked_) {
    out_.append("\r\nTransfer-Encoding: chunked");
  } else {
    keep_alive_ = false;
  }
  out_.append("\r\n");
  out_.append(extra_headers);
  if (!keep_alive()) out_.append("Connection: close\r\n");
  out_.append("\r\n");
}

Task<> Exchange::reply(unsigned status, std::string_view content_type, std::string_view body,
                       std::string_view extra_headers) {
  if (dead_) co_return;
  append_head(status, content_type, body.size(), extra_headers);
  if (request_.method() != http::verb::head) {
    if (cut_after_) {
      out_.append(body.substr(0, body.size() / 2));
      cutting_ = true;
    } else {
      out_.append(body);
    }
  }
  co_await flush();
}

void Exchange::close() {
  drop_connection();
}

Task<> Exchange::hang() {
  keep_alive_ = false;
  char buf[1024];
  for (;;) {
    auto [ec, n] = co_await socket_.async_read_some(net::buffer(buf), kUse);
    if (ec) break;
  }
  drop_connection();
}

void Exchange::begin_stream(std::string_view content_type) {
  if (dead_) return;
  append_head(200, content_type, std::nullopt, {});
  if (cut_after_ && *cut_after_ <= 0) cutting_ = true;
}

void Exchange::event(std::string_view data) {
  if (dead_ || cutting_) return;
  if (chunked_) {
    append_hex(out_, data.size());
    out_.append("\r\n");
    out_.append(data);
    out_.append("\r\n");
  } else {
    out_.append(data);
  }
  ++events_;
  if (cut_after_ && events_ >= *cut_after_) cutting_ = true;
}

Task<> Exchange::wait_token(size_t index) {
  if (dead_) co_return;
  if (cutting_) {
    co_await flush();
    co_return;
  }
  const auto due =
      start_ + std::chrono::nanoseconds(ttft_ns() + static_cast<int64_t>(index) * interval_ns_);
  if (due <= Clock::now()) {
    if (out_.size() >= kFlushBytes) co_await flush();
    co_return;
  }
  co_await flush();
  if (dead_) co_return;
  timer_.expires_at(due);
  co_await timer_.async_wait(kUse);
}

Task<> Exchange::end_stream() {
  if (dead_) co_return;
  // A cut fault whose `after` was never reached still cuts: no terminating chunk.
  if (cut_after_) cutting_ = true;
  if (!cutting_ && chunked_) out_.append("0\r\n\r\n");
  co_await flush();
  if (!chunked_) drop_connection();
}

Task<> Exchange::flush() {
  if (dead_) {
    out_.clear();
    co_return;
  }
  if (!out_.empty()) {
    auto [ec, n] = co_await net::async_write(socket_, net::buffer(out_), kUse);
    out_.clear();
    if (ec) {
      drop_connection();
      co_return;
    }
  }
  if (cutting_) drop_connection();
}

void Exchange::drop_connection() {
  boost::system::error_code ignored;
  socket_.close(ignored);
  dead_ = true;
  keep_alive_ = false;
}

}  // namespace splitpoint::emulator
