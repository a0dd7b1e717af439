// A latency histogram with fixed Prometheus-style bounds (seconds). A plain value: not
// thread-safe on its own (LiveStats guards each one with its shard's lock).
#pragma once

#include <array>
#include <cstdint>

namespace splitpoint::metrics {

// Upper bounds (inclusive, seconds) of the finite buckets; the last, implicit bucket is +Inf.
inline constexpr std::array<double, 17> kLatencyBounds = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120};

struct Histogram {
  std::array<uint64_t, kLatencyBounds.size() + 1> buckets{};  // non-cumulative counts
  double sum = 0;                                             // seconds
  uint64_t count = 0;

  void add(double seconds);
  void merge(const Histogram& other);
  // The q-quantile (0..1) in seconds, interpolated linearly inside its bucket (Prometheus'
  // histogram_quantile); values in the +Inf bucket report the last finite bound. 0 when empty.
  double quantile(double q) const;
};

}  // namespace splitpoint::metrics
