// The bounded label a routing reason is counted under: the kind of policy or rule that spoke
// ("complexity", "privacy", "pin", ...), never the reason's free text (which carries scores,
// task names and amounts). Pure.
#pragma once

#include <string_view>

namespace splitpoint::metrics {

// One of: pin, task, privacy, capability, complexity, latency, cost, health, default, auto,
// model, alias, tier, other.
std::string_view reason_kind(std::string_view reason);

}  // namespace splitpoint::metrics
