// The OpenAI-compatible front door: /v1/chat/completions, /v1/embeddings, /v1/models and
// /v1/models/{id}. Decodes requests with wire::openai, asks the Dispatcher, and answers in
// OpenAI's shapes (JSON, or SSE chat.completion.chunk events), errors as OpenAI error objects.
// Every response of a routed request carries the X-Splitpoint-{Tier,Provider,Reason} headers.
//
// Ownership: borrows the Dispatcher, which must outlive the door. Bound to one worker thread
// (like the Dispatcher); not thread-safe. handle() and fail() never throw.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/dispatcher.h"
#include "api/exchange.h"
#include "api/front_door.h"
#include "splitpoint/status.h"

namespace splitpoint::api::openai {

class OpenAIFrontDoor : public FrontDoor {
 public:
  explicit OpenAIFrontDoor(Dispatcher& dispatcher);

  // Serves a request whose path starts with /v1/. Unknown paths: 404; a known path with the
  // wrong method: 405 with an Allow header.
  boost::asio::awaitable<void> handle(Exchange& exchange) override;
  // {"error":{"message","type","param","code"}} with http_status(status.code()).
  boost::asio::awaitable<void> fail(Exchange& exchange, const Status& status) override;

 private:
  boost::asio::awaitable<void> serve(Exchange& exchange);
  boost::asio::awaitable<void> chat(Exchange& exchange);
  boost::asio::awaitable<void> embeddings(Exchange& exchange);
  // POST /v1/route: the routing decision for a chat request, without calling a provider.
  boost::asio::awaitable<void> route(Exchange& exchange);
  boost::asio::awaitable<void> list_models(Exchange& exchange);
  boost::asio::awaitable<void> get_model(Exchange& exchange, std::string_view id);
  boost::asio::awaitable<void> respond_error(Exchange& exchange, const Status& status, int code,
                                             const Headers& headers);
  std::string next_completion_id();

  Dispatcher& dispatcher_;
  uint64_t id_state_;
  int64_t started_;  // unix seconds: the "created" of model objects
};

}  // namespace splitpoint::api::openai
