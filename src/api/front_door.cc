#include "api/front_door.h"

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

boost::asio::awaitable<void> FrontDoor::respond_error(Exchange& exchange, const Status& status,
                                                      int code, const Headers& headers) {
  // A failed respond() means the client is gone; nothing more to do.
  (void)co_await exchange.respond(code, error_content_type(), encode_error(status), headers);
}

}  // namespace splitpoint::api
