// Builders shared by the policy and chain tests. Test-only; header-only.
#pragma once

#include <string>
#include <vector>

#include "policy/policy.h"

namespace splitpoint::policy::testing {

inline Candidate candidate(std::size_t index, std::string_view name, Tier tier) {
  Candidate c;
  c.index = index;
  c.name = name;
  c.tier = tier;
  c.ttft_ms = 500;
  c.tokens_per_sec = tier == Tier::kLocal ? 20 : 80;
  return c;
}

// "ollama" (local, index 0) and "openai" (cloud, index 1).
inline std::vector<Candidate> two_tiers() {
  return {candidate(0, "ollama", Tier::kLocal), candidate(1, "openai", Tier::kCloud)};
}

inline privacy::Finding finding(privacy::Kind kind) {
  return privacy::Finding{kind, 0, 1};
}

inline bool contains(const std::vector<std::string>& reasons, std::string_view part) {
  for (const std::string& r : reasons) {
    if (r.find(part) != std::string::npos) return true;
  }
  return false;
}

inline std::string joined(const std::vector<std::string>& reasons) {
  std::string out;
  for (const std::string& r : reasons) out += r + " | ";
  return out;
}

}  // namespace splitpoint::policy::testing
