// Live provider health, read by the health policy through Candidate::healthy: a circuit breaker
// per provider plus a rate-limit hold.
//
// Circuit: closed until `failures_to_trip` consecutive failed calls (or one failed probe, or
// mark_down); then open for `cooldown` since the last failure; then half-open: exactly one caller
// is admitted (admit()) as the trial. The trial's success closes the circuit, its failure opens it
// for another cooldown, and an outcome that says nothing about the provider (release(), e.g. the
// client went away) frees the trial for the next caller. Any success closes the circuit.
// Hold: hold(i, until) makes a provider unhealthy until `until` (an upstream 429's Retry-After)
// without touching its circuit.
//
// Thread-safe and lock-free: the dispatchers of all workers and the health checker report from
// any thread; reads are a few atomic loads. Report only failures that say the provider is in
// trouble (connection errors, kUpstream, kUnavailable, kDeadlineExceeded), not the client's own
// errors (kInvalidArgument, kCancelled).
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
    std::chrono::milliseconds cooldown{10000};
  };
  enum class Circuit { kClosed, kOpen, kHalfOpen };

  explicit HealthBoard(std::size_t providers) : HealthBoard(providers, Options{}) {}
  HealthBoard(std::size_t providers, Options options);

  void record_success(std::size_t i);
  void record_failure(std::size_t i, Clock::time_point now = Clock::now());
  // Opens the circuit at once (a failed start-up probe).
  void mark_down(std::size_t i, Clock::time_point now = Clock::now());
  // The call admitted by admit() ended with neither success nor failure: frees a half-open trial.
  void release(std::size_t i);
  // Unhealthy until `until` (later holds extend, earlier ones do not shorten).
  void hold(std::size_t i, Clock::time_point until);

  // Closed and not held, or half-open with its trial free. Out of range: false.
  bool healthy(std::size_t i, Clock::time_point now = Clock::now()) const;
  // Takes the permission to call provider i now: true when closed; for exactly one caller when
  // half-open (until that call's outcome is recorded or released); false when open or held.
  bool admit(std::size_t i, Clock::time_point now = Clock::now());
  Circuit circuit(std::size_t i, Clock::time_point now = Clock::now()) const;
  // A hold (hold()) is in force at `now`. Out of range: false.
  bool held(std::size_t i, Clock::time_point now = Clock::now()) const;
  std::size_t size() const { return size_; }

 private:
  struct alignas(64) Slot {
    std::atomic<int> failures{0};
    std::atomic<int64_t> last_failure_ns{0};  // Clock ticks since its epoch, in nanoseconds
    std::atomic<int64_t> held_until_ns{0};
    std::atomic<bool> trial{false};  // a half-open trial call is in progress
  };
  static int64_t ticks(Clock::time_point t);

  std::unique_ptr<Slot[]> slots_;
  std::size_t size_;
  Options options_;
};

const char* circuit_name(HealthBoard::Circuit c);  // "closed", "open", "half_open"

}  // namespace splitpoint::policy
