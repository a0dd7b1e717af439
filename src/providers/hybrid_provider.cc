#include "splitpoint/hybrid_provider.h"

#include <algorithm>
#include <cassert>
#include <utility>

namespace splitpoint {

namespace asio = boost::asio;

namespace {

void add_model(std::vector<std::string>& models, const std::string& model) {
  if (model.empty()) return;
  if (std::find(models.begin(), models.end(), model) == models.end()) models.push_back(model);
}

ProviderDescriptor describe(const ProviderDescriptor& local, const ProviderDescriptor& cloud) {
  ProviderDescriptor d;
  d.name = "hybrid";
  d.tier = local.tier;
  d.kind = local.kind;
  d.chat_model = local.chat_model;
  d.embedding_model = local.embedding_model;
  for (const ProviderDescriptor* p : {&local, &cloud}) {
    add_model(d.models, p->chat_model);
    add_model(d.models, p->embedding_model);
    for (const std::string& m : p->models) add_model(d.models, m);
  }
  d.vision = local.vision || cloud.vision;
  d.tools = local.tools || cloud.tools;
  // The smaller known context: a request that fits it fits either tier.
  if (local.context_tokens == 0 || cloud.context_tokens == 0) {
    d.context_tokens = std::max(local.context_tokens, cloud.context_tokens);
  } else {
    d.context_tokens = std::min(local.context_tokens, cloud.context_tokens);
  }
  d.connect_timeout = std::max(local.connect_timeout, cloud.connect_timeout);
  d.request_timeout = std::max(local.request_timeout, cloud.request_timeout);
  return d;
}

}  // namespace

Tier HybridProvider::default_rule(const ChatRequest& request) {
  return request.has_image() ? Tier::kCloud : Tier::kLocal;
}

HybridProvider::HybridProvider(std::unique_ptr<LanguageModelProvider> local,
                               std::unique_ptr<LanguageModelProvider> cloud, Rule rule)
    : local_(std::move(local)),
      cloud_(std::move(cloud)),
      rule_(rule ? std::move(rule) : Rule(&HybridProvider::default_rule)) {
  assert(local_ && cloud_);
  descriptor_ = describe(local_->descriptor(), cloud_->descriptor());
}

asio::awaitable<Result<ChatResponse>> HybridProvider::complete(const ChatRequest& request,
                                                               const CallContext& ctx) {
  return provider(choose(request)).complete(request, ctx);
}

asio::awaitable<Status> HybridProvider::stream(const ChatRequest& request, const CallContext& ctx,
                                               ChunkSink& sink) {
  return provider(choose(request)).stream(request, ctx, sink);
}

asio::awaitable<Result<EmbedResponse>> HybridProvider::embed(const EmbedRequest& request,
                                                             const CallContext& ctx) {
  return local_->embed(request, ctx);
}

asio::awaitable<Status> HybridProvider::probe(const CallContext& ctx) {
  for (Tier tier : {Tier::kLocal, Tier::kCloud}) {
    Status status = co_await provider(tier).probe(ctx);
    if (!status.is_ok()) {
      co_return Status(status.code(), std::string(tier_name(tier)) + ": " + status.message());
    }
  }
  co_return Status::OK();
}

std::unique_ptr<HybridProvider> make_hybrid_provider(std::unique_ptr<LanguageModelProvider> local,
                                                     std::unique_ptr<LanguageModelProvider> cloud,
                                                     HybridProvider::Rule rule) {
  return std::make_unique<HybridProvider>(std::move(local), std::move(cloud), std::move(rule));
}

}  // namespace splitpoint
