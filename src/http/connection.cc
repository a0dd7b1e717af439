#include "http/connection.h"

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cerrno>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <openssl/ssl.h>

namespace splitpoint::http::detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using boost::system::error_code;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

std::shared_ptr<ssl::context> new_tls_context(const std::string& ca_file, Status* error) {
  try {
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    error_code ec;
    ctx->set_default_verify_paths(ec);
    if (!ec && !ca_file.empty()) ctx->load_verify_file(ca_file, ec);
    if (!ec) ctx->set_verify_mode(ssl::verify_peer, ec);
    if (ec) {
      std::string where = ca_file.empty() ? "the system CA store" : "CA file " + ca_file;
      *error = Status::upstream("TLS setup: cannot load " + where + ": " + ec.message());
      return nullptr;
    }
    return ctx;
  } catch (const std::exception& e) {
    *error = Status::upstream(std::string("TLS setup failed: ") + e.what());
    return nullptr;
  }
}

std::atomic<int64_t> g_open_connections{0};

bool cancelled(const asio::cancellation_state& state) {
  return state.cancelled() != asio::cancellation_type::none;
}

}  // namespace

Connection::Connection(const asio::any_io_executor& executor)
    : stream(std::in_place_type<Tcp>, executor),
      chunk(std::make_unique_for_overwrite<char[]>(kChunkBytes)) {
  g_open_connections.fetch_add(1, std::memory_order_relaxed);
  buffer.reserve(kChunkBytes);
}

Connection::Connection(const asio::any_io_executor& executor, ssl::context& tls)
    : stream(std::in_place_type<Tls>, executor, tls),
      chunk(std::make_unique_for_overwrite<char[]>(kChunkBytes)) {
  g_open_connections.fetch_add(1, std::memory_order_relaxed);
  buffer.reserve(kChunkBytes);
}

Connection::~Connection() {
  g_open_connections.fetch_sub(1, std::memory_order_relaxed);
}

beast::tcp_stream& Connection::tcp() {
  if (auto* plain = std::get_if<Tcp>(&stream)) return *plain;
  return std::get<Tls>(stream).next_layer();
}

void Connection::release_buffers() {
  chunk.reset();
  buffer.shrink_to_fit();  // frees the storage when empty; keeps any bytes read ahead
}

void Connection::reserve_buffers() {
  if (!chunk) chunk = std::make_unique_for_overwrite<char[]>(kChunkBytes);
  buffer.reserve(kChunkBytes);
}

bool Connection::idle_and_open() {
  constexpr auto kFreshIdle = std::chrono::milliseconds(500);
  auto& socket = tcp().socket();
  if (!socket.is_open() || buffer.size() != 0) return false;
  if (std::chrono::steady_clock::now() - idle_since < kFreshIdle) return true;
  char byte;
  ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

std::unique_ptr<Connection> ConnectionPool::take() {
  while (!idle_.empty()) {
    std::unique_ptr<Connection> c = std::move(idle_.back());
    idle_.pop_back();
    if (c->idle_and_open()) {
      c->reserve_buffers();
      return c;
    }
  }
  return nullptr;
}

void ConnectionPool::put(std::unique_ptr<Connection> connection) {
  if (idle_.size() >= max_idle_) return;
  connection->tcp().expires_never();
  connection->idle_since = std::chrono::steady_clock::now();
  connection->release_buffers();
  idle_.push_back(std::move(connection));
}

Status io_error(error_code ec, std::string_view what, const std::string& origin, bool cancelled) {
  std::string m = origin;
  m.append(": ").append(what);
  if (cancelled || ec == asio::error::operation_aborted) return Status::cancelled(m + " cancelled");
  if (ec == beast::error::timeout) return Status::deadline(m + " timed out");
  return Status::upstream(m + " failed: " + ec.message());
}

std::shared_ptr<ssl::context> system_tls_context(Status* error) {
  struct Shared {
    Status error;
    std::shared_ptr<ssl::context> context = new_tls_context("", &error);
  };
  static const Shared shared;
  if (!shared.context) *error = shared.error;
  return shared.context;
}

std::shared_ptr<ssl::context> tls_context_with(const std::string& ca_file, Status* error) {
  return new_tls_context(ca_file, error);
}

Connector::Connector(asio::any_io_executor executor, const Url& url,
                     std::chrono::milliseconds connect_timeout, std::shared_ptr<ssl::context> tls,
                     Status tls_error)
    : executor_(std::move(executor)),
      url_(url),
      origin_(url.origin()),
      connect_timeout_(connect_timeout),
      tls_(std::move(tls)),
      tls_error_(std::move(tls_error)) {}

asio::awaitable<Result<std::unique_ptr<Connection>>> Connector::connect(
    Clock::time_point deadline) {
  if (url_.tls && !tls_) co_return tls_error_;
  const Clock::time_point connect_deadline = std::min(deadline, Clock::now() + connect_timeout_);
  if (!endpoints_) {
    if (Status s = co_await resolve(connect_deadline); !s) co_return s;
  }
  auto conn = url_.tls ? std::make_unique<Connection>(executor_, *tls_)
                       : std::make_unique<Connection>(executor_);
  beast::tcp_stream& tcp = conn->tcp();
  tcp.expires_at(connect_deadline);
  // A copy (cheap: shared): a concurrent call may reset endpoints_ while this one connects.
  const asio::ip::tcp::resolver::results_type endpoints = *endpoints_;
  auto [ec, endpoint] = co_await tcp.async_connect(endpoints, kTuple);
  if (ec) {
    endpoints_.reset();  // resolve again next time: the addresses may have changed
    auto state = co_await asio::this_coro::cancellation_state;
    co_return io_error(ec, "connect", origin_, cancelled(state));
  }
  error_code ignored;
  tcp.socket().set_option(asio::ip::tcp::no_delay(true), ignored);
  if (url_.tls) {
    if (Status s = co_await handshake(std::get<Connection::Tls>(conn->stream), connect_deadline);
        !s) {
      co_return s;
    }
  }
  co_return std::move(conn);
}

// Resolution is cached for the Connector's lifetime (until a connect fails). The system resolver
// cannot be interrupted: a hanging DNS lookup is bounded by the resolver's own timeouts.
asio::awaitable<Status> Connector::resolve(Clock::time_point deadline) {
  asio::ip::tcp::resolver resolver(executor_);
  auto [ec, results] = co_await resolver.async_resolve(url_.host, url_.port, kTuple);
  auto state = co_await asio::this_coro::cancellation_state;
  if (cancelled(state)) co_return io_error(ec, "resolve", origin_, true);
  if (ec) co_return io_error(ec, "resolve " + url_.host, origin_, false);
  if (Clock::now() >= deadline)
    co_return io_error(beast::error::timeout, "resolve", origin_, false);
  if (results.empty()) co_return Status::upstream(origin_ + ": resolve: no addresses");
  endpoints_ = std::move(results);
  co_return Status::OK();
}

asio::awaitable<Status> Connector::handshake(Connection::Tls& stream, Clock::time_point deadline) {
  error_code ec;
  asio::ip::make_address(url_.host, ec);
  const bool ip_literal = !ec;
  // SNI is for host names only (RFC 6066).
  if (!ip_literal && SSL_set_tlsext_host_name(stream.native_handle(), url_.host.c_str()) != 1) {
    co_return Status::upstream(origin_ + ": TLS: cannot set SNI host name");
  }
  ec.clear();
  stream.set_verify_mode(ssl::verify_peer, ec);
  if (!ec) stream.set_verify_callback(ssl::host_name_verification(url_.host), ec);
  if (ec) co_return io_error(ec, "TLS setup", origin_, false);
  stream.next_layer().expires_at(deadline);
  auto [hec] = co_await stream.async_handshake(ssl::stream_base::client, kTuple);
  if (hec) {
    auto state = co_await asio::this_coro::cancellation_state;
    co_return io_error(hec, "TLS handshake", origin_, cancelled(state));
  }
  co_return Status::OK();
}

}  // namespace splitpoint::http::detail

namespace splitpoint::http {

int64_t open_connections() {
  return detail::g_open_connections.load(std::memory_order_relaxed);
}

}  // namespace splitpoint::http
