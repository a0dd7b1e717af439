// The Dispatcher the front doors call: plans each request with the Planner, then calls the
// planned providers in order (falling back when one fails before answering), masks what goes to
// the cloud and restores the answers, and feeds the live state (latency, health, spend).
// Resilience (docs/resilience.md): at most router.max_attempts upstream calls per request, each
// provider retried up to its `retries` with jittered backoff; providers whose circuit is open,
// that are held by a 429, or at their max_concurrent are skipped; a 429's Retry-After holds the
// provider; nothing falls back once a byte reached the client.
// One per worker; bound to that worker's thread; not thread-safe. The planner and live state are
// shared by all workers (both thread-safe).
#pragma once

#include <memory>
#include <vector>

#include "api/dispatcher.h"
#include "api/request_record.h"
#include "ledger/cost_model.h"
#include "metrics/live_stats.h"
#include "policy/budget.h"
#include "policy/health_board.h"
#include "policy/latency_tracker.h"
#include "router/planner.h"
#include "server/shared_state.h"
#include "splitpoint/provider.h"

namespace splitpoint::server {

// Live state shared by every worker; owned by the Gateway. `counters` outlive a reload (pass the
// previous generation's); null: fresh ones.
struct SharedState {
  explicit SharedState(const config::Config& config, std::shared_ptr<Counters> counters = nullptr)
      : latency(config.providers),
        health(config.providers.size(),
               policy::HealthBoard::Options{config.circuit.failures, config.circuit.cooldown}),
        budget(config.router.daily_cloud_budget_usd),
        counters(counters ? std::move(counters) : std::make_shared<Counters>()),
        slots(config.providers),
        loaded(config.providers.size()),
        cost(config) {}
  policy::LatencyTracker latency;
  policy::HealthBoard health;
  policy::Budget budget;
  std::shared_ptr<Counters> counters;
  CallSlots slots;
  LoadedModels loaded;
  // Every finished request goes here (the ledger, the metrics); owned by the Gateway, the same
  // list for every generation. Null: nothing is recorded.
  std::shared_ptr<api::RecorderList> recorders;
  ledger::CostModel cost;  // fills each record's cost before the recorders see it
  // What /metrics and /ui show; one per Gateway, kept across reloads (null in bare tests).
  std::shared_ptr<metrics::LiveStats> stats;
  policy::LiveState view() const { return {&latency, &health, &budget}; }
};

class ProviderDispatcher : public api::Dispatcher {
 public:
  // `providers` are parallel to planner.config().providers. `planner` and `state` are borrowed
  // and must outlive the dispatcher.
  ProviderDispatcher(const router::Planner& planner, SharedState& state,
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
  class Attempt;
  class CompleteAttempt;
  class StreamAttempt;
  // Runs `attempt` on the plan's providers in order, with retries, skips and fallbacks as above.
  boost::asio::awaitable<Status> run_plan(api::Route& route, const ChatRequest& request,
                                          Attempt& attempt, ChunkSink* sink);
  // One provider's turn: up to 1 + retries calls while the failure is worth retrying.
  boost::asio::awaitable<Status> try_provider(api::Route& route, std::size_t k,
                                              const ChatRequest& request, Attempt& attempt,
                                              Clock::time_point deadline, int& attempts);
  // Entry k with entry k+1 as its hedge (docs/resilience.md); `sink` is the stream's (null for
  // whole answers). Sets `next` to the plan entry to try after a failure.
  boost::asio::awaitable<Status> hedge(api::Route& route, std::size_t k,
                                       const ChatRequest& request, Attempt& attempt,
                                       ChunkSink* sink, Clock::time_point deadline, int& attempts,
                                       std::size_t& next);
  // Records the outcome of a call to provider `i` in the live state.
  void record(std::size_t i, const Status& status, double ttft_ms, double total_ms,
              const std::optional<Usage>& usage, const CallReport& report);
  // Switches `route` to entry `k` of its plan after the previous provider failed with `why`.
  void fall_back(api::Route& route, const router::Plan& plan, std::size_t k, const Status& why);

  const router::Planner& planner_;
  SharedState& state_;
  std::vector<std::unique_ptr<LanguageModelProvider>> providers_;
};

// The Route a plan starts on (its first provider); keeps the plan for the calls.
api::Route route_of(std::shared_ptr<const router::Plan> plan, const config::Config& config);

// True for failures another provider may not share (connection errors, 5xx, 429, overload,
// timeouts, unparseable answers).
bool worth_falling_back(const Status& status);
// The wait before retry `n` (1, 2, ...) on the same provider: 100 ms * 2^(n-1), jittered to
// 50..150 %, at most 2 s.
std::chrono::milliseconds backoff(int n);

}  // namespace splitpoint::server
