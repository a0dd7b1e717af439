// task: the X-Splitpoint-Task header names a task; router.task_routes maps task names to the tier
// that must serve them. Unknown task names are ignored (with a reason). A pin evaluated earlier
// wins over a task route: the route is then ignored with a reason.
#pragma once

#include <map>
#include <string>

#include "policy/policy.h"

namespace splitpoint::policy {

class TaskPolicy final : public Policy {
 public:
  explicit TaskPolicy(const std::map<std::string, Tier>& routes)
      : routes_(routes.begin(), routes.end()) {}
  std::string_view name() const override { return "task"; }
  void evaluate(const RequestFacts& facts, const std::vector<Candidate>& candidates,
                Verdict& verdict) const override;

 private:
  std::map<std::string, Tier, std::less<>> routes_;  // transparent: lookup by string_view
};

}  // namespace splitpoint::policy
