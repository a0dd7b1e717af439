// The write side of the ledger file: opens (and migrates) it in WAL mode, and writes batches of
// records in one transaction each, keeping the per-minute rollups in step. Used by the
// LedgerWriter's threads (and by the benchmark's generator): write() one caller at a time;
// checkpoint() and wal_pages() from any thread, also while a write() runs.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>

#include "api/request_record.h"
#include "ledger/sqlite.h"

namespace splitpoint::ledger {

class LedgerStore {
 public:
  // Errors: kUnavailable (cannot open or create), kInvalidArgument (a newer schema), kInternal.
  static Result<std::unique_ptr<LedgerStore>> open(const std::string& path);
  ~LedgerStore();

  // Inserts `records` and updates the rollups, atomically (one transaction). `pause`, if set, is
  // called inside the transaction after every kPauseRows rows: the caller may sleep there to cut
  // the work into short pieces (readers are not blocked: WAL), or return false to abandon the
  // transaction: it is rolled back, nothing is written, and the result is kCancelled.
  static constexpr std::size_t kPauseRows = 16;
  // Rows per INSERT statement while a batch has that many left (a multiple-row VALUES list: the
  // statement's per-execution work, opening cursors and seeking the table's end, is shared).
  static constexpr std::size_t kRowsPerInsert = 16;
  Status write(std::span<const api::RequestRecord> records,
               const std::function<bool()>& pause = {});
  Db& db() { return *db_; }

  // Automatic checkpoints are off: a checkpoint copies up to ~1,000 pages in one go, and the
  // caller decides on which thread that may happen. wal_pages() is the WAL's length in pages
  // after the last commit; checkpoint() copies the WAL into the database file (PASSIVE: it never
  // waits for readers or the writer) through a connection of its own, so a write() is never held
  // up by it; the next commit after a complete checkpoint starts the WAL again from its
  // beginning. kCheckpointPages is SQLite's own default threshold. try_checkpoint() returns
  // false, doing nothing, when another thread's checkpoint is running.
  static constexpr int kCheckpointPages = 1000;
  int wal_pages() const { return wal_pages_.load(std::memory_order_relaxed); }
  Status checkpoint();
  bool try_checkpoint(Status& result);

 private:
  LedgerStore(std::unique_ptr<Db> db, std::unique_ptr<Db> checkpointer);
  Status insert_rows(std::span<const api::RequestRecord> records,
                     const std::function<bool()>& pause);
  Status checkpoint_locked();
  Status update_rollups(std::span<const api::RequestRecord> records);

  std::unique_ptr<Db> db_;
  std::atomic<int> wal_pages_{0};
  std::mutex checkpoint_mutex_;
  std::unique_ptr<Db> checkpointer_;  // guarded by checkpoint_mutex_
  static constexpr int kInsertColumns = 26;
  std::unique_ptr<Stmt> insert_;
  std::unique_ptr<Stmt> insert_many_;
  std::unique_ptr<Stmt> rollup_;
  std::unique_ptr<Stmt> latency_;
};

// Output tokens per second of decoding (after the first token), 0 when unknown.
double tokens_per_sec(const api::RequestRecord& r);

}  // namespace splitpoint::ledger
