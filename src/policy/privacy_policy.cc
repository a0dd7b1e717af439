#include "policy/privacy_policy.h"

namespace splitpoint::policy {
namespace {

constexpr privacy::Kind kKinds[] = {privacy::Kind::kEmail,      privacy::Kind::kPhone,
                                    privacy::Kind::kIban,       privacy::Kind::kCard,
                                    privacy::Kind::kNationalId, privacy::Kind::kIpAddress,
                                    privacy::Kind::kSecret};

}  // namespace

std::string PrivacyPolicy::describe(const std::vector<privacy::Finding>& findings) {
  bool seen[std::size(kKinds)] = {};
  for (const privacy::Finding& f : findings) {
    for (std::size_t k = 0; k < std::size(kKinds); ++k) {
      if (f.kind == kKinds[k]) seen[k] = true;
    }
  }
  std::string out = std::to_string(findings.size());
  out += findings.size() == 1 ? " value (" : " values (";
  bool first = true;
  for (std::size_t k = 0; k < std::size(kKinds); ++k) {
    if (!seen[k]) continue;
    if (!first) out += ", ";
    out += privacy::kind_name(kKinds[k]);
    first = false;
  }
  out += ')';
  return out;
}

void PrivacyPolicy::evaluate(const RequestFacts& facts,
                             const std::vector<Candidate>& /*candidates*/, Verdict& verdict) const {
  using Mode = config::RouterConfig::PrivacyMode;
  if (mode_ == Mode::kOff || facts.findings.empty()) return;
  if (mode_ == Mode::kLocalOnly) {
    verdict.allowed[tier_index(Tier::kCloud)] = false;
    verdict.fail_closed = true;
    verdict.reasons.push_back("privacy: " + describe(facts.findings) +
                              " -> local only (router.privacy: local-only)");
    return;
  }
  verdict.redact = true;
  verdict.reasons.push_back("privacy: " + describe(facts.findings) + " -> masked before the cloud");
}

}  // namespace splitpoint::policy
