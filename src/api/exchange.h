// One HTTP request/response exchange as a front door sees it: the transport (Beast, TLS or not,
// keep-alive) stays in src/server. Implemented by the server's connection coroutine and by test
// fakes. Not thread-safe; used by one coroutine.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "api/request_record.h"
#include "splitpoint/provider.h"
#include "splitpoint/status.h"

namespace splitpoint::api {

using Headers = std::vector<std::pair<std::string, std::string>>;

class Exchange {
 public:
  virtual ~Exchange() = default;

  virtual std::string_view method() const = 0;  // "GET", "POST", "HEAD"
  virtual std::string_view path() const = 0;    // target without the query string
  virtual std::string_view body() const = 0;
  // The header's value, "" if absent. Names are case-insensitive.
  virtual std::string_view header(std::string_view name) const = 0;

  // A whole response. Content-Length is set; for HEAD the body is not sent.
  virtual boost::asio::awaitable<Status> respond(int status, std::string_view content_type,
                                                 std::string body, const Headers& headers) = 0;

  // A streamed response (chunked transfer encoding): begin once, write any number of times
  // (each write is flushed to the client at once), then end. A non-OK Status means the client
  // is gone; stop producing.
  virtual boost::asio::awaitable<Status> begin_stream(int status, std::string_view content_type,
                                                      const Headers& headers) = 0;
  virtual boost::asio::awaitable<Status> write(std::string_view bytes) = 0;
  virtual boost::asio::awaitable<Status> end_stream() = 0;

  // The request as the ledger and metrics see it: filled along the request path (session, front
  // door, streaming sink), emitted by the session when the answer is done.
  RequestRecord record;
  const Clock::time_point arrived = Clock::now();  // when the request was read (steady clock)
  double ms_since_arrival() const {
    return std::chrono::duration<double, std::milli>(Clock::now() - arrived).count();
  }
};

}  // namespace splitpoint::api
