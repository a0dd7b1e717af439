// LiveStats: the in-memory aggregate behind GET /metrics and the /ui dashboard. An api::Recorder:
// every finished request is folded into counters, latency histograms, a ring of the latest
// decisions and a per-minute series.
//
// Thread-safety: record() and snapshot() may be called from any thread. record() takes only the
// lock of the calling thread's shard (each worker thread gets its own shard while there are at
// most kShards threads), so workers never contend with each other; a snapshot() locks each shard
// in turn for the time it takes to copy it (microseconds). Nothing allocates under a lock except
// the first time a label combination is seen.
//
// Memory: a shard (~64 KB: the decision ring and the minute series) is allocated by the first
// record() of a thread that maps to it, so a gateway with one worker holds one shard, not all
// kShards (1 MB) from start-up.
//
// Requests without a front door (health, readiness, metrics, dashboard) are not counted.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

#include "api/request_record.h"
#include "metrics/snapshot.h"

namespace splitpoint::metrics {

class LiveStats : public api::Recorder {
 public:
  static constexpr std::size_t kShards = 16;
  static constexpr std::size_t kLatest = 50;    // decisions kept for the dashboard
  static constexpr std::size_t kMinutes = 120;  // minutes of history kept

  // `now_ms` stamps the start time (wall clock, ms since the epoch).
  explicit LiveStats(int64_t now_ms = wall_ms());
  ~LiveStats() override;
  LiveStats(const LiveStats&) = delete;
  LiveStats& operator=(const LiveStats&) = delete;

  void record(const api::RequestRecord& record) override;

  // All shards merged. `minutes` covers at most `window` minutes ending at now_ms (<= kMinutes).
  Snapshot snapshot(int64_t now_ms = wall_ms(), std::size_t window = 60) const;

  static int64_t wall_ms();
  // Shards allocated so far: one per recording thread, at most kShards.
  std::size_t shards_in_use() const;

 private:
  struct MinuteSlot {
    Minute minute;
    bool used = false;
  };
  struct alignas(64) Shard {
    mutable std::mutex mu;
    Totals totals;
    std::array<Decision, kLatest> latest;  // ring; seq 0 = empty
    std::size_t next_latest = 0;
    std::array<MinuteSlot, kMinutes> minutes;
  };
  // The calling thread's shard, allocated on its first use (thread-safe).
  Shard& my_shard();
  static void fold_totals(Totals& t, const api::RequestRecord& r, const TierProvider& tp,
                          const RequestKey& key);
  static void fold_minute(Shard& s, const api::RequestRecord& r);

  int64_t started_ms_;
  std::atomic<uint64_t> seq_{0};
  std::atomic<std::size_t> next_shard_{0};
  std::array<std::atomic<Shard*>, kShards> shards_{};  // owned; null until first used
};

}  // namespace splitpoint::metrics
