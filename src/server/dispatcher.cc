#include "server/dispatcher.h"

namespace splitpoint::server {

ProviderDispatcher::ProviderDispatcher(const router::Router& router,
                                       std::vector<std::unique_ptr<LanguageModelProvider>> providers)
    : router_(router), providers_(std::move(providers)) {}

api::Route ProviderDispatcher::to_route(const router::Decision& d) const {
  return api::Route{d.tier, router_.config().providers[d.provider_index].name, d.model, d.reason,
                    d.provider_index};
}

Result<api::Route> ProviderDispatcher::route_chat(const ChatRequest& request,
                                                  const api::RouteHints& hints) {
  auto d = router_.route_chat(request, hints.pinned_tier);
  if (!d.ok()) return d.status();
  return to_route(*d);
}

Result<api::Route> ProviderDispatcher::route_embed(const EmbedRequest& request,
                                                   const api::RouteHints& hints) {
  auto d = router_.route_embed(request, hints.pinned_tier);
  if (!d.ok()) return d.status();
  return to_route(*d);
}

CallContext ProviderDispatcher::context(const api::Route& route) const {
  CallContext ctx;
  ctx.deadline = Clock::now() + router_.config().server.request_timeout;
  ctx.upstream_model = route.model;
  return ctx;
}

boost::asio::awaitable<Result<ChatResponse>> ProviderDispatcher::complete(
    api::Route& route, const ChatRequest& request) {
  const CallContext ctx = context(route);  // named: GCC 12 mishandles temporaries here
  co_return co_await providers_[route.provider_index]->complete(request, ctx);
}

boost::asio::awaitable<Status> ProviderDispatcher::stream(api::Route& route,
                                                          const ChatRequest& request,
                                                          ChunkSink& sink) {
  const CallContext ctx = context(route);  // named: GCC 12 mishandles temporaries here
  co_return co_await providers_[route.provider_index]->stream(request, ctx, sink);
}

boost::asio::awaitable<Result<EmbedResponse>> ProviderDispatcher::embed(
    const api::Route& route, const EmbedRequest& request) {
  const CallContext ctx = context(route);  // named: GCC 12 mishandles temporaries here
  co_return co_await providers_[route.provider_index]->embed(request, ctx);
}

std::vector<api::ModelInfo> ProviderDispatcher::models() const {
  std::vector<api::ModelInfo> out;
  auto add = [&out](const std::string& name, const std::string& provider, bool alias,
                    bool embedding) {
    if (name.empty()) return;
    for (const auto& m : out) {
      if (m.name == name) return;
    }
    out.push_back({name, provider, alias, embedding});
  };
  const auto& cfg = router_.config();
  for (const auto& a : router::Router::aliases()) add(a, "", true, false);
  for (const auto& a : cfg.routing.auto_models) add(a, "", true, false);
  for (const auto& p : cfg.providers) {
    add(p.chat_model, p.name, false, false);
    for (const auto& m : p.models) add(m, p.name, false, false);
    add(p.embedding_model, p.name, false, true);
  }
  return out;
}

}  // namespace splitpoint::server
