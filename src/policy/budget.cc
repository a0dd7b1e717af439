#include "policy/budget.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace splitpoint::policy {

double cost_usd(double price_in_per_m, double price_out_per_m, int64_t input_tokens,
                int64_t output_tokens) {
  return (static_cast<double>(input_tokens) * price_in_per_m +
          static_cast<double>(output_tokens) * price_out_per_m) /
         1e6;
}

int64_t Budget::system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Budget::Budget(double daily_usd, NowFn now)
    : limit_(std::isfinite(daily_usd) && daily_usd > 0 ? daily_usd : 0), now_(std::move(now)) {
  day_ = day_of(now_());
}

int64_t Budget::day_of(int64_t unix_seconds) {
  // Floor division: days before the epoch stay distinct (only matters for odd test clocks).
  return unix_seconds >= 0 ? unix_seconds / 86400 : -((-unix_seconds + 86399) / 86400);
}

void Budget::record(double usd) {
  if (!std::isfinite(usd) || usd <= 0) return;
  const int64_t today = day_of(now_());
  std::lock_guard<std::mutex> lock(mu_);
  if (today != day_) {
    day_ = today;
    spent_ = 0;
  }
  spent_ += usd;
}

double Budget::spent_today() const {
  const int64_t today = day_of(now_());
  std::lock_guard<std::mutex> lock(mu_);
  if (today != day_) {
    day_ = today;
    spent_ = 0;
  }
  return spent_;
}

bool Budget::would_exceed(double next_usd) const {
  if (limit_ <= 0) return false;
  const double spent = spent_today();
  return spent >= limit_ || spent + std::max(next_usd, 0.0) > limit_;
}

}  // namespace splitpoint::policy
