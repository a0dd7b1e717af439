// HTTP/1.1 client for one upstream origin: keep-alive connection pool, TLS (system CA store, SNI,
// host name verification), a deadline on every call, cancellation through the awaiting
// coroutine's cancellation slot.
//
// Thread-safety: none. A Client belongs to one executor (one io_context thread) and all calls
// must be made from coroutines running on it.
// Errors (as values): kUpstream for connect/TLS/protocol failures, kDeadlineExceeded when the
// deadline passes, kCancelled when the awaiting coroutine is cancelled. A non-2xx answer is NOT
// an error here: it is returned as a Response with its status and body.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/verb.hpp>

#include "splitpoint/provider.h"
#include "splitpoint/status.h"

namespace splitpoint::http {

struct Url {
  bool tls = false;
  std::string host;
  std::string port;       // "80"/"443" when not given
  std::string base_path;  // without trailing '/', may be empty: "/v1"

  // Accepts http:// and https:// URLs; errors name what is wrong.
  static Result<Url> parse(std::string_view url);
  std::string origin() const;  // "https://api.openai.com:443"
};

struct Request {
  boost::beast::http::verb method = boost::beast::http::verb::post;
  std::string path;  // appended to Url::base_path, e.g. "/chat/completions"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent with Content-Type: application/json when non-empty
  // Phase deadlines on top of the call's deadline (0: off). first_byte: from the start of the
  // call to the answer's head and, for send_streaming, its first body byte. idle: the longest
  // wait for each further piece of the body. Either expiring is kDeadlineExceeded naming it.
  std::chrono::milliseconds first_byte_timeout{0};
  std::chrono::milliseconds idle_timeout{0};
};

struct Response {
  int status = 0;
  std::string content_type;
  std::string retry_after;  // Retry-After header, if any
  std::string body;         // for streaming calls: empty on 2xx (delivered to on_data instead)
};

// Whether an answer with HTTP `status` to a health probe (GET /api/version, /models, ...) shows
// a live upstream: 2xx, and other 4xx than 401/403 (the server answers but lacks that path, as
// proxies and OpenAI-compatible servers without a model list do). 401/403 mean the configured
// key is refused, 5xx that the upstream is failing: neither is alive for the gateway.
constexpr bool answers_probe(int status) {
  return (status >= 200 && status < 300) ||
         (status >= 400 && status < 500 && status != 401 && status != 403);
}

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::size_t max_idle_connections = 64;
  std::size_t max_body_bytes = 64 << 20;  // larger answers are a kUpstream error
  // A PEM CA bundle trusted in addition to the system store (a private CA; tests). Empty: the
  // system store only, through one TLS context shared by all Clients.
  std::string ca_file;
};

// Receives body bytes of a 2xx streaming answer as they arrive; a non-OK Status aborts the call
// (the connection is closed, not reused) and is returned.
using DataHandler = std::function<boost::asio::awaitable<Status>(std::string_view)>;

// Upstream connections open now in this process (pooled or in use, all Clients, any thread):
// for leak checks.
int64_t open_connections();

class Client {
 public:
  Client(boost::asio::any_io_executor executor, Url url, ClientOptions options = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends `request` and reads the whole answer.
  boost::asio::awaitable<Result<Response>> send(Request request, Clock::time_point deadline);

  // Sends `request`; on a 2xx answer passes the body to `on_data` piece by piece, as it arrives
  // (chunked or not), then returns the Response (body empty). On a non-2xx answer reads the body
  // whole and returns it without calling on_data.
  boost::asio::awaitable<Result<Response>> send_streaming(Request request,
                                                          Clock::time_point deadline,
                                                          DataHandler on_data);

  const Url& url() const;
  std::size_t idle_connections() const;  // for tests: pooled keep-alive connections

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace splitpoint::http
