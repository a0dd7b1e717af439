// GET /metrics: a Snapshot and the providers' circuits as Prometheus text (format 0.0.4).
// The metric names are documented in docs/metrics.md. Pure.
#pragma once

#include <string>
#include <vector>

#include "metrics/snapshot.h"

namespace splitpoint::metrics {

std::string prometheus_text(const Snapshot& snap, const std::vector<ProviderState>& providers);

}  // namespace splitpoint::metrics
