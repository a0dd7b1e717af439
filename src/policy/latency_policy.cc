#include "policy/latency_policy.h"

#include <algorithm>
#include <limits>

#include "policy/format.h"
#include "policy/latency_tracker.h"

namespace splitpoint::policy {
namespace {

// The fastest prediction among the usable candidates of `tier` (infinity if none).
double best_seconds(const Verdict& v, const std::vector<Candidate>& candidates, Tier tier,
                    int64_t output_tokens) {
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i].tier != tier || v.is_excluded(i)) continue;
    best = std::min(best, LatencyPolicy::predict_seconds(candidates[i], output_tokens));
  }
  return best;
}

}  // namespace

double LatencyPolicy::predict_seconds(const Candidate& c, int64_t output_tokens) {
  double ttft = c.ttft_ms > 0 ? c.ttft_ms : LatencyTracker::kDefaultTtftMs;
  double tps = c.tokens_per_sec > 0     ? c.tokens_per_sec
               : c.tier == Tier::kLocal ? LatencyTracker::kDefaultLocalTokensPerSec
                                        : LatencyTracker::kDefaultCloudTokensPerSec;
  return ttft / 1000.0 + static_cast<double>(output_tokens) / tps;
}

void LatencyPolicy::evaluate(const RequestFacts& facts, const std::vector<Candidate>& candidates,
                             Verdict& verdict) const {
  if (slo_ms_ <= 0 || verdict.forced || verdict.target() != Tier::kLocal) return;
  if (!tier_usable(verdict, candidates, Tier::kLocal) ||
      !tier_usable(verdict, candidates, Tier::kCloud)) {
    return;
  }
  const double slo = static_cast<double>(slo_ms_) / 1000.0;
  const double local = best_seconds(verdict, candidates, Tier::kLocal, facts.output_tokens);
  if (local <= slo) return;
  const double cloud = best_seconds(verdict, candidates, Tier::kCloud, facts.output_tokens);
  std::string reason = "latency: local " + fixed(local, 1) + " s > SLO " + trimmed(slo, 3) +
                       " s, cloud " + fixed(cloud, 1) + " s";
  if (cloud <= slo) {
    verdict.preferred = Tier::kCloud;
    reason += " -> cloud";
  } else {
    reason += " also > SLO; stays local";
  }
  verdict.reasons.push_back(std::move(reason));
}

}  // namespace splitpoint::policy
