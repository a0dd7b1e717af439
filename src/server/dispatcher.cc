#include "server/dispatcher.h"

#include <map>

#include "ledger/features.h"
#include "server/restoring_sink.h"

namespace splitpoint::server {
namespace {

using router::Plan;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

}  // namespace

bool worth_falling_back(const Status& status) {
  switch (status.code()) {
    case StatusCode::kUpstream:
    case StatusCode::kUnavailable:
    case StatusCode::kResourceExhausted:
      return true;
    default:
      return false;
  }
}

ProviderDispatcher::ProviderDispatcher(const router::Planner& planner, SharedState& state,
                                       std::vector<std::unique_ptr<LanguageModelProvider>> providers)
    : planner_(planner), state_(state), providers_(std::move(providers)) {}

Result<api::Route> ProviderDispatcher::route_chat(const ChatRequest& request,
                                                  const api::RouteHints& hints) {
  const bool keep_facts = planner_.config().ledger.enabled;
  policy::RequestFacts facts;
  auto plan = std::make_shared<Plan>(planner_.plan_chat(request, hints.pinned_tier, hints.task,
                                                        keep_facts ? &facts : nullptr));
  if (!plan->ok()) return plan->refusal;
  api::Route route = route_of(std::move(plan), planner_.config());
  if (facts.request != nullptr) route.features = ledger::encode_features(facts);
  return route;
}

api::Route route_of(std::shared_ptr<const router::Plan> plan, const config::Config& config) {
  const std::size_t i = plan->order.front();
  api::Route route{config.providers[i].tier, config.providers[i].name, plan->models.front(),
                   plan->reason(), i};
  route.reasons = plan->reasons;
  route.redactions = plan->redactions;
  route.score = plan->score;
  route.plan = std::const_pointer_cast<router::Plan>(std::move(plan));
  return route;
}

Result<api::Route> ProviderDispatcher::route_embed(const EmbedRequest& request,
                                                   const api::RouteHints& hints) {
  auto d = planner_.plan_embed(request, hints.pinned_tier);
  if (!d.ok()) return d.status();
  return api::Route{d->tier, planner_.config().providers[d->provider_index].name, d->model,
                    d->reason, d->provider_index};
}

CallContext ProviderDispatcher::context(const std::string& model) const {
  CallContext ctx;
  ctx.deadline = Clock::now() + planner_.config().server.request_timeout;
  ctx.upstream_model = model;
  return ctx;
}

void ProviderDispatcher::record(std::size_t i, const Status& status, double ttft_ms,
                                double total_ms, const std::optional<Usage>& usage) {
  if (status.is_ok()) {
    state_.health.record_success(i);
    const int64_t out = usage ? usage->completion_tokens : 0;
    state_.latency.observe(i, ttft_ms, out, ttft_ms > 0 ? total_ms - ttft_ms : total_ms);
    const ProviderDescriptor& p = planner_.config().providers[i];
    if (usage && p.tier == Tier::kCloud) {
      state_.budget.record(policy::cost_usd(p, usage->prompt_tokens, usage->completion_tokens));
    }
  } else if (worth_falling_back(status) || status.code() == StatusCode::kDeadlineExceeded) {
    state_.health.record_failure(i);
  }
}

void ProviderDispatcher::fall_back(api::Route& route, const Plan& plan, std::size_t k,
                                   const Status& why) {
  const ProviderDescriptor& p = planner_.config().providers[plan.order[k]];
  route.fallbacks.push_back(route.provider);
  route.reason += "; fallback: " + route.provider + " failed (" + why.message().substr(0, 120) +
                  ") -> " + p.name;
  route.provider = p.name;
  route.tier = p.tier;
  route.model = plan.models[k];
  route.provider_index = plan.order[k];
}

boost::asio::awaitable<Result<ChatResponse>> ProviderDispatcher::complete(
    api::Route& route, const ChatRequest& request) {
  auto& plan = *std::static_pointer_cast<Plan>(route.plan);
  Status last;
  for (std::size_t k = 0; k < plan.order.size(); ++k) {
    const std::size_t i = plan.order[k];
    if (k > 0) fall_back(route, plan, k, last);
    const bool masked = plan.redactions > 0 && providers_[i]->descriptor().tier == Tier::kCloud;
    if (masked) {
      planner_.mask(request, plan);
      route.redactions = plan.redactions;
    }
    const CallContext ctx = context(plan.models[k]);  // named: GCC 12 mishandles temporaries
    const auto t0 = Clock::now();
    Result<ChatResponse> answer = co_await providers_[i]->complete(masked ? *plan.masked : request,
                                                                   ctx);
    const std::optional<Usage> usage = answer.ok() ? answer->usage : std::nullopt;
    record(i, answer.status(), -1, ms_since(t0), usage);
    if (answer.ok()) {
      if (masked) plan.redaction->restore(*answer);
      co_return answer;
    }
    last = answer.status();
    if (!worth_falling_back(last)) break;
  }
  co_return last;
}

boost::asio::awaitable<Status> ProviderDispatcher::stream(api::Route& route,
                                                          const ChatRequest& request,
                                                          ChunkSink& sink) {
  auto& plan = *std::static_pointer_cast<Plan>(route.plan);
  Status last;
  for (std::size_t k = 0; k < plan.order.size(); ++k) {
    const std::size_t i = plan.order[k];
    if (k > 0) fall_back(route, plan, k, last);
    const bool masked = plan.redactions > 0 && providers_[i]->descriptor().tier == Tier::kCloud;
    if (masked) {
      planner_.mask(request, plan);
      route.redactions = plan.redactions;
    }
    RestoringSink watch(sink, masked ? plan.redaction.get() : nullptr);
    const CallContext ctx = context(plan.models[k]);
    last = co_await providers_[i]->stream(masked ? *plan.masked : request, ctx, watch);
    if (last.is_ok()) last = co_await watch.finish();
    record(i, last, watch.ttft_ms(), watch.total_ms(), watch.usage());
    if (last.is_ok() || watch.delivered() || !worth_falling_back(last)) break;
  }
  co_return last;
}

boost::asio::awaitable<Result<EmbedResponse>> ProviderDispatcher::embed(
    const api::Route& route, const EmbedRequest& request) {
  const CallContext ctx = context(route.model);
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
  const auto& cfg = planner_.config();
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
