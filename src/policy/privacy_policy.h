// privacy: acts on the findings make_facts() computed (personal or secret values in the request).
//   off         findings are ignored.
//   local-only  a request with findings may not go to the cloud: the cloud tier is not allowed
//               and the verdict is fail_closed (never falls back to the cloud; if the local tier
//               is down the request fails).
//   redact      the cloud stays allowed; redact is set, so the values are masked before any cloud
//               call and restored in the answer.
// The reason names the count and kinds, never the values:
//   "privacy: 2 values (email, iban) -> masked before the cloud".
#pragma once

#include "config/config.h"
#include "policy/policy.h"

namespace splitpoint::policy {

class PrivacyPolicy final : public Policy {
 public:
  explicit PrivacyPolicy(config::RouterConfig::PrivacyMode mode) : mode_(mode) {}
  std::string_view name() const override { return "privacy"; }
  void evaluate(const RequestFacts& facts, const std::vector<Candidate>& candidates,
                Verdict& verdict) const override;

  // "2 values (email, iban)": the count and the distinct kinds in Kind order.
  static std::string describe(const std::vector<privacy::Finding>& findings);

 private:
  config::RouterConfig::PrivacyMode mode_;
};

}  // namespace splitpoint::policy
