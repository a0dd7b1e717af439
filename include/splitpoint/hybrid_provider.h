// A provider that splits work between a local and a cloud provider by a rule: the SDK's answer to
// "run small things at home, send the rest to the cloud" without the gateway.
//
// Ownership: owns both providers. Threading and cancellation: as the providers it wraps (one
// executor; a cancelled call cancels the chosen provider's call). Errors: those of the chosen
// provider, unchanged; no fallback from one tier to the other (the gateway's dispatcher does that).
#pragma once

#include <functional>
#include <memory>

#include "splitpoint/provider.h"

namespace splitpoint {

class HybridProvider : public LanguageModelProvider {
 public:
  // Chooses the tier for a chat request. Must be cheap and must not throw.
  using Rule = std::function<Tier(const ChatRequest&)>;

  // The default rule: requests with image parts go to the cloud, everything else stays local.
  static Tier default_rule(const ChatRequest& request);

  // `local` and `cloud` must be non-null. An empty `rule` means default_rule.
  HybridProvider(std::unique_ptr<LanguageModelProvider> local,
                 std::unique_ptr<LanguageModelProvider> cloud, Rule rule = {});

  // Name "hybrid"; tier and kind of the local provider; no base URL or key of its own; the
  // models, vision, tools of either; chat and embedding model of the local provider.
  const ProviderDescriptor& descriptor() const override { return descriptor_; }

  // The tier `rule` picks for `request` (what complete() and stream() will use).
  Tier choose(const ChatRequest& request) const { return rule_(request); }
  LanguageModelProvider& provider(Tier tier) { return tier == Tier::kCloud ? *cloud_ : *local_; }

  // Chat calls go to the chosen tier's provider with `ctx` unchanged (leave ctx.upstream_model
  // empty to let each provider use its own chat model).
  boost::asio::awaitable<Result<ChatResponse>> complete(const ChatRequest& request,
                                                        const CallContext& ctx) override;
  boost::asio::awaitable<Status> stream(const ChatRequest& request, const CallContext& ctx,
                                        ChunkSink& sink) override;
  // Embeddings always go to the local provider.
  boost::asio::awaitable<Result<EmbedResponse>> embed(const EmbedRequest& request,
                                                      const CallContext& ctx) override;
  // OK if both providers are reachable; else the first failure, its message prefixed with the
  // tier ("local: ..." / "cloud: ...").
  boost::asio::awaitable<Status> probe(const CallContext& ctx) override;

 private:
  std::unique_ptr<LanguageModelProvider> local_;
  std::unique_ptr<LanguageModelProvider> cloud_;
  Rule rule_;
  ProviderDescriptor descriptor_;
};

std::unique_ptr<HybridProvider> make_hybrid_provider(std::unique_ptr<LanguageModelProvider> local,
                                                     std::unique_ptr<LanguageModelProvider> cloud,
                                                     HybridProvider::Rule rule = {});

}  // namespace splitpoint
