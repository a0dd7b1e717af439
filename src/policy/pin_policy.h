// pin: the X-Splitpoint-Tier header forces a tier ("local" or "cloud", any case).
// Any other non-empty value refuses the request with kInvalidArgument.
#pragma once

#include <optional>
#include <string_view>

#include "policy/policy.h"

namespace splitpoint::policy {

// The tier an X-Splitpoint-Tier value names ("local" or "cloud", any case); nullopt for any
// other value, the empty one included.
std::optional<Tier> parse_pin(std::string_view value);

class PinPolicy final : public Policy {
 public:
  std::string_view name() const override { return "pin"; }
  void evaluate(const RequestFacts& facts, const std::vector<Candidate>& candidates,
                Verdict& verdict) const override;
};

}  // namespace splitpoint::policy
