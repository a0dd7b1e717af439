#include "metrics/histogram.h"

#include <algorithm>

namespace splitpoint::metrics {

void Histogram::add(double seconds) {
  if (!(seconds >= 0)) seconds = 0;  // NaN and negatives count as 0
  const auto it = std::lower_bound(kLatencyBounds.begin(), kLatencyBounds.end(), seconds);
  ++buckets[static_cast<std::size_t>(it - kLatencyBounds.begin())];
  sum += seconds;
  ++count;
}

void Histogram::merge(const Histogram& other) {
  for (std::size_t i = 0; i < buckets.size(); ++i) buckets[i] += other.buckets[i];
  sum += other.sum;
  count += other.count;
}

double Histogram::quantile(double q) const {
  if (count == 0) return 0;
  const double rank = std::clamp(q, 0.0, 1.0) * static_cast<double>(count);
  uint64_t below = 0;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    if (buckets[i] == 0 || static_cast<double>(below + buckets[i]) < rank) {
      below += buckets[i];
      continue;
    }
    if (i == kLatencyBounds.size()) return kLatencyBounds.back();
    const double lo = i == 0 ? 0 : kLatencyBounds[i - 1];
    const double hi = kLatencyBounds[i];
    const double within = (rank - static_cast<double>(below)) / static_cast<double>(buckets[i]);
    return lo + (hi - lo) * std::clamp(within, 0.0, 1.0);
  }
  return kLatencyBounds.back();
}

}  // namespace splitpoint::metrics
