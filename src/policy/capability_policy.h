// capability: excludes the candidates that cannot serve the request: image parts need `vision`,
// tool definitions need `tools`, and an input estimate above a known `context_tokens` does not
// fit. A tier left with no candidate is not allowed. The reason names the skipped providers:
//   "capability: ollama skipped (no vision); no local provider fits".
#pragma once

#include "policy/policy.h"

namespace splitpoint::policy {

class CapabilityPolicy final : public Policy {
 public:
  std::string_view name() const override { return "capability"; }
  void evaluate(const RequestFacts& facts, const std::vector<Candidate>& candidates,
                Verdict& verdict) const override;

  // Why `c` cannot serve the request ("no vision", "context 8192 < 9000 tokens"), or "".
  static std::string problem(const RequestFacts& facts, const Candidate& c);
};

}  // namespace splitpoint::policy
