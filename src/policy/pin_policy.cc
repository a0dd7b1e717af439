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

std::optional<Tier> parse_pin(std::string_view value) {
  if (iequals(value, "local")) return Tier::kLocal;
  if (iequals(value, "cloud")) return Tier::kCloud;
  return std::nullopt;
}

void PinPolicy::evaluate(const RequestFacts& facts, const std::vector<Candidate>& /*candidates*/,
                         Verdict& verdict) const {
  std::string_view pin = facts.pinned_tier;
  if (pin.empty()) return;
  const std::optional<Tier> tier = parse_pin(pin);
  if (!tier) {
    verdict.refusal = Status::invalid("X-Splitpoint-Tier: expected \"local\" or \"cloud\", got \"" +
                                      sanitize(pin) + "\"");
    return;
  }
  verdict.forced = tier;
  verdict.reasons.push_back(std::string("pinned by X-Splitpoint-Tier: ") + tier_name(*tier));
}

}  // namespace splitpoint::policy
