#include "server/session.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include "metrics/views.h"
#include "server/beast_exchange.h"
#include "server/memory_release.h"
#include "server/readiness.h"

namespace splitpoint::server {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr auto kIdleTimeout = std::chrono::seconds(75);    // between requests
constexpr auto kReadTimeout = std::chrono::seconds(30);    // one request's header and body
// Read buffer of a connection while it reads a request. Beast reads at most the buffer's free
// capacity per recv (512 bytes when empty), so a typical 1-2 KB request would take several recvs.
constexpr std::size_t kReadBufferBytes = 4096;

api::FrontDoor& door_for(std::string_view path, const SessionContext& ctx) {
  if (path == "/v1" || path.starts_with("/v1/")) return *ctx.openai;
  return *ctx.ollama;
}

bool is_open_path(const BeastExchange& ex) {
  // Ollama clients and tools probe "/" before anything else, load balancers /healthz and
  // /readyz; they reveal nothing secret.
  const std::string_view p = ex.path();
  // The dashboard's static files hold no data (its data endpoint and /metrics need the key).
  return (p == "/" || p == "/healthz" || p == "/readyz" || metrics::is_public_view(p)) &&
         (ex.method() == "GET" || ex.method() == "HEAD");
}

// Runs door.handle(ex) and cancels it (terminal) if the client closes its end (EOF or reset)
// meanwhile. The watch is a one-byte MSG_PEEK receive on the socket, not a second coroutine
// (cheaper than `handle || watch`), and not a wait: Asio re-arms the descriptor with epoll_ctl for
// every wait, while a receive is tried once (a recv() returning EAGAIN) and queued on the
// edge-triggered registration. Bytes to read (a pipelined request) are not a disconnect: peeked,
// not consumed, the watch then ends without cancelling. An exception from a handler cancelled that way is dropped (the client is
// gone); any other propagates.
asio::awaitable<void> handle_watched(api::FrontDoor& door, BeastExchange& ex, tcp::socket& socket) {
  struct Watch {
    asio::cancellation_signal disconnected;
    bool fired = false;
    char peeked = 0;  // the receive's buffer: it lives as long as the operation
  };
  auto watch = std::make_shared<Watch>();
  socket.async_receive(asio::buffer(&watch->peeked, 1), tcp::socket::message_peek,
                       [watch](boost::system::error_code ec, std::size_t) {
                         if (!ec || ec == asio::error::operation_aborted) return;
                         watch->fired = true;
                         watch->disconnected.emit(asio::cancellation_type::terminal);
                       });
  auto [error] = co_await asio::co_spawn(
      co_await asio::this_coro::executor, door.handle(ex),
      asio::bind_cancellation_slot(watch->disconnected.slot(), kUseTuple));
  boost::system::error_code ignored;
  socket.cancel(ignored);
  if (error && !watch->fired) std::rethrow_exception(error);
}

// Reads one request; answers "100 Continue" when the client waits for it.
asio::awaitable<beast::error_code> read_request(beast::tcp_stream& stream,
                                                beast::flat_buffer& buffer,
                                                http::request_parser<http::string_body>& parser) {
  stream.expires_after(kIdleTimeout);
  auto [ec, n] = co_await http::async_read_header(stream, buffer, parser, kUseTuple);
  if (ec) co_return ec;
  stream.expires_after(kReadTimeout);
  auto expect = parser.get().find(http::field::expect);
  if (expect != parser.get().end() && beast::iequals(expect->value(), "100-continue") &&
      buffer.size() == 0) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    auto [wec, wn] = co_await asio::async_write(stream, asio::buffer(kContinue), kUseTuple);
    if (wec) co_return wec;
  }
  std::tie(ec, n) = co_await http::async_read(stream, buffer, parser, kUseTuple);
  stream.expires_never();
  co_return ec;
}

// Connections open on this worker thread, and the most open at once since memory was last handed
// back. When a burst of at least kTrimAfterConnections has fully drained, release_free_memory
// returns the freed heap pages to the OS, so RSS goes back to its idle level after load (the
// allocator otherwise keeps them). Thread-local: a session runs on its worker's one thread from start to end.
constexpr std::size_t kTrimAfterConnections = 256;
thread_local std::size_t t_open_connections = 0;
thread_local std::size_t t_peak_connections = 0;

struct OpenConnection {
  OpenConnection() {
    t_peak_connections = std::max(t_peak_connections, ++t_open_connections);
  }
  ~OpenConnection() {
    if (--t_open_connections == 0 && t_peak_connections >= kTrimAfterConnections) {
      t_peak_connections = 0;
      release_free_memory();
    }
  }
  OpenConnection(const OpenConnection&) = delete;
  OpenConnection& operator=(const OpenConnection&) = delete;
};

// Counts a request in flight for the graceful shutdown.
struct InFlight {
  explicit InFlight(std::atomic<int>& n) : n_(n) { n_.fetch_add(1, std::memory_order_relaxed); }
  ~InFlight() { n_.fetch_sub(1, std::memory_order_relaxed); }
  std::atomic<int>& n_;
};

// Completes the exchange's record (caller, door, status, times) and hands it to the recorders.
void emit(BeastExchange& ex, const SessionContext& ctx) {
  const api::RecorderList* recorders = ctx.state->recorders.get();
  // "/" is Ollama's liveness probe, like /healthz not a request worth recording; /metrics and
  // /ui are not LLM traffic (not even when refused for a missing key).
  if (recorders == nullptr || recorders->empty() || ex.path() == "/" ||
      metrics::is_view_path(ex.path())) {
    return;
  }
  api::RequestRecord& r = ex.record;
  r.total_ms = ex.ms_since_arrival();
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  r.unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count() -
              static_cast<int64_t>(r.total_ms);
  const int key = key_index(ex.header("Authorization"), ctx.server().api_keys);
  if (key >= 0) r.caller = "key-" + std::to_string(key);
  const std::string_view path = ex.path();
  r.door = (path == "/v1" || path.starts_with("/v1/")) ? "openai" : "ollama";
  r.endpoint = path;
  // 499: the client went away before any answer (nginx's "client closed request").
  r.http_status = ex.responded() ? ex.status_sent() : 499;
  ctx.state->cost.apply(r);
  ctx.state->recorders->take(std::move(r));
}

asio::awaitable<bool> serve_one(beast::tcp_stream& stream,
                                http::request_parser<http::string_body>& parser,
                                const SessionContext& ctx, std::atomic<int>& in_flight) {
  BeastExchange ex(stream, parser.get());
  const InFlight counted(in_flight);
  if (ex.path() == "/healthz") {
    (void)co_await ex.respond(200, "application/json", R"({"status":"ok"})", {});
    co_return ex.keep_alive();
  }
  if (ex.path() == "/readyz") {
    co_await readiness(ex, ctx);
    co_return ex.keep_alive();
  }
  api::FrontDoor& door = door_for(ex.path(), ctx);
  const Counted serving(ctx.state->counters->in_flight);
  if (ctx.state->counters->in_flight.load(std::memory_order_relaxed) >
      ctx.server().max_concurrent_requests) {
    co_await door.fail(ex, Status::unavailable("the gateway is overloaded (" +
                                               std::to_string(ctx.server().max_concurrent_requests) +
                                               " requests in flight); retry later"));
    co_return ex.keep_alive();
  }
  if (!ctx.server().api_keys.empty() && !is_open_path(ex) &&
      !authorized(ex.header("Authorization"), ctx.server().api_keys)) {
    co_await door.fail(ex, Status(StatusCode::kUnauthenticated,
                                  "missing or invalid API key: send Authorization: Bearer <key>"));
    emit(ex, ctx);
    co_return ex.keep_alive();
  }
  if (metrics::is_view_path(ex.path()) && ctx.state->stats) {
    auto providers = metrics::provider_states(*ctx.config, ctx.state->health);
    for (std::size_t i = 0; i < providers.size(); ++i) {
      providers[i].loaded_models = ctx.state->loaded.get(i);
    }
    co_await metrics::serve_view(ex, *ctx.state->stats, providers);
    co_return ex.keep_alive();
  }
  co_await handle_watched(door, ex, stream.socket());
  emit(ex, ctx);
  co_return ex.keep_alive() && ex.responded();
}

// Closes our side, then reads and discards what the client is still sending (bounded in time
// and bytes), so that closing with unread input does not reset the connection before the client
// has read our answer (nginx's lingering close).
asio::awaitable<void> linger(beast::tcp_stream& stream) {
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  std::array<char, 4096> sink;
  stream.expires_after(std::chrono::seconds(1));
  for (std::size_t total = 0; !ec && total < (4u << 20);) {
    std::size_t n = 0;
    std::tie(ec, n) = co_await stream.async_read_some(asio::buffer(sink), kUseTuple);
    total += n;
  }
  stream.expires_never();
}

// Answers a request whose header or body could not be read, then the connection closes.
asio::awaitable<void> reject(beast::tcp_stream& stream,
                             http::request_parser<http::string_body>& parser,
                             const SessionContext& ctx, beast::error_code ec) {
  const bool too_large = ec == http::error::body_limit;
  const bool head_too_large = ec == http::error::header_limit;
  if (!too_large && !parser.is_header_done() && !head_too_large) co_return;
  auto& req = parser.get();
  req.keep_alive(false);
  BeastExchange ex(stream, req);
  Status status = too_large
                      ? Status(StatusCode::kPayloadTooLarge,
                               "request body exceeds the limit of " +
                                   std::to_string(ctx.server().max_body_bytes) + " bytes")
                      : Status::invalid("malformed HTTP request: " + ec.message());
  if (head_too_large) {
    status = Status::invalid("request header exceeds the limit of " +
                             std::to_string(ctx.server().max_header_bytes) + " bytes");
  }
  co_await door_for(ex.path(), ctx).fail(ex, status, head_too_large ? 431 : http_status(status.code()));
  emit(ex, ctx);
  co_await linger(stream);
}

}  // namespace

bool authorized(std::string_view authorization, const std::vector<std::string>& keys) {
  return key_index(authorization, keys) >= 0;
}

int key_index(std::string_view authorization, const std::vector<std::string>& keys) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() ||
      !beast::iequals(authorization.substr(0, kBearer.size()), kBearer)) {
    return -1;
  }
  const std::string_view given = authorization.substr(kBearer.size());
  int match = -1;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const std::string& key = keys[k];
    if (key.size() != given.size()) continue;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < key.size(); ++i) diff |= key[i] ^ given[i];
    if (diff == 0 && match < 0) match = static_cast<int>(k);
  }
  return match;
}

asio::awaitable<void> run_session(tcp::socket socket,
                                  const std::shared_ptr<SessionContext>& current,
                                  std::atomic<int>& in_flight) {
  const OpenConnection counted;
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  const std::shared_ptr<Counters> counters = current->state->counters;  // outlive reloads
  const Counted connection(counters->connections);
  for (bool keep_alive = true; keep_alive;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(current->server().max_header_bytes));
    parser.body_limit(current->server().max_body_bytes);
    buffer.reserve(kReadBufferBytes);
    const beast::error_code ec = co_await read_request(stream, buffer, parser);
    // An answer can take minutes (a stream, a slow model); the read buffer is not needed
    // meanwhile unless it holds the start of a pipelined request.
    if (buffer.size() == 0) buffer.shrink_to_fit();
    // The generation current when the request arrived serves all of it.
    const std::shared_ptr<SessionContext> held = current;
    const SessionContext& ctx = *held;
    if (ec) {
      if (ec != http::error::end_of_stream && ec != asio::error::operation_aborted) {
        co_await reject(stream, parser, ctx, ec);
      }
      break;
    }
    keep_alive = co_await serve_one(stream, parser, ctx, in_flight);
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace splitpoint::server
