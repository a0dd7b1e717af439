// What the front doors call to get an answer: choose a route, then call it. Front doors never see
// providers or configuration; they translate wire <-> core and map Status to HTTP.
// Implemented in src/server (and by fakes in tests). Bound to one worker thread; not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "splitpoint/model.h"
#include "splitpoint/provider.h"
#include "api/request_record.h"
#include "splitpoint/status.h"

namespace splitpoint::api {

// The routing decision as the front doors need it (headers X-Splitpoint-*).
struct Route {
  Tier tier = Tier::kLocal;
  std::string provider;  // provider name
  std::string model;     // upstream model name
  std::string reason;    // human-readable, ASCII, fits in a header: `reasons` joined by "; "
  std::size_t provider_index = 0;  // into the dispatcher's provider list
  int redactions = 0;              // values masked before the cloud (X-Splitpoint-Redactions)
  double score = -1;               // complexity score of automatic routing, -1 if none
  // The dispatcher's private per-request state (fallback order, masked request); opaque here.
  std::shared_ptr<void> plan;
  std::vector<std::string> reasons;  // one per policy that spoke (may be empty: see `reason`)
  std::vector<std::string> fallbacks;  // providers that failed before `provider`, in call order
  // The router's inputs for the ledger (ledger::capture_features); null when not routed by the
  // policy chain.
  std::shared_ptr<const FeaturesSource> features;
};

// What a caller asked for beyond the body.
struct RouteHints {
  std::string pinned_tier;  // X-Splitpoint-Tier header value ("" when absent)
  std::string task;         // X-Splitpoint-Task header value ("" when absent)
};

struct ModelInfo {
  std::string name;      // as clients send it: "auto", "local", "gpt-4o", ...
  std::string provider;  // "" for aliases
  bool alias = false;
  bool embedding = false;
};

class Dispatcher {
 public:
  virtual ~Dispatcher() = default;
  // Errors: kNotFound (unknown model), kInvalidArgument (bad pin), kUnavailable (no provider).
  virtual Result<Route> route_chat(const ChatRequest& request, const RouteHints& hints) = 0;
  virtual Result<Route> route_embed(const EmbedRequest& request, const RouteHints& hints) = 0;

  // Calls the routed provider; deadline and cancellation as LanguageModelProvider. When the
  // route has fallbacks and the provider fails before answering, the next one is called and
  // `route` is updated to say who served (so headers are taken from it after the call, or when
  // a stream begins).
  virtual boost::asio::awaitable<Result<ChatResponse>> complete(Route& route,
                                                               const ChatRequest& request) = 0;
  virtual boost::asio::awaitable<Status> stream(Route& route, const ChatRequest& request,
                                                ChunkSink& sink) = 0;
  virtual boost::asio::awaitable<Result<EmbedResponse>> embed(const Route& route,
                                                             const EmbedRequest& request) = 0;

  // Aliases first, then every configured chat and embedding model.
  virtual std::vector<ModelInfo> models() const = 0;
};

}  // namespace splitpoint::api
