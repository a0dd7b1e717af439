#include "policy/task_policy.h"

#include "policy/format.h"

namespace splitpoint::policy {

void TaskPolicy::evaluate(const RequestFacts& facts, const std::vector<Candidate>& /*candidates*/,
                          Verdict& verdict) const {
  if (facts.task.empty()) return;
  auto it = routes_.find(facts.task);
  if (it == routes_.end()) {
    verdict.reasons.push_back("task '" + sanitize(facts.task) + "' has no route; ignored");
    return;
  }
  const Tier tier = it->second;
  std::string reason = "task '" + sanitize(it->first) + "' -> " + tier_name(tier);
  if (verdict.forced && *verdict.forced != tier) {
    reason += std::string(" ignored: pinned to ") + tier_name(*verdict.forced);
  } else {
    verdict.forced = tier;
  }
  verdict.reasons.push_back(std::move(reason));
}

}  // namespace splitpoint::policy
