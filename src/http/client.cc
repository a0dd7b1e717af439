#include "http/client.h"

#include <array>
#include <exception>
#include <variant>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include "http/connection.h"
#include "http/request_head.h"

namespace splitpoint::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::system::error_code;
using detail::Connection;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::uint32_t kHeaderLimit = 64 * 1024;

using Parser = bhttp::response_parser<bhttp::buffer_body>;

// What one request/response exchange on one connection needs.
struct Call {
  std::string_view head;  // request line and header fields
  std::string_view body;
  bool head_request = false;
  Clock::time_point deadline;
  Clock::time_point first_byte_deadline;  // max(): none
  std::chrono::milliseconds idle{0};      // 0: none
  const DataHandler* on_data = nullptr;  // null: read the whole body into Response::body
  std::size_t max_body = 0;
  const std::string& origin;
};

struct Outcome {
  Status status;
  Response response;
  bool keep_alive = false;
  // Failed by a network error before any byte of the answer arrived: on a reused connection
  // (closed by the server while idle) the request may be sent again on a fresh one.
  bool retryable = false;
};

bool is_cancelled(const asio::cancellation_state& state) {
  return state.cancelled() != asio::cancellation_type::none;
}

void set_deadline(beast::tcp_stream& tcp, Clock::time_point deadline) {
  if (deadline == Clock::time_point::max()) {
    tcp.expires_never();
  } else {
    tcp.expires_at(deadline);
  }
}

// The deadline of the next read: the first-byte one until a byte of the answer (of its body, when
// streaming) arrived, then now + idle; never later than the call's deadline.
Clock::time_point read_deadline(const Call& call, bool first_byte_phase) {
  Clock::time_point t = call.deadline;
  if (first_byte_phase) return std::min(t, call.first_byte_deadline);
  if (call.idle.count() > 0) t = std::min(t, Clock::now() + call.idle);
  return t;
}

Status read_error(error_code ec, const Call& call, bool cancelled, bool first_byte_phase) {
  if (!cancelled && ec == beast::error::timeout && Clock::now() < call.deadline) {
    return Status::deadline(call.origin + (first_byte_phase
                                               ? ": no first byte before the first-token timeout"
                                               : ": idle timeout: no data for " +
                                                     std::to_string(call.idle.count()) + " ms"));
  }
  if (!cancelled && ec == bhttp::error::body_limit) {
    return Status::upstream(call.origin + ": response body larger than " +
                            std::to_string(call.max_body) + " bytes");
  }
  if (!cancelled && ec == bhttp::error::header_limit) {
    return Status::upstream(call.origin + ": response header too large");
  }
  return detail::io_error(ec, "read", call.origin, cancelled);
}

// Writes the request and reads the answer's header into `parser`.
template <class Stream>
asio::awaitable<Outcome> send_request(Stream& stream, Connection& conn, const Call& call,
                                      Parser& parser) {
  Outcome out;
  set_deadline(conn.tcp(), read_deadline(call, /*first_byte_phase=*/true));
  const std::array<asio::const_buffer, 2> request{asio::buffer(call.head), asio::buffer(call.body)};
  auto [wec, written] = co_await asio::async_write(stream, request, kTuple);
  if (wec) {
    const bool cancelled = is_cancelled(co_await asio::this_coro::cancellation_state);
    out.status = detail::io_error(wec, "write", call.origin, cancelled);
    out.retryable = !cancelled && wec != beast::error::timeout;
    co_return out;
  }
  auto [rec, read] = co_await bhttp::async_read_header(stream, conn.buffer, parser, kTuple);
  if (rec) {
    const bool cancelled = is_cancelled(co_await asio::this_coro::cancellation_state);
    out.status = read_error(rec, call, cancelled, /*first_byte_phase=*/true);
    out.retryable = !cancelled && rec != beast::error::timeout && !parser.got_some() &&
                    rec != bhttp::error::body_limit;
    co_return out;
  }
  const auto& header = parser.get();
  out.response.status = header.result_int();
  out.response.content_type = header[bhttp::field::content_type];
  out.response.retry_after = header[bhttp::field::retry_after];
  co_return out;
}

// Reads the body (after send_request) into out.response.body, or hands it to call.on_data piece
// by piece as it arrives when the answer is 2xx.
template <class Stream>
asio::awaitable<void> read_body(Stream& stream, Connection& conn, const Call& call, Parser& parser,
                                Outcome& out) {
  const bool streaming = call.on_data != nullptr && out.response.status / 100 == 2;
  if (auto length = parser.content_length(); !streaming && length && *length <= call.max_body) {
    out.response.body.reserve(*length);
  }
  char* const chunk = conn.chunk.get();
  bool first_byte_phase = streaming;  // a streamed body's first byte is the first token
  while (!parser.is_done()) {
    set_deadline(conn.tcp(), read_deadline(call, first_byte_phase));
    parser.get().body().data = chunk;
    parser.get().body().size = detail::kChunkBytes;
    auto [ec, n] = co_await bhttp::async_read_some(stream, conn.buffer, parser, kTuple);
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec == asio::ssl::error::stream_truncated && parser.need_eof()) {
      ec = {};  // a read-until-close body ended without close_notify
      parser.put_eof(ec);
    }
    if (ec) {
      out.status = read_error(ec, call, is_cancelled(co_await asio::this_coro::cancellation_state),
                              first_byte_phase);
      co_return;
    }
    const std::size_t got = detail::kChunkBytes - parser.get().body().size;
    if (got == 0) continue;
    first_byte_phase = false;
    if (!streaming) {
      out.response.body.append(chunk, got);
    } else if (Status s = co_await (*call.on_data)(std::string_view(chunk, got)); !s) {
      out.status = std::move(s);
      co_return;
    }
  }
  out.keep_alive = parser.keep_alive() && conn.buffer.size() == 0;
}

template <class Stream>
asio::awaitable<Outcome> exchange(Stream& stream, Connection& conn, const Call& call) {
  Parser parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(call.max_body);
  if (call.head_request) parser.skip(true);
  Outcome out = co_await send_request(stream, conn, call, parser);
  if (out.status) co_await read_body(stream, conn, call, parser, out);
  co_return out;
}

}  // namespace

struct Client::Impl {
  Impl(asio::any_io_executor executor, Url u, ClientOptions o)
      : url(std::move(u)),
        options(std::move(o)),
        host(detail::host_header(url)),
        tls(tls_context()),
        pool(options.max_idle_connections),
        connector(std::move(executor), url, options.connect_timeout, tls, tls_error) {}

  std::shared_ptr<asio::ssl::context> tls_context() {
    if (!url.tls) return nullptr;
    return options.ca_file.empty() ? detail::system_tls_context(&tls_error)
                                   : detail::tls_context_with(options.ca_file, &tls_error);
  }

  asio::awaitable<Result<Response>> call(const Request& request, Clock::time_point deadline,
                                         const DataHandler* on_data);
  asio::awaitable<Outcome> attempt(const Call& call, bool fresh_only);

  Url url;
  ClientOptions options;
  std::string host;  // Host header value
  Status tls_error;  // why there is no TLS context (https only)
  std::shared_ptr<asio::ssl::context> tls;
  detail::ConnectionPool pool;
  detail::Connector connector;
};

// One try on a pooled connection (unless `fresh_only`) or a new one. Outcome::retryable is set
// only when a pooled connection failed that way.
asio::awaitable<Outcome> Client::Impl::attempt(const Call& call, bool fresh_only) {
  std::unique_ptr<Connection> conn = fresh_only ? nullptr : pool.take();
  const bool reused = conn != nullptr;
  if (!conn) {
    auto opened = co_await connector.connect(call.deadline);
    if (!opened) co_return Outcome{.status = opened.status()};
    conn = std::move(opened).value();
  }
  Outcome out = co_await std::visit([&](auto& stream) { return exchange(stream, *conn, call); },
                                    conn->stream);
  out.retryable = out.retryable && reused;
  if (out.status && out.keep_alive) pool.put(std::move(conn));
  co_return out;  // a connection not pooled is closed here
}

asio::awaitable<Result<Response>> Client::Impl::call(const Request& request,
                                                     Clock::time_point deadline,
                                                     const DataHandler* on_data) {
  const std::string& origin = connector.origin();
  std::string head;
  if (Status s = detail::write_request_head(request, url.base_path, host, head); !s) co_return s;
  if (Clock::now() >= deadline) {
    co_return Status::deadline(origin + ": deadline passed before the request was sent");
  }
  const Call call{.head = head,
                  .body = request.body,
                  .head_request = request.method == bhttp::verb::head,
                  .deadline = deadline,
                  .first_byte_deadline = request.first_byte_timeout.count() > 0
                                             ? Clock::now() + request.first_byte_timeout
                                             : Clock::time_point::max(),
                  .idle = request.idle_timeout,
                  .on_data = on_data,
                  .max_body = options.max_body_bytes,
                  .origin = origin};
  try {
    Outcome out = co_await attempt(call, /*fresh_only=*/false);
    if (!out.status && out.retryable && Clock::now() < deadline) {
      out = co_await attempt(call, /*fresh_only=*/true);
    }
    if (!out.status) co_return std::move(out.status);
    co_return std::move(out.response);
  } catch (const boost::system::system_error& e) {
    // co_await throws once the awaiting coroutine has been cancelled (throw_if_cancelled).
    if (e.code() == asio::error::operation_aborted) {
      co_return Status::cancelled(origin + ": request cancelled");
    }
    co_return Status::internal(origin + ": " + e.what());
  } catch (const std::exception& e) {
    co_return Status::internal(origin + ": " + e.what());
  }
}

Client::Client(asio::any_io_executor executor, Url url, ClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(executor), std::move(url), std::move(options))) {}

Client::~Client() = default;

asio::awaitable<Result<Response>> Client::send(Request request, Clock::time_point deadline) {
  co_return co_await impl_->call(request, deadline, nullptr);
}

asio::awaitable<Result<Response>> Client::send_streaming(Request request,
                                                         Clock::time_point deadline,
                                                         DataHandler on_data) {
  co_return co_await impl_->call(request, deadline, &on_data);
}

const Url& Client::url() const {
  return impl_->url;
}

std::size_t Client::idle_connections() const {
  return impl_->pool.size();
}

}  // namespace splitpoint::http
