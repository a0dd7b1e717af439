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

 private:
  boost::asio::awaitable<void> serve(Exchange& exchange) override;
  std::string encode_error(const Status& status) const override;
  std::string_view error_content_type() const override;
  boost::asio::awaitable<void> chat(Exchange& exchange);
  boost::asio::awaitable<void> embeddings(Exchange& exchange);
  // POST /v1/route: the routing decision for a chat request, without calling a provider.
  boost::asio::awaitable<void> route(Exchange& exchange);
  boost::asio::awaitable<void> list_models(Exchange& exchange);
  boost::asio::awaitable<void> get_model(Exchange& exchange, std::string_view id);
  std::string next_completion_id();

  Dispatcher& dispatcher_;
  uint64_t id_state_;
  int64_t started_;  // unix seconds: the "created" of model objects
};

}  // namespace splitpoint::api::openai
