// GET /ui/api/summary: the JSON the dashboard polls (documented in docs/dashboard.md). Pure.
#pragma once

#include <string>
#include <vector>

#include "metrics/snapshot.h"

namespace splitpoint::metrics {

std::string summary_json(const Snapshot& snap, const std::vector<ProviderState>& providers);

}  // namespace splitpoint::metrics
