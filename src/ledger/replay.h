// `splitpoint replay`: runs the recorded requests' router inputs (RequestRecord::features, no
// prompt text) through another configuration's router with a neutral live state (latency seeds,
// every provider healthy, nothing spent today) and forecasts the local share, cost and latency
// that configuration would have produced, beside what actually happened.
//
// Per request: requests whose model is automatic under the NEW configuration and that carry
// features run its policy chain; explicit model names and aliases run its Router; embeddings
// its embedding routing. A request that was explicit when recorded but is automatic under NEW
// has no features and keeps its recorded tier (counted as `no_features`). Forecast latency: the
// recorded total when the same provider serves, else that provider's recorded mean TTFT and
// decode speed in the window (its descriptor seeds when it served nothing), plus the recorded
// output tokens. Forecast cost: the NEW cost model with the recorded tokens and forecast time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "config/config.h"
#include "ledger/sqlite.h"

namespace splitpoint::ledger {

struct Outcome {
  int64_t local = 0;
  int64_t cloud = 0;
  double local_share = 0;
  double cost_usd = 0;
  double cloud_cost_usd = 0;  // counterfactual (everything on the reference cloud)
  double savings_usd = 0;
  double p50_ms = 0;
  double p95_ms = 0;
};

struct ReplayResult {
  int64_t requests = 0;      // routed requests in the window
  int64_t changed = 0;       // requests whose forecast tier differs from the recorded one
  int64_t no_features = 0;   // kept their recorded tier (see above)
  int64_t unroutable = 0;    // NEW refuses them (unknown model, no provider, budget ...)
  Outcome actual;
  Outcome forecast;
};

// Progress callback: (rows done, rows total); may be empty.
using ReplayProgress = std::function<void(int64_t, int64_t)>;

// Errors: kInvalidArgument (not a ledger, NEW's planner cannot be built), kInternal (SQLite).
Result<ReplayResult> replay(Db& db, std::shared_ptr<const config::Config> next,
                            int64_t since_ms, int64_t until_ms,
                            const ReplayProgress& progress = {});

std::string replay_json(const ReplayResult& result);
std::string replay_table(const ReplayResult& result);

}  // namespace splitpoint::ledger
