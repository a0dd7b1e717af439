#include "metrics/reason_kind.h"

#include <array>

namespace splitpoint::metrics {

std::string_view reason_kind(std::string_view reason) {
  std::size_t n = 0;
  while (n < reason.size() && reason[n] >= 'a' && reason[n] <= 'z') ++n;
  const std::string_view word = reason.substr(0, n);
  static constexpr std::array<std::string_view, 9> kPolicies = {
      "task", "privacy", "capability", "complexity", "latency", "cost", "health", "default", "auto"};
  for (std::string_view k : kPolicies) {
    if (word == k) return k;
  }
  if (word == "pinned") return "pin";
  if (word == "model") return reason.substr(n).starts_with(" alias") ? "alias" : "model";
  if (word == "local" || word == "cloud") return "tier";  // "local tier unavailable -> cloud"
  return "other";
}

}  // namespace splitpoint::metrics
