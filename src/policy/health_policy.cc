#include "policy/health_policy.h"

namespace splitpoint::policy {

void HealthPolicy::evaluate(const RequestFacts& /*facts*/, const std::vector<Candidate>& candidates,
                            Verdict& verdict) const {
  const Tier target = verdict.target();
  const bool target_was_usable = tier_usable(verdict, candidates, target);
  std::string down;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i].healthy || verdict.is_excluded(i)) continue;
    verdict.exclude(i);
    if (!down.empty()) down += ", ";
    down.append(candidates[i].name);
  }
  if (down.empty()) return;
  std::string reason = "health: " + down + " unhealthy";
  if (target_was_usable && !tier_usable(verdict, candidates, target)) {
    reason.append("; ").append(tier_name(target)).append(" tier down");
  }
  verdict.reasons.push_back(std::move(reason));
}

}  // namespace splitpoint::policy
