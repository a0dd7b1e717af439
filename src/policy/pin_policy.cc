#include "policy/pin_policy.h"

#include <algorithm>
#include <cctype>

#include "policy/format.h"

namespace splitpoint::policy {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

void PinPolicy::evaluate(const RequestFacts& facts, const std::vector<Candidate>& /*candidates*/,
                         Verdict& verdict) const {
  std::string_view pin = facts.pinned_tier;
  if (pin.empty()) return;
  Tier tier;
  if (iequals(pin, "local")) {
    tier = Tier::kLocal;
  } else if (iequals(pin, "cloud")) {
    tier = Tier::kCloud;
  } else {
    verdict.refusal = Status::invalid("X-Splitpoint-Tier: expected \"local\" or \"cloud\", got \"" +
                                      sanitize(pin) + "\"");
    return;
  }
  verdict.forced = tier;
  verdict.reasons.push_back(std::string("pinned by X-Splitpoint-Tier: ") + tier_name(tier));
}

}  // namespace splitpoint::policy
