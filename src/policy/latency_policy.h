// latency: with an objective (router.latency_slo_ms > 0), predicts each tier's answer time from
// the live estimates carried by the candidates:
//     predicted = ttft_ms / 1000 + output_tokens / tokens_per_sec   (seconds)
// (prefill is not modelled separately: the TTFT estimate is measured on real prompts and
// includes it), taking a tier's fastest usable candidate. When the request heads for the local
// tier, the local prediction misses the objective and the cloud's meets it, the cloud is
// preferred: "latency: local 55.6 s > SLO 20 s, cloud 12.5 s -> cloud". Never steers away from
// the cloud and does nothing for a forced tier.
#pragma once

#include <cstdint>

#include "policy/policy.h"

namespace splitpoint::policy {

class LatencyPolicy final : public Policy {
 public:
  explicit LatencyPolicy(int64_t slo_ms) : slo_ms_(slo_ms) {}
  std::string_view name() const override { return "latency"; }
  void evaluate(const RequestFacts& facts, const std::vector<Candidate>& candidates,
                Verdict& verdict) const override;

  // Predicted seconds for `c` to produce `output_tokens` (unknown estimates: the defaults of
  // LatencyTracker::seed()).
  static double predict_seconds(const Candidate& c, int64_t output_tokens);

 private:
  int64_t slo_ms_;
};

}  // namespace splitpoint::policy
