#include "policy/complexity_policy.h"

#include "policy/format.h"

namespace splitpoint::policy {

void ComplexityPolicy::evaluate(const RequestFacts& facts,
                                const std::vector<Candidate>& /*candidates*/,
                                Verdict& verdict) const {
  if (verdict.forced) return;
  complexity::Explanation e = model_->explain(facts.features, 3);
  const bool cloud = e.score > threshold_;
  verdict.score = e.score;
  verdict.preferred = cloud ? Tier::kCloud : Tier::kLocal;
  int decimals = 2;  // more when the two would print alike ("0.503 > 0.500")
  while (decimals < 6 && e.score != threshold_ &&
         fixed(e.score, decimals) == fixed(threshold_, decimals)) {
    ++decimals;
  }
  std::string reason = "complexity: " + fixed(e.score, decimals) + (cloud ? " > " : " <= ") +
                       fixed(threshold_, decimals) + " -> " + tier_name(*verdict.preferred);
  if (!e.top_factors.empty()) {
    reason += " (";
    for (std::size_t i = 0; i < e.top_factors.size(); ++i) {
      if (i > 0) reason += ", ";
      reason += e.top_factors[i];
    }
    reason += ')';
  }
  verdict.reasons.push_back(std::move(reason));
}

}  // namespace splitpoint::policy
