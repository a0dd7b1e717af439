// The write side of the ledger file: opens (and migrates) it in WAL mode, and writes batches of
// records in one transaction each, keeping the per-minute rollups in step. Used by the
// LedgerWriter's thread (and by the benchmark's generator); not thread-safe.
#pragma once

#include <memory>
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

  // Inserts `records` and updates the rollups, atomically (one transaction).
  Status write(std::span<const api::RequestRecord> records);
  Db& db() { return *db_; }

 private:
  explicit LedgerStore(std::unique_ptr<Db> db);
  Status insert_rows(std::span<const api::RequestRecord> records);
  Status update_rollups(std::span<const api::RequestRecord> records);

  std::unique_ptr<Db> db_;
  std::unique_ptr<Stmt> insert_;
  std::unique_ptr<Stmt> rollup_;
  std::unique_ptr<Stmt> latency_;
};

// Output tokens per second of decoding (after the first token), 0 when unknown.
double tokens_per_sec(const api::RequestRecord& r);

}  // namespace splitpoint::ledger
