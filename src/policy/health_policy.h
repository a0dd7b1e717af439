// health: excludes the candidates whose provider is currently unhealthy (Candidate::healthy, filled
// from the HealthBoard), so neither the primary nor the fallback list contains them. Reason:
// "health: ollama unhealthy; local tier down" (the tier part when the tier the request heads
// for has no healthy candidate left).
#pragma once

#include "policy/policy.h"

namespace splitpoint::policy {

class HealthPolicy final : public Policy {
 public:
  std::string_view name() const override { return "health"; }
  void evaluate(const RequestFacts& facts, const std::vector<Candidate>& candidates,
                Verdict& verdict) const override;
};

}  // namespace splitpoint::policy
