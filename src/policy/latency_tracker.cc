#include "policy/latency_tracker.h"

#include <algorithm>
#include <cmath>

namespace splitpoint::policy {

LatencyTracker::LatencyTracker(const std::vector<ProviderDescriptor>& providers, double alpha)
    : slots_(std::make_unique<Slot[]>(providers.size())),
      size_(providers.size()),
      alpha_(std::isfinite(alpha) ? std::clamp(alpha, 1e-6, 1.0) : kDefaultAlpha) {
  for (std::size_t i = 0; i < size_; ++i) {
    LatencyEstimate s = seed(providers[i]);
    slots_[i].ttft_ms.store(s.ttft_ms, std::memory_order_relaxed);
    slots_[i].tokens_per_sec.store(s.tokens_per_sec, std::memory_order_relaxed);
  }
}

LatencyEstimate LatencyTracker::seed(const ProviderDescriptor& p) {
  LatencyEstimate e;
  e.ttft_ms = p.ttft_ms > 0 ? p.ttft_ms : kDefaultTtftMs;
  e.tokens_per_sec = p.tokens_per_sec > 0     ? p.tokens_per_sec
                     : p.tier == Tier::kLocal ? kDefaultLocalTokensPerSec
                                              : kDefaultCloudTokensPerSec;
  return e;
}

void LatencyTracker::fold(std::atomic<double>& estimate, double x, double alpha) {
  double old = estimate.load(std::memory_order_relaxed);
  while (!estimate.compare_exchange_weak(old, old + alpha * (x - old), std::memory_order_relaxed)) {
  }
}

void LatencyTracker::observe(std::size_t i, double ttft_ms, int64_t output_tokens,
                             double decode_ms) {
  if (i >= size_) return;
  Slot& s = slots_[i];
  bool any = false;
  if (ttft_ms > 0 && std::isfinite(ttft_ms)) {
    fold(s.ttft_ms, ttft_ms, alpha_);
    any = true;
  }
  if (output_tokens >= kMinDecodeTokens && decode_ms > 0 && std::isfinite(decode_ms)) {
    fold(s.tokens_per_sec, static_cast<double>(output_tokens) * 1000.0 / decode_ms, alpha_);
    any = true;
  }
  if (any) s.samples.fetch_add(1, std::memory_order_relaxed);
}

LatencyEstimate LatencyTracker::estimate(std::size_t i) const {
  if (i >= size_) return {};
  const Slot& s = slots_[i];
  return LatencyEstimate{s.ttft_ms.load(std::memory_order_relaxed),
                         s.tokens_per_sec.load(std::memory_order_relaxed),
                         s.samples.load(std::memory_order_relaxed)};
}

}  // namespace splitpoint::policy
