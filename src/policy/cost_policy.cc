#include "policy/cost_policy.h"

#include "policy/format.h"

namespace splitpoint::policy {

void CostPolicy::evaluate(const RequestFacts& facts, const std::vector<Candidate>& candidates,
                          Verdict& verdict) const {
  if (limit_ <= 0 || !tier_usable(verdict, candidates, Tier::kCloud)) return;
  const Candidate* cloud = nullptr;
  for (std::size_t i = 0; i < candidates.size() && cloud == nullptr; ++i) {
    if (candidates[i].tier == Tier::kCloud && !verdict.is_excluded(i)) cloud = &candidates[i];
  }
  const double estimate = cost_usd(cloud->price_in_per_m, cloud->price_out_per_m,
                                   facts.input_tokens, facts.output_tokens);
  const double spent = budget_ != nullptr ? budget_->spent_today() : 0;
  const bool to_cloud = verdict.target() == Tier::kCloud;
  if (spent < limit_ && spent + estimate <= limit_) {
    if (to_cloud) {
      verdict.reasons.push_back("cost: ~" + usd(estimate) + " (" + usd(spent) + " of " +
                                usd(limit_) + " spent today)");
    }
    return;
  }
  std::string what =
      spent >= limit_ ? "daily cloud budget " + usd(limit_) + " is spent (" + usd(spent) + " today)"
                      : "this request (~" + usd(estimate) +
                            ") would exceed the daily cloud "
                            "budget (" +
                            usd(spent) + " of " + usd(limit_) + " spent)";
  const bool refuse = over_budget_ == config::RouterConfig::OverBudget::kRefuse &&
                      (to_cloud || !tier_usable(verdict, candidates, Tier::kLocal));
  if (refuse) {
    verdict.refusal =
        Status(StatusCode::kResourceExhausted, what + " (router.over_budget: refuse)");
    verdict.reasons.push_back("cost: " + what + " -> refused");
    return;
  }
  verdict.allowed[tier_index(Tier::kCloud)] = false;
  verdict.reasons.push_back("cost: " + what + " -> cloud not allowed");
}

}  // namespace splitpoint::policy
