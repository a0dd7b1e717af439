#include "policy/health_board.h"

#include <algorithm>

namespace splitpoint::policy {

HealthBoard::HealthBoard(std::size_t providers, Options options)
    : slots_(std::make_unique<Slot[]>(providers)), size_(providers), options_(options) {
  options_.failures_to_trip = std::max(options_.failures_to_trip, 1);
}

int64_t HealthBoard::ticks(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

void HealthBoard::record_success(std::size_t i) {
  if (i < size_) slots_[i].failures.store(0, std::memory_order_relaxed);
}

void HealthBoard::record_failure(std::size_t i, Clock::time_point now) {
  if (i >= size_) return;
  slots_[i].last_failure_ns.store(ticks(now), std::memory_order_relaxed);
  slots_[i].failures.fetch_add(1, std::memory_order_relaxed);
}

void HealthBoard::mark_down(std::size_t i, Clock::time_point now) {
  if (i >= size_) return;
  slots_[i].last_failure_ns.store(ticks(now), std::memory_order_relaxed);
  slots_[i].failures.store(options_.failures_to_trip, std::memory_order_relaxed);
}

bool HealthBoard::healthy(std::size_t i, Clock::time_point now) const {
  if (i >= size_) return false;
  const Slot& s = slots_[i];
  if (s.failures.load(std::memory_order_relaxed) < options_.failures_to_trip) return true;
  const int64_t since = ticks(now) - s.last_failure_ns.load(std::memory_order_relaxed);
  return since >=
         std::chrono::duration_cast<std::chrono::nanoseconds>(options_.retry_after).count();
}

}  // namespace splitpoint::policy
