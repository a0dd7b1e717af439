// The Ollama-compatible front door: /api/chat, /api/generate, /api/embed, /api/embeddings,
// /api/tags, /api/ps, /api/show, /api/version and "/". Decodes requests with wire::ollama, asks
// the Dispatcher, and answers in Ollama's shapes (JSON, or NDJSON lines when streaming, which is
// the default); errors as {"error":"..."}. Model-management endpoints (pull, push, create, copy,
// delete, blobs) answer 501: a gateway has no model store. Every response of a routed request
// carries the X-Splitpoint-{Tier,Provider,Reason} headers.
//
// Ownership: borrows the Dispatcher, which must outlive the door. Bound to one worker thread
// (like the Dispatcher); not thread-safe. handle() and fail() never throw.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>

#include "api/dispatcher.h"
#include "api/exchange.h"
#include "api/front_door.h"
#include "splitpoint/status.h"

namespace splitpoint::api::ollama {

// The Ollama version /api/version reports (clients gate features on it).
inline constexpr std::string_view kOllamaVersion = "0.12.6";

class OllamaFrontDoor : public FrontDoor {
 public:
  explicit OllamaFrontDoor(Dispatcher& dispatcher);

 private:
  boost::asio::awaitable<void> serve(Exchange& exchange) override;
  std::string encode_error(const Status& status) const override;
  std::string_view error_content_type() const override;
  boost::asio::awaitable<void> chat(Exchange& exchange, bool generate);
  boost::asio::awaitable<void> embed(Exchange& exchange, bool legacy);
  boost::asio::awaitable<void> show(Exchange& exchange);

  Dispatcher& dispatcher_;
  std::string started_at_;  // the "modified_at" of listed models
};

}  // namespace splitpoint::api::ollama
