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
  if (i >= size_) return;
  slots_[i].failures.store(0, std::memory_order_relaxed);
  slots_[i].trial.store(false, std::memory_order_release);
}

void HealthBoard::record_failure(std::size_t i, Clock::time_point now) {
  if (i >= size_) return;
  slots_[i].last_failure_ns.store(ticks(now), std::memory_order_relaxed);
  slots_[i].failures.fetch_add(1, std::memory_order_relaxed);
  slots_[i].trial.store(false, std::memory_order_release);
}

void HealthBoard::mark_down(std::size_t i, Clock::time_point now) {
  if (i >= size_) return;
  slots_[i].last_failure_ns.store(ticks(now), std::memory_order_relaxed);
  slots_[i].failures.store(options_.failures_to_trip, std::memory_order_relaxed);
  slots_[i].trial.store(false, std::memory_order_release);
}

void HealthBoard::release(std::size_t i) {
  if (i < size_) slots_[i].trial.store(false, std::memory_order_release);
}

void HealthBoard::hold(std::size_t i, Clock::time_point until) {
  if (i >= size_) return;
  const int64_t t = ticks(until);
  int64_t cur = slots_[i].held_until_ns.load(std::memory_order_relaxed);
  while (cur < t && !slots_[i].held_until_ns.compare_exchange_weak(cur, t)) {
  }
}

HealthBoard::Circuit HealthBoard::circuit(std::size_t i, Clock::time_point now) const {
  if (i >= size_) return Circuit::kOpen;
  const Slot& s = slots_[i];
  if (s.failures.load(std::memory_order_relaxed) < options_.failures_to_trip) {
    return Circuit::kClosed;
  }
  const int64_t since = ticks(now) - s.last_failure_ns.load(std::memory_order_relaxed);
  const int64_t cooldown =
      std::chrono::duration_cast<std::chrono::nanoseconds>(options_.cooldown).count();
  return since >= cooldown ? Circuit::kHalfOpen : Circuit::kOpen;
}

bool HealthBoard::held(std::size_t i, Clock::time_point now) const {
  return i < size_ && ticks(now) < slots_[i].held_until_ns.load(std::memory_order_relaxed);
}

bool HealthBoard::healthy(std::size_t i, Clock::time_point now) const {
  if (i >= size_) return false;
  if (ticks(now) < slots_[i].held_until_ns.load(std::memory_order_relaxed)) return false;
  switch (circuit(i, now)) {
    case Circuit::kClosed: return true;
    case Circuit::kHalfOpen: return !slots_[i].trial.load(std::memory_order_acquire);
    case Circuit::kOpen: return false;
  }
  return false;
}

bool HealthBoard::admit(std::size_t i, Clock::time_point now) {
  if (i >= size_) return false;
  if (ticks(now) < slots_[i].held_until_ns.load(std::memory_order_relaxed)) return false;
  switch (circuit(i, now)) {
    case Circuit::kClosed: return true;
    case Circuit::kHalfOpen: {
      bool expected = false;
      return slots_[i].trial.compare_exchange_strong(expected, true, std::memory_order_acq_rel);
    }
    case Circuit::kOpen: return false;
  }
  return false;
}

const char* circuit_name(HealthBoard::Circuit c) {
  switch (c) {
    case HealthBoard::Circuit::kClosed: return "closed";
    case HealthBoard::Circuit::kOpen: return "open";
    case HealthBoard::Circuit::kHalfOpen: return "half_open";
  }
  return "open";
}

}  // namespace splitpoint::policy
