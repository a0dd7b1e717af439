// Live provider health, read by the health policy through Candidate::healthy. A provider turns
// unhealthy after `failures_to_trip` consecutive failed calls (or one failed probe) and healthy
// again after a success; while unhealthy it is offered again once `retry_after` has passed since
// its last failure (requests then test it; a further failure restarts the wait).
//
// Thread-safe and lock-free: the dispatcher reports from any thread; reads are two atomic loads.
// Report only failures that say the provider is in trouble (connection errors, kUpstream,
// kUnavailable, kDeadlineExceeded), not the client's own errors (kInvalidArgument, kCancelled).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>

#include "splitpoint/provider.h"

namespace splitpoint::policy {

class HealthBoard {
 public:
  struct Options {
    int failures_to_trip = 3;
    std::chrono::milliseconds retry_after{10000};
  };

  explicit HealthBoard(std::size_t providers) : HealthBoard(providers, Options{}) {}
  HealthBoard(std::size_t providers, Options options);

  void record_success(std::size_t i);
  void record_failure(std::size_t i, Clock::time_point now = Clock::now());
  // A failed reachability probe marks the provider down at once.
  void mark_down(std::size_t i, Clock::time_point now = Clock::now());

  // True unless the provider is tripped and its retry time has not come. Out of range: false.
  bool healthy(std::size_t i, Clock::time_point now = Clock::now()) const;
  std::size_t size() const { return size_; }

 private:
  struct alignas(64) Slot {
    std::atomic<int> failures{0};
    std::atomic<int64_t> last_failure_ns{0};  // Clock ticks since its epoch, in nanoseconds
  };
  static int64_t ticks(Clock::time_point t);

  std::unique_ptr<Slot[]> slots_;
  std::size_t size_;
  Options options_;
};

}  // namespace splitpoint::policy
