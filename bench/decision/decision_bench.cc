// The routing decision as the gateway makes it per request: Planner::plan_chat() on a request
// whose user message carries a contract of about 8,000 tokens (32 KB), with and without planted
// personal data (with: the request is also copied and masked). Besides Google Benchmark's mean,
// each benchmark reports p50 and p99 of single decisions as counters (the target: p99 < 50 us).
#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

#include <benchmark/benchmark.h>

#include "config/config.h"
#include "privacy/contract_text.h"
#include "router/planner.h"
#include "server/dispatcher.h"

namespace {

using namespace splitpoint;

ChatRequest contract_request(bool planted) {
  ChatRequest r;
  r.model = "auto";
  Message sys;
  sys.role = "system";
  sys.parts.push_back({ContentPart::Kind::kText, "You are a careful contracts analyst.", ""});
  Message user;
  user.role = "user";
  user.parts.push_back({ContentPart::Kind::kText,
                        "Extract every supplier obligation from this contract and rank them by "
                        "risk.\n\n" + bench::contract_text(32 * 1024, planted),
                        ""});
  r.messages = {sys, user};
  return r;
}

void run(benchmark::State& state, bool planted) {
  auto config = std::make_shared<const config::Config>(config::default_config());
  server::SharedState live(*config);
  auto planner = router::Planner::create(config, live.view());
  if (!planner.ok()) {
    state.SkipWithError(planner.status().message().c_str());
    return;
  }
  const ChatRequest request = contract_request(planted);
  std::vector<double> us;
  us.reserve(1 << 16);
  for (auto _ : state) {
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

void BM_DecisionClean(benchmark::State& state) { run(state, false); }
void BM_DecisionWithPersonalData(benchmark::State& state) { run(state, true); }
BENCHMARK(BM_DecisionClean)->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(BM_DecisionWithPersonalData)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
