// The Dispatcher the front doors call: routes with the Router, then calls the chosen provider
// with the configured deadline. One per worker; bound to that worker's thread; not thread-safe.
#pragma once

#include <memory>
#include <vector>

#include "api/dispatcher.h"
#include "router/router.h"
#include "splitpoint/provider.h"

namespace splitpoint::server {

class ProviderDispatcher : public api::Dispatcher {
 public:
  // `providers` are parallel to router.config().providers. `router` is borrowed and must outlive
  // the dispatcher.
  ProviderDispatcher(const router::Router& router,
                     std::vector<std::unique_ptr<LanguageModelProvider>> providers);

  Result<api::Route> route_chat(const ChatRequest& request, const api::RouteHints& hints) override;
  Result<api::Route> route_embed(const EmbedRequest& request,
                                 const api::RouteHints& hints) override;
  boost::asio::awaitable<Result<ChatResponse>> complete(api::Route& route,
                                                       const ChatRequest& request) override;
  boost::asio::awaitable<Status> stream(api::Route& route, const ChatRequest& request,
                                        ChunkSink& sink) override;
  boost::asio::awaitable<Result<EmbedResponse>> embed(const api::Route& route,
                                                     const EmbedRequest& request) override;
  std::vector<api::ModelInfo> models() const override;

  LanguageModelProvider& provider(std::size_t i) { return *providers_[i]; }
  std::size_t provider_count() const { return providers_.size(); }

 private:
  CallContext context(const api::Route& route) const;
  api::Route to_route(const router::Decision& d) const;

  const router::Router& router_;
  std::vector<std::unique_ptr<LanguageModelProvider>> providers_;
};

}  // namespace splitpoint::server
