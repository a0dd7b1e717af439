// A front door: decodes one protocol's requests into the core model, asks the Dispatcher, and
// encodes the answer (or the error) back in that protocol. Bound to one worker; not thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "api/exchange.h"
#include "splitpoint/status.h"

namespace splitpoint::api {

class FrontDoor {
 public:
  virtual ~FrontDoor() = default;
  // Serves the exchange completely (an answer or an error in this protocol); never throws.
  virtual boost::asio::awaitable<void> handle(Exchange& exchange) = 0;
  // Answers with `status` as this protocol's error object (e.g. 401 before any routing).
  virtual boost::asio::awaitable<void> fail(Exchange& exchange, const Status& status) = 0;
};

}  // namespace splitpoint::api
