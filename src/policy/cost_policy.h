// cost: enforces router.daily_cloud_budget_usd (no effect when 0). The estimated cost of the
// request on the cloud is its input estimate and expected output at the prices of the first
// usable cloud candidate. When today's spend has reached the budget, or this request would
// exceed it:
//   over_budget: local   the cloud tier is not allowed ("cost: ... -> cloud not allowed");
//   over_budget: refuse  a request heading for the cloud (forced or preferred, or the local tier
//                        is unusable) is refused with kResourceExhausted; one heading for the
//                        local tier goes on without the cloud.
// A request heading for the cloud within budget gets a reason with its estimate.
#pragma once

#include "config/config.h"
#include "policy/budget.h"
#include "policy/policy.h"

namespace splitpoint::policy {

class CostPolicy final : public Policy {
 public:
  // `budget` (borrowed, may be null: spend counts as 0) must outlive the policy.
  CostPolicy(double daily_budget_usd, config::RouterConfig::OverBudget over_budget,
             const Budget* budget)
      : limit_(daily_budget_usd), over_budget_(over_budget), budget_(budget) {}
  std::string_view name() const override { return "cost"; }
  void evaluate(const RequestFacts& facts, const std::vector<Candidate>& candidates,
                Verdict& verdict) const override;

 private:
  double limit_;
  config::RouterConfig::OverBudget over_budget_;
  const Budget* budget_;
};

}  // namespace splitpoint::policy
