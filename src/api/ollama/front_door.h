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

  // Serves "/" and paths starting with /api/. Unknown paths: 404; a known path with the wrong
  // method: 405 with an Allow header.
  boost::asio::awaitable<void> handle(Exchange& exchange) override;
  // {"error":"<message>"} with http_status(status.code()).
  boost::asio::awaitable<void> fail(Exchange& exchange, const Status& status) override;

 private:
  boost::asio::awaitable<void> serve(Exchange& exchange);
  boost::asio::awaitable<void> chat(Exchange& exchange, bool generate);
  boost::asio::awaitable<void> embed(Exchange& exchange, bool legacy);
  boost::asio::awaitable<void> show(Exchange& exchange);
  boost::asio::awaitable<void> respond_error(Exchange& exchange, const Status& status, int code,
                                             const Headers& headers);

  Dispatcher& dispatcher_;
  std::string started_at_;  // the "modified_at" of listed models
};

}  // namespace splitpoint::api::ollama
