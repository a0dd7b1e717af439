// The live state the routing decision reads besides the Config: latency estimates, provider
// health and the day's cloud spend. All borrowed, all optional (null: seeds from the descriptors,
// everyone healthy, nothing spent); each is thread-safe on its own.
#pragma once

#include <vector>

#include "config/config.h"
#include "policy/budget.h"
#include "policy/health_board.h"
#include "policy/latency_tracker.h"
#include "policy/policy.h"

namespace splitpoint::policy {

struct LiveState {
  const LatencyTracker* latency = nullptr;
  const HealthBoard* health = nullptr;
  const Budget* budget = nullptr;
};

// One Candidate per provider of `config` that has a chat model, in file order, with the live
// estimates and health of `live` as of `now`. Candidate::name borrows from `config`.
std::vector<Candidate> make_candidates(const config::Config& config, const LiveState& live,
                                       Clock::time_point now = Clock::now());

}  // namespace splitpoint::policy
