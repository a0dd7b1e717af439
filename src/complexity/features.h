// Cheap, explainable features of a chat request that say how much it needs the strong (cloud)
// model. Pure functions; thread-safe.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "splitpoint/model.h"

namespace splitpoint::complexity {

// A fixed-size feature vector; names() gives each index a stable name (used by the model file,
// the reasons and the ledger).
inline constexpr std::size_t kFeatureCount = 32;  // the helper that owns this may change it
using Features = std::array<float, kFeatureCount>;

const std::vector<std::string>& feature_names();
Features extract(const ChatRequest& request);
// Estimated input tokens (about 4 bytes a token for Latin scripts), shared with the latency and
// capability policies.
int64_t estimate_tokens(const ChatRequest& request);

}  // namespace splitpoint::complexity
