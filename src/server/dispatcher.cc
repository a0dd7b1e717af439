#include "server/dispatcher.h"

#include <algorithm>
#include <map>
#include <random>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include "ledger/features.h"
#include "server/attempt.h"

namespace splitpoint::server {
namespace {

using router::Plan;
namespace asio = boost::asio;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

}  // namespace

bool worth_falling_back(const Status& status) {
  switch (status.code()) {
    case StatusCode::kUpstream:
    case StatusCode::kUnavailable:
    case StatusCode::kResourceExhausted:
    case StatusCode::kDeadlineExceeded:
      return true;
    default:
      return false;
  }
}

std::chrono::milliseconds backoff(int n) {
  thread_local std::minstd_rand rng{std::random_device{}()};
  const int64_t base = 100LL << std::clamp(n - 1, 0, 5);
  std::uniform_int_distribution<int64_t> jitter(base / 2, base + base / 2);
  return std::chrono::milliseconds(std::min<int64_t>(jitter(rng), 2000));
}

ProviderDispatcher::ProviderDispatcher(const router::Planner& planner, SharedState& state,
                                       std::vector<std::unique_ptr<LanguageModelProvider>> providers)
    : planner_(planner), state_(state), providers_(std::move(providers)) {}

Result<api::Route> ProviderDispatcher::route_chat(const ChatRequest& request,
                                                  const api::RouteHints& hints) {
  const std::size_t max_messages = planner_.config().server.max_messages;
  if (request.messages.size() > max_messages) {
    return Status::invalid("too many messages: " + std::to_string(request.messages.size()) +
                           " (server.max_messages is " + std::to_string(max_messages) + ")");
  }
  const bool keep_facts = planner_.config().ledger.enabled;
  policy::RequestFacts facts;
  auto plan = std::make_shared<Plan>(planner_.plan_chat(request, hints.pinned_tier, hints.task,
                                                        keep_facts ? &facts : nullptr));
  if (!plan->ok()) return plan->refusal;
  api::Route route = route_of(std::move(plan), planner_.config());
  if (facts.request != nullptr) route.features = ledger::capture_features(facts);
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

void ProviderDispatcher::record(std::size_t i, const Status& status, double ttft_ms,
                                double total_ms, const std::optional<Usage>& usage,
                                const CallReport& report) {
  if (status.is_ok()) {
    state_.health.record_success(i);
    const int64_t out = usage ? usage->completion_tokens : 0;
    state_.latency.observe(i, ttft_ms, out, ttft_ms > 0 ? total_ms - ttft_ms : total_ms);
    const ProviderDescriptor& p = planner_.config().providers[i];
    if (usage && p.tier == Tier::kCloud) {
      state_.budget.record(policy::cost_usd(p, usage->prompt_tokens, usage->completion_tokens));
    }
  } else if (status.code() == StatusCode::kResourceExhausted) {
    // Rate limited: busy, not broken. Held for its Retry-After (1 s when it gave none).
    const auto wait = report.retry_after.count() >= 0 ? report.retry_after
                                                      : std::chrono::milliseconds(1000);
    state_.health.hold(i, Clock::now() + wait);
    state_.health.release(i);
  } else if (worth_falling_back(status)) {
    state_.health.record_failure(i);
  } else {
    state_.health.release(i);
  }
}

void ProviderDispatcher::fall_back(api::Route& route, const Plan& plan, std::size_t k,
                                   const Status& why) {
  const ProviderDescriptor& p = planner_.config().providers[plan.order[k]];
  route.fallbacks.push_back(route.provider);
  spdlog::warn("fallback: {} failed ({}) -> {}", route.provider, why.message(), p.name);
  route.reason += "; fallback: " + route.provider + " failed (" + why.message().substr(0, 120) +
                  ") -> " + p.name;
  route.provider = p.name;
  route.tier = p.tier;
  route.model = plan.models[k];
  route.provider_index = plan.order[k];
}

namespace {

// A provider's call slot (max_concurrent), released at scope exit.
struct SlotHold {
  CallSlots& slots;
  std::size_t i;
  ~SlotHold() { slots.release(i); }
};

bool worth_retrying(const Status& s) {
  return s.code() == StatusCode::kUpstream || s.code() == StatusCode::kUnavailable ||
         s.code() == StatusCode::kResourceExhausted;
}

}  // namespace

asio::awaitable<Status> ProviderDispatcher::try_provider(api::Route& route, std::size_t k,
                                                         const ChatRequest& request,
                                                         Attempt& attempt,
                                                         Clock::time_point deadline,
                                                         int& attempts) {
  auto& plan = *std::static_pointer_cast<Plan>(route.plan);
  const std::size_t i = plan.order[k];
  LanguageModelProvider& provider = *providers_[i];
  const bool masked = plan.redactions > 0 && provider.descriptor().tier == Tier::kCloud;
  if (masked) {
    planner_.mask(request, plan);
    route.redactions = plan.redactions;
  }
  const ChatRequest& sent = masked ? *plan.masked : request;
  const privacy::Redaction* redaction = masked ? plan.redaction.get() : nullptr;
  const int max_attempts = planner_.config().router.max_attempts;
  for (int n = 0;; ++n) {
    CallReport report;
    CallContext ctx;
    ctx.deadline = deadline;
    ctx.upstream_model = plan.models[k];
    ctx.report = &report;
    const auto t0 = Clock::now();
    Status s = co_await attempt.call(provider, sent, ctx, redaction);
    ++attempts;
    record(i, s, attempt.ttft_ms(), ms_since(t0), attempt.usage(), report);
    if (s.is_ok() || attempt.delivered() || !worth_retrying(s) ||
        n >= provider.descriptor().retries || attempts >= max_attempts) {
      co_return s;
    }
    auto wait = backoff(n + 1);
    if (s.code() == StatusCode::kResourceExhausted) {
      if (report.retry_after.count() < 0) co_return s;  // no hint: try another provider instead
      wait = std::max(wait, report.retry_after);
    }
    if (Clock::now() + wait >= deadline) co_return s;  // never sleep past the deadline
    spdlog::warn("retry {} on {} in {} ms after: {}", n + 1, provider.descriptor().name,
                 wait.count(), s.message());
    asio::steady_timer timer(co_await asio::this_coro::executor, wait);
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec) co_return Status::cancelled("cancelled while waiting to retry");
    if (!state_.health.admit(i) && plan.order.size() > 1) co_return s;  // held meanwhile
  }
}

asio::awaitable<Status> ProviderDispatcher::run_plan(api::Route& route,
                                                     const ChatRequest& request,
                                                     Attempt& attempt, ChunkSink* sink) {
  auto& plan = *std::static_pointer_cast<Plan>(route.plan);
  const config::Config& config = planner_.config();
  const Clock::time_point deadline = Clock::now() + config.server.request_timeout;
  // With no alternative the breaker does not refuse: the client named this provider.
  const bool gated = plan.order.size() > 1;
  int attempts = 0;
  bool tried = false;
  bool full = false;
  Status last = Status::unavailable("no provider of the plan is available");
  for (std::size_t k = 0, next = 1; k < plan.order.size(); k = next, next = k + 1) {
    if (attempts >= config.router.max_attempts || Clock::now() >= deadline) break;
    const std::size_t i = plan.order[k];
    const ProviderDescriptor& p = config.providers[i];
    if (gated && !state_.health.admit(i)) {
      if (!tried) last = Status::unavailable(p.name + " skipped: circuit open or rate limited");
      continue;
    }
    if (!state_.slots.acquire(i)) {
      state_.health.release(i);
      full = true;
      if (!tried) {
        last = Status(StatusCode::kResourceExhausted,
                      p.name + " is at max_concurrent (" + std::to_string(p.max_concurrent) + ")");
      }
      continue;
    }
    const SlotHold hold{state_.slots, i};
    if (i != route.provider_index) fall_back(route, plan, k, last);
    if (p.hedge_after.count() > 0 && k + 1 < plan.order.size()) {
      last = co_await hedge(route, k, request, attempt, sink, deadline, attempts, next);
    } else {
      last = co_await try_provider(route, k, request, attempt, deadline, attempts);
    }
    tried = true;
    if (last.is_ok() || attempt.delivered() || !worth_falling_back(last)) co_return last;
  }
  if (!tried && full) {
    co_return Status(StatusCode::kResourceExhausted,
                     "every candidate provider is busy (max_concurrent); retry later");
  }
  co_return last;
}

boost::asio::awaitable<Result<ChatResponse>> ProviderDispatcher::complete(
    api::Route& route, const ChatRequest& request) {
  CompleteAttempt attempt;
  Status s = co_await run_plan(route, request, attempt, nullptr);
  if (!s.is_ok()) co_return s;
  co_return std::move(*attempt.answer);
}

boost::asio::awaitable<Status> ProviderDispatcher::stream(api::Route& route,
                                                          const ChatRequest& request,
                                                          ChunkSink& sink) {
  StreamAttempt attempt(sink);
  co_return co_await run_plan(route, request, attempt, &sink);
}

boost::asio::awaitable<Result<EmbedResponse>> ProviderDispatcher::embed(
    const api::Route& route, const EmbedRequest& request) {
  CallContext ctx;
  ctx.deadline = Clock::now() + planner_.config().server.request_timeout;
  ctx.upstream_model = route.model;
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
