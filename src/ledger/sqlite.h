// A thin RAII layer over the SQLite C API for the ledger: a connection and prepared statements.
// Not thread-safe: a Db and its statements belong to one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "splitpoint/status.h"

namespace splitpoint::ledger {

class Db {
 public:
  // Opens (read-write: creating the file) or read-only. Errors: kUnavailable naming the path.
  static Result<std::unique_ptr<Db>> open(const std::string& path, bool read_only);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs `sql` (one or more statements, no results). Errors: kInternal with SQLite's message.
  Status exec(std::string_view sql);
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  Status error(std::string_view what) const;  // kInternal "<what>: <sqlite message>"

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

class Stmt {
 public:
  // Prepares `sql` on `db` (borrowed). ok() tells whether preparing worked; error() why not.
  Stmt(Db& db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  Status error() const { return db_.error("prepare"); }
  // Parameters are 1-based, as in SQLite.
  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);  // copied (SQLITE_TRANSIENT)
  // Not copied (SQLITE_STATIC): `v` must stay valid and unchanged until the next reset().
  Stmt& bind_ref(int i, std::string_view v);
  // Advances: true while a row is available. Errors end the loop; check status() after.
  bool step();
  // SQLITE_DONE or a row: OK; anything else: the error.
  Status status() const;
  // Makes the statement runnable again; the bindings are kept (rebind every parameter or none).
  void reset();

  int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string_view text(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  Db& db_;
  sqlite3_stmt* stmt_ = nullptr;
  int last_ = SQLITE_OK;
};

}  // namespace splitpoint::ledger
