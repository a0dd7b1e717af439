// The routing decision as the gateway makes it per request: Planner::plan_chat() on a request
// whose user message carries a contract of about 8,000 tokens (32 KB), with and without planted
// personal data (with: the request is also copied and masked). Besides Google Benchmark's mean,
// each benchmark reports p50 and p99 of single decisions as counters (the target: p99 < 50 us).
// BM_DecisionShortCold: a short chat request (~800 characters) decided with warm caches (arg 0)
// and after writing 64 MB, more than the last-level cache (arg 64): the first request after an
// idle spell, as at 1 connection.
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "config/config.h"
#include "privacy/contract_text.h"
#include "router/planner.h"
#include "server/dispatcher.h"

namespace {

using namespace splitpoint;

// A `model: auto` chat request of one system and one user message.
ChatRequest auto_chat(std::string system, std::string user) {
  ChatRequest r;
  r.model = "auto";
  r.messages.resize(2);
  r.messages[0].role = "system";
  r.messages[0].parts.push_back({ContentPart::Kind::kText, std::move(system), ""});
  r.messages[1].role = "user";
  r.messages[1].parts.push_back({ContentPart::Kind::kText, std::move(user), ""});
  return r;
}

ChatRequest contract_request(bool planted) {
  return auto_chat("You are a careful contracts analyst.",
                   "Extract every supplier obligation from this contract and rank them by "
                   "risk.\n\n" + bench::contract_text(32 * 1024, planted));
}

// Times single plan_chat() calls on `request`; with evict_mb > 0 the caches are flushed before
// each (outside the timing) by writing that many MB.
void run(benchmark::State& state, const ChatRequest& request, std::size_t evict_mb) {
  auto config = std::make_shared<const config::Config>(config::default_config());
  server::SharedState live(*config);
  auto planner = router::Planner::create(config, live.view());
  if (!planner.ok()) {
    state.SkipWithError(planner.status().message().c_str());
    return;
  }
  std::vector<char> evict(evict_mb << 20);
  std::vector<double> us;
  us.reserve(1 << 16);
  for (auto _ : state) {
    if (!evict.empty()) {
      state.PauseTiming();
      for (std::size_t i = 0; i < evict.size(); i += 64) evict[i] = static_cast<char>(evict[i] + 1);
      benchmark::ClobberMemory();
      state.ResumeTiming();
    }
    const auto t0 = std::chrono::steady_clock::now();
    router::Plan plan = (*planner)->plan_chat(request, "", "");
    benchmark::DoNotOptimize(plan);
    us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0)
                     .count());
  }
  std::sort(us.begin(), us.end());
  auto at = [&us](double p) { return us[static_cast<std::size_t>(p * (us.size() - 1))]; };
  state.counters["p50_us"] = at(0.50);
  state.counters["p99_us"] = at(0.99);
  state.counters["bytes"] = static_cast<double>(request.messages[1].parts[0].text.size());
}

ChatRequest short_request() {
  return auto_chat(
      "You are a senior backend engineer. Answer questions about networking, HTTP proxies and "
      "distributed systems precisely and concisely. Prefer concrete numbers and configuration "
      "examples over general advice. When a question is ambiguous, state your assumption first. "
      "Do not invent APIs or flags. Keep answers under 200 words unless asked for more detail.",
      "We are building an OpenAI-compatible LLM gateway in C++ that forwards chat completion "
      "requests to several upstream inference servers. Explain briefly why upstream connection "
      "pooling matters for latency, and what pool size and idle timeout you would start with for "
      "about 500 requests per second spread over 4 upstream hosts.");
}

void BM_DecisionClean(benchmark::State& state) { run(state, contract_request(false), 0); }
void BM_DecisionWithPersonalData(benchmark::State& state) {
  run(state, contract_request(true), 0);
}
void BM_DecisionShortCold(benchmark::State& state) {
  run(state, short_request(), static_cast<std::size_t>(state.range(0)));
}
BENCHMARK(BM_DecisionClean)->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(BM_DecisionWithPersonalData)->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(BM_DecisionShortCold)->Arg(0)->Arg(64)->Unit(benchmark::kMicrosecond)->Iterations(300);

}  // namespace

BENCHMARK_MAIN();
