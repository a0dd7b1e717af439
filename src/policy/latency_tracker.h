// Live latency estimates per provider: exponentially weighted moving averages (EWMA) of the
// observed time to first token and of the decode speed, seeded from the provider descriptor
// (ttft_ms, tokens_per_sec; when 0: 500 ms, and 20 tok/s local or 80 tok/s cloud).
//
// Thread-safe and lock-free: the dispatcher calls observe() after each call from any thread; the
// router reads estimate() per request. Updates are compare-and-swap loops on atomics.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "splitpoint/provider.h"

namespace splitpoint::policy {

struct LatencyEstimate {
  double ttft_ms = 0;
  double tokens_per_sec = 0;
  int64_t samples = 0;  // observations folded in (0: still the seed)
};

class LatencyTracker {
 public:
  static constexpr double kDefaultTtftMs = 500;
  static constexpr double kDefaultLocalTokensPerSec = 20;
  static constexpr double kDefaultCloudTokensPerSec = 80;
  static constexpr double kDefaultAlpha = 0.2;  // weight of a new observation
  // Decode speed is observed only from answers at least this long (shorter ones are noise).
  static constexpr int64_t kMinDecodeTokens = 8;

  // One slot per provider, parallel to `providers` (Config::providers). 0 < alpha <= 1.
  explicit LatencyTracker(const std::vector<ProviderDescriptor>& providers,
                          double alpha = kDefaultAlpha);

  // The seed of a descriptor: its ttft_ms / tokens_per_sec, or the defaults above when 0.
  static LatencyEstimate seed(const ProviderDescriptor& p);

  // Folds in one finished call of provider `i`: `ttft_ms` the time to the first token (<= 0: not
  // measured), `output_tokens` generated in `decode_ms` after the first token. Each estimate is
  // updated as e += alpha * (x - e). Out-of-range `i` is ignored.
  void observe(std::size_t i, double ttft_ms, int64_t output_tokens, double decode_ms);

  // The current estimate of provider `i` (a zero estimate for an out-of-range `i`).
  LatencyEstimate estimate(std::size_t i) const;
  std::size_t size() const { return size_; }

 private:
  struct alignas(64) Slot {
    std::atomic<double> ttft_ms{0};
    std::atomic<double> tokens_per_sec{0};
    std::atomic<int64_t> samples{0};
  };
  static void fold(std::atomic<double>& estimate, double x, double alpha);

  std::unique_ptr<Slot[]> slots_;
  std::size_t size_;
  double alpha_;
};

}  // namespace splitpoint::policy
