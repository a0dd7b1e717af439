// The daily cloud spend: a thread-safe counter of USD spent on cloud calls today (UTC). It resets
// at UTC midnight: the first read or record on a new day starts from zero.
//
// The dispatcher calls record() after each cloud call with the call's cost (from its Usage and
// the provider's prices, see cost_usd()); the cost policy reads spent_today() per request.
// Thread-safe: a tiny mutex guards the (day, spent) pair; no call holds it for longer than a few
// arithmetic operations.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>

#include "splitpoint/provider.h"

namespace splitpoint::policy {

// USD for `input_tokens` and `output_tokens` at the given prices (USD per 1M tokens).
double cost_usd(double price_in_per_m, double price_out_per_m, int64_t input_tokens,
                int64_t output_tokens);
inline double cost_usd(const ProviderDescriptor& p, int64_t input_tokens, int64_t output_tokens) {
  return cost_usd(p.price_input_per_m, p.price_output_per_m, input_tokens, output_tokens);
}

class Budget {
 public:
  // Seconds since the Unix epoch (UTC); injectable for tests.
  using NowFn = std::function<int64_t()>;
  static int64_t system_now();

  // `daily_usd` 0 means no limit (spend is still counted).
  explicit Budget(double daily_usd, NowFn now = &Budget::system_now);

  // Adds `usd` (ignored unless finite and > 0) to today's spend.
  void record(double usd);
  // USD spent today (UTC).
  double spent_today() const;
  double limit() const { return limit_; }
  // True if a limit is set and spending `next_usd` more would exceed it (or it is already spent).
  bool would_exceed(double next_usd) const;

 private:
  static int64_t day_of(int64_t unix_seconds);

  const double limit_;
  NowFn now_;
  mutable std::mutex mu_;
  mutable int64_t day_ = 0;   // guarded by mu_
  mutable double spent_ = 0;  // guarded by mu_
};

}  // namespace splitpoint::policy
