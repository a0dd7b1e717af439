// pin: the X-Splitpoint-Tier header forces a tier ("local" or "cloud", any case).
// Any other non-empty value refuses the request with kInvalidArgument.
#pragma once

#include "policy/policy.h"

namespace splitpoint::policy {

class PinPolicy final : public Policy {
 public:
  std::string_view name() const override { return "pin"; }
  void evaluate(const RequestFacts& facts, const std::vector<Candidate>& candidates,
                Verdict& verdict) const override;
};

}  // namespace splitpoint::policy
