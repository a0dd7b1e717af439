// Internals of http::Client: a pooled connection to one origin, the keep-alive pool, and the
// connector that opens new connections (cached DNS resolution, TCP connect, TLS handshake).
// Not thread-safe; everything runs on the Client's executor.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "http/client.h"

namespace splitpoint::http::detail {

// Size of the buffer body pieces are read into (and handed to on_data from), and the reserve of
// a connection's read buffer. Beast reads at most the read buffer's free capacity per recv, so
// larger pieces would never fill; 4 KB keeps an open stream's upstream side at ~8 KB.
inline constexpr std::size_t kChunkBytes = 4 * 1024;

struct Connection {
  using Tcp = boost::beast::tcp_stream;
  using Tls = boost::beast::ssl_stream<boost::beast::tcp_stream>;

  explicit Connection(const boost::asio::any_io_executor& executor);
  Connection(const boost::asio::any_io_executor& executor, boost::asio::ssl::context& tls);
  ~Connection();  // counted in open_connections() from construction to destruction
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  boost::beast::tcp_stream& tcp();
  // True if the peer has neither closed the connection nor sent anything since the last answer
  // (a non-blocking peek at the socket). A connection pooled less than kFreshIdle ago is taken
  // as open without the peek (one syscall per request saved under load): no keep-alive server
  // times out that fast, and a connection closed anyway fails before any answer byte, which
  // Client retries once on a new connection.
  bool idle_and_open();
  // Frees `chunk` and the read buffer's reserve (a pooled connection holds no buffer: after a
  // burst the pool keeps up to max_idle connections that may not be used again for long);
  // reserve_buffers() allocates them again. Bytes in `buffer` are kept.
  void release_buffers();
  void reserve_buffers();

  std::chrono::steady_clock::time_point idle_since;  // when it was last put in the pool

  std::variant<Tcp, Tls> stream;
  // Bytes read past the parser; empty between requests. Reserved at kChunkBytes: Beast reads
  // at most its free capacity per read (512 bytes when empty), so without the reserve a 1 KB
  // answer took two recvs.
  boost::beast::flat_buffer buffer;
  std::unique_ptr<char[]> chunk;     // kChunkBytes, for body pieces; null while pooled
};

// LIFO pool of idle keep-alive connections, at most `max_idle`. Pooled connections hold no
// buffers (Connection::release_buffers): ~8 KB each, 1 MB for a worker's full pools after a
// burst; take() gives them back (two allocations that the allocator's thread cache serves).
class ConnectionPool {
 public:
  explicit ConnectionPool(std::size_t max_idle) : max_idle_(max_idle) {}
  // The most recently used idle connection the server has not closed, or null.
  std::unique_ptr<Connection> take();
  // Keeps `connection` for reuse if there is room; closes it otherwise.
  void put(std::unique_ptr<Connection> connection);
  std::size_t size() const { return idle_.size(); }

 private:
  std::size_t max_idle_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

// The error Status for a failed I/O step `what` ("connect", "read", ...) towards `origin`:
// kCancelled if the awaiting coroutine was cancelled, kDeadlineExceeded on a timeout, else
// kUpstream.
Status io_error(boost::system::error_code ec, std::string_view what, const std::string& origin,
                bool cancelled);

// The TLS client context shared by every Client that trusts the system CA store (null if OpenSSL
// could not set one up; `error` then says why).
std::shared_ptr<boost::asio::ssl::context> system_tls_context(Status* error);
// A context trusting the system store and the PEM CA bundle at `ca_file`.
std::shared_ptr<boost::asio::ssl::context> tls_context_with(const std::string& ca_file,
                                                            Status* error);

class Connector {
 public:
  // `tls` must be non-null for an https Url unless `tls_error` is non-OK.
  Connector(boost::asio::any_io_executor executor, const Url& url,
            std::chrono::milliseconds connect_timeout,
            std::shared_ptr<boost::asio::ssl::context> tls, Status tls_error);

  // Opens a connection (TLS-handshaken for https), bounded by the deadline and connect_timeout.
  boost::asio::awaitable<Result<std::unique_ptr<Connection>>> connect(Clock::time_point deadline);
  const std::string& origin() const { return origin_; }

 private:
  boost::asio::awaitable<Status> resolve(Clock::time_point deadline);
  boost::asio::awaitable<Status> handshake(Connection::Tls& stream, Clock::time_point deadline);

  boost::asio::any_io_executor executor_;
  const Url& url_;
  std::string origin_;
  std::chrono::milliseconds connect_timeout_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  Status tls_error_;
  std::optional<boost::asio::ip::tcp::resolver::results_type> endpoints_;
};

}  // namespace splitpoint::http::detail
