// Pacer: keeps a background thread's work in short pieces and its share of the core bounded.
// The thread calls pause() between pieces of work; pause() sleeps `rest` times as long as the
// work since the previous call took (at most kMaxPause), so the thread takes at most
// 1 / (1 + rest) of its core, and a request thread that wants the core back waits at most one
// piece; rest 0: no pauses. Why: a thread at normal priority that does not sleep keeps the core
// until the next scheduler tick (4 ms at HZ=250), and a whole ledger batch written that way was
// the ledger's p99 cost (docs/ledger.md). One Pacer per thread; not thread-safe.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>

namespace splitpoint::ledger {

class Pacer {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr Clock::duration kMaxPause = std::chrono::milliseconds(2);

  // `now` and `sleep` are the clock and the sleep (tests replace them).
  explicit Pacer(std::function<Clock::time_point()> now = Clock::now,
                 std::function<void(Clock::duration)> sleep =
                     [](Clock::duration d) { std::this_thread::sleep_for(d); })
      : now_(std::move(now)), sleep_(std::move(sleep)), last_(now_()) {}

  // Work begins now (after the thread has waited for work, which is not work), at this rest.
  void start(int rest) {
    rest_ = rest;
    last_ = now_();
  }
  // Between two pieces of work.
  void pause() {
    if (rest_ == 0) return;
    sleep_(std::min<Clock::duration>(rest_ * (now_() - last_), kMaxPause));
    last_ = now_();
  }

 private:
  std::function<Clock::time_point()> now_;
  std::function<void(Clock::duration)> sleep_;
  Clock::time_point last_;
  int rest_ = 1;
};

}  // namespace splitpoint::ledger
