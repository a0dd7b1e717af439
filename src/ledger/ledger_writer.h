// The ledger's Recorder: record() only copies the record into a bounded queue under a short lock
// (never touches the disk); one background thread writes the queue in batches (every 100 ms, or
// at once when 512 records wait), each batch one SQLite transaction (WAL, synchronous=NORMAL),
// so a slow disk never slows a request. When the queue is full the record is dropped and counted
// (logged once). close() (or the destructor) writes what is queued, then stops the thread.
//
// Durability: a record is on disk within ~100 ms of its request ending (a power cut may lose the
// last transactions, never corrupt the file: WAL); a crash loses what was queued.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "api/request_record.h"
#include "ledger/store.h"

namespace splitpoint::ledger {

class LedgerWriter final : public api::Recorder {
 public:
  struct Options {
    std::string path;
    std::size_t queue_records = 65536;
    std::chrono::milliseconds interval{100};
    std::size_t batch_records = 512;
  };

  // Opens (creates, migrates) the file and starts the thread. Errors: those of LedgerStore::open.
  static Result<std::shared_ptr<LedgerWriter>> start(const Options& options);
  ~LedgerWriter() override;

  // Thread-safe, non-blocking apart from a short lock.
  void record(const api::RequestRecord& record) override;
  // Blocks until every record queued before the call is written (tests, shutdown).
  void flush();
  // Writes what is queued and stops the thread; record() afterwards drops. Idempotent.
  void close();

  uint64_t written() const { return written_.load(std::memory_order_relaxed); }
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  uint64_t failed() const { return failed_.load(std::memory_order_relaxed); }

 private:
  LedgerWriter(Options options, std::unique_ptr<LedgerStore> store);
  void run();

  const Options options_;
  std::unique_ptr<LedgerStore> store_;  // the thread's only
  std::mutex mutex_;
  std::condition_variable wake_;     // the writer: work or stop
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
  std::atomic<bool> drop_logged_{false};
  std::thread thread_;
};

}  // namespace splitpoint::ledger
