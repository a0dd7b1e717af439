// A front door: decodes one protocol's requests into the core model, asks the Dispatcher, and
// encodes the answer (or the error) back in that protocol. Bound to one worker; not thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "api/dispatcher.h"
#include "api/exchange.h"
#include "api/request_record.h"
#include "splitpoint/model.h"
#include "splitpoint/status.h"

namespace splitpoint::api {

class FrontDoor {
 public:
  virtual ~FrontDoor() = default;
  // Serves the exchange completely (an answer or an error in this protocol); never throws.
  boost::asio::awaitable<void> handle(Exchange& exchange);
  // Answers with `status` as this protocol's error object (e.g. 401 before any routing).
  boost::asio::awaitable<void> fail(Exchange& exchange, const Status& status);

 protected:
  // Serves one exchange; may throw only on bugs (handle() answers 500 then).
  virtual boost::asio::awaitable<void> serve(Exchange& exchange) = 0;
  // The protocol's error body for `status`, and its content type.
  virtual std::string encode_error(const Status& status) const = 0;
  virtual std::string_view error_content_type() const = 0;
  // An error answer with `code` and extra headers (e.g. the routing headers).
  boost::asio::awaitable<void> respond_error(Exchange& exchange, const Status& status, int code,
                                             const Headers& headers);
};

// Filling the exchange's RequestRecord (the doors call these; pure, no I/O).
// Tokens are estimated at about 4 bytes a token when the provider reports no usage.
int64_t estimate_tokens(std::size_t bytes);
// The requested model, stream flag, hints and an input-token estimate.
void note_request(RequestRecord& record, const ChatRequest& request, const RouteHints& hints);
void note_request(RequestRecord& record, const EmbedRequest& request, const RouteHints& hints);
// The decision: tier, provider, model, score, reasons, redactions, fallbacks, features. Call after
// the provider call too: a fallback changes who served.
void note_route(RequestRecord& record, const Route& route);
// Tokens of a whole answer (its usage, else estimated from the answer text).
void note_answer(RequestRecord& record, const ChatResponse& answer);
void note_answer(RequestRecord& record, const EmbedResponse& answer);

}  // namespace splitpoint::api
