// The ledger's Recorder: record() only copies the record into a bounded queue under a short lock
// (never touches the disk); a background thread writes the queue in batches (every 100 ms, or
// at once when 512 records wait), each batch one SQLite transaction (WAL, synchronous=NORMAL),
// so a slow disk never slows a request. When the queue is full the record is dropped and counted
// (logged once). close() (or the destructor) writes what is queued, then stops the threads.
//
// CPU: the background thread runs under SCHED_IDLE, so a request thread that wakes on its core
// preempts it at once and the ledger's work fills idle time; it also runs the WAL checkpoints.
// When the core is never idle, the queue grows; past `urgent_records` a second thread at normal
// priority (the creator's) writes too, until the queue is short again: under overload the ledger
// takes CPU from requests rather than dropping records, but paced (ledger/pacer.h): short
// transactions in pieces of ~0.1 ms, at most an eighth of the core while the queue is at most
// a quarter full, half of it up to half full, no pauses beyond (urgent_rest). The lowest share
// that keeps up spreads the ledger's cost thinly over every request, instead of doubling the
// latency of those served while it works. While the urgent writer is active, the background
// one abandons its transaction at the next pause point (its records go back to the queue) and
// waits: preempted while holding the store, an idle-priority thread would hold up the urgent
// writer.
//
// Durability: a record is on disk within ~100 ms of its request ending (a power cut may lose the
// last transactions, never corrupt the file: WAL); a crash loses what was queued.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "api/request_record.h"
#include "ledger/pacer.h"
#include "ledger/store.h"

namespace splitpoint::ledger {

class LedgerWriter final : public api::Recorder {
 public:
  struct Options {
    std::string path;
    std::size_t queue_records = 65536;
    std::chrono::milliseconds interval{100};
    std::size_t batch_records = 512;
    std::size_t urgent_records = 2048;  // queue depth at which the normal-priority thread helps
    bool background_idle = true;        // false: the background thread keeps the creator's policy
  };

  // Opens (creates, migrates) the file and starts the thread. Errors: those of LedgerStore::open.
  static Result<std::shared_ptr<LedgerWriter>> start(const Options& options);
  ~LedgerWriter() override;

  // Thread-safe, non-blocking apart from a short lock.
  void record(const api::RequestRecord& record) override;
  void take(api::RequestRecord&& record) override;  // as record(), without a copy
  // Blocks until every record queued before the call is written (tests, shutdown).
  void flush();
  // Writes what is queued and stops the thread; record() afterwards drops. Idempotent.
  void close();

  uint64_t written() const { return written_.load(std::memory_order_relaxed); }
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  uint64_t failed() const { return failed_.load(std::memory_order_relaxed); }
  uint64_t urgent_batches() const { return urgent_batches_.load(std::memory_order_relaxed); }
  // Records waiting for a writer (taken under the queue's lock).
  std::size_t queued() const;
  // Transactions the background writer abandoned (rolled back, records requeued) for the urgent
  // one.
  uint64_t abandoned() const { return abandoned_.load(std::memory_order_relaxed); }

  // The urgent writer's rest (Pacer::start) for a batch of `queued` records, the queue holding
  // at most `capacity`: 7 (an eighth of the core), 1 (half) past a quarter, 0 past half.
  static int urgent_rest(std::size_t queued, std::size_t capacity);

 private:
  LedgerWriter(Options options, std::unique_ptr<LedgerStore> store);
  void run_background();
  void run_urgent();
  // Writes `batch` (taken from the queue by the caller), counts it, and clears it; records of a
  // transaction the background writer abandoned for the urgent one go back to the queue.
  enum class Writer { kBackground, kUrgent };
  static constexpr std::size_t kPacedTransactionRecords = 256;
  static constexpr int kUrgentCheckpointPages = 64 * LedgerStore::kCheckpointPages;  // 256 MB
  void write_batch(std::vector<api::RequestRecord>& batch, Writer who);

  void log_error(const std::string& what);  // at most once a minute; takes store_mutex_

  const Options options_;
  std::mutex store_mutex_;              // one batch at a time through store_
  std::unique_ptr<LedgerStore> store_;  // guarded by store_mutex_
  std::chrono::steady_clock::time_point next_error_log_;  // guarded by store_mutex_
  mutable std::mutex mutex_;
  std::condition_variable wake_;     // the background writer: work or stop
  std::condition_variable urgent_cv_;  // the urgent writer: a deep queue or stop
  std::condition_variable written_cv_;  // flush(): a batch was written
  std::vector<api::RequestRecord> queue_;
  uint64_t queued_total_ = 0;   // records ever queued (under mutex_)
  uint64_t done_total_ = 0;     // records ever taken and handled (under mutex_)
  bool stopping_ = false;
  bool flush_requested_ = false;
  bool exited_ = false;
  bool closed_ = false;
  std::atomic<uint64_t> written_{0};
  std::atomic<uint64_t> dropped_{0};
  std::atomic<uint64_t> failed_{0};
  std::atomic<uint64_t> urgent_batches_{0};
  std::atomic<uint64_t> abandoned_{0};
  std::atomic<bool> drop_logged_{false};
  std::atomic<bool> urgent_active_{false};  // the urgent writer has a batch; set under mutex_
  Pacer pacer_;                             // the urgent writer's
  std::thread thread_;
  std::thread urgent_thread_;
};

}  // namespace splitpoint::ledger
