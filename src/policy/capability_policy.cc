#include "policy/capability_policy.h"

namespace splitpoint::policy {

std::string CapabilityPolicy::problem(const RequestFacts& facts, const Candidate& c) {
  if (facts.has_image && !c.vision) return "no vision";
  if (facts.has_tools && !c.tools) return "no tools";
  if (c.context_tokens > 0 && facts.input_tokens > c.context_tokens) {
    return "context " + std::to_string(c.context_tokens) + " < " +
           std::to_string(facts.input_tokens) + " tokens";
  }
  return "";
}

void CapabilityPolicy::evaluate(const RequestFacts& facts, const std::vector<Candidate>& candidates,
                                Verdict& verdict) const {
  std::string skipped;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (verdict.is_excluded(i)) continue;
    std::string why = problem(facts, candidates[i]);
    if (why.empty()) continue;
    verdict.exclude(i);
    if (!skipped.empty()) skipped += ", ";
    skipped.append(candidates[i].name).append(" skipped (").append(why).append(")");
  }
  if (skipped.empty()) return;
  for (Tier t : {Tier::kLocal, Tier::kCloud}) {
    if (verdict.allowed[tier_index(t)] && !tier_usable(verdict, candidates, t)) {
      verdict.allowed[tier_index(t)] = false;
      skipped.append("; no ").append(tier_name(t)).append(" provider fits");
    }
  }
  verdict.reasons.push_back("capability: " + std::move(skipped));
}

}  // namespace splitpoint::policy
