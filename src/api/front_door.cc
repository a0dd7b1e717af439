#include "api/front_door.h"

#include <algorithm>

namespace splitpoint::api {

boost::asio::awaitable<void> FrontDoor::handle(Exchange& exchange) {
  bool failed = false;
  try {
    co_await serve(exchange);
  } catch (...) {
    failed = true;
  }
  if (failed) co_await fail(exchange, Status::internal("internal error"));
}

boost::asio::awaitable<void> FrontDoor::fail(Exchange& exchange, const Status& status) {
  co_await respond_error(exchange, status, http_status(status.code()), {});
}

boost::asio::awaitable<void> FrontDoor::fail(Exchange& exchange, const Status& status,
                                             int http_code) {
  co_await respond_error(exchange, status, http_code, {});
}

boost::asio::awaitable<void> FrontDoor::respond_error(Exchange& exchange, const Status& status,
                                                      int code, const Headers& headers) {
  const bool retry_later = code == 429 || code == 503;
  const bool has_retry_after = std::any_of(headers.begin(), headers.end(), [](const auto& h) {
    return h.first == "Retry-After";
  });
  // A failed respond() means the client is gone; nothing more to do.
  if (retry_later && !has_retry_after) {
    Headers with = headers;
    with.emplace_back("Retry-After", "1");
    (void)co_await exchange.respond(code, error_content_type(), encode_error(status), with);
  } else {
    (void)co_await exchange.respond(code, error_content_type(), encode_error(status), headers);
  }
}

}  // namespace splitpoint::api
