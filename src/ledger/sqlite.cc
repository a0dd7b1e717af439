#include "ledger/sqlite.h"

namespace splitpoint::ledger {

Result<std::unique_ptr<Db>> Db::open(const std::string& path, bool read_only) {
  // No allocation statistics (they take a global mutex on every SQLite malloc); must precede the
  // library's initialization, which the first open does. Later calls would fail harmlessly.
  static const int no_memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)no_memstatus;
  sqlite3* db = nullptr;
  const int flags = read_only ? SQLITE_OPEN_READONLY
                              : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::unavailable("ledger \"" + path + "\": cannot open: " + why);
  }
  sqlite3_busy_timeout(db, 5000);
  return std::unique_ptr<Db>(new Db(db, path));
}

Db::~Db() { sqlite3_close(db_); }

Status Db::exec(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) == SQLITE_OK) {
    return Status::OK();
  }
  Status s = Status::internal("ledger \"" + path_ + "\": " + (message ? message : "error"));
  sqlite3_free(message);
  return s;
}

Status Db::error(std::string_view what) const {
  return Status::internal("ledger \"" + path_ + "\": " + std::string(what) + ": " +
                          sqlite3_errmsg(db_));
}

Stmt::Stmt(Db& db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_,
                         nullptr) != SQLITE_OK) {
    stmt_ = nullptr;
  }
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt& Stmt::bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

Stmt& Stmt::bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}

Stmt& Stmt::bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::bind_ref(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}

bool Stmt::step() {
  last_ = sqlite3_step(stmt_);
  return last_ == SQLITE_ROW;
}

Status Stmt::status() const {
  if (last_ == SQLITE_DONE || last_ == SQLITE_ROW || last_ == SQLITE_OK) return Status::OK();
  return db_.error("step");
}

void Stmt::reset() {
  sqlite3_reset(stmt_);
  last_ = SQLITE_OK;
}

std::string_view Stmt::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p == nullptr ? std::string_view()
                      : std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}

}  // namespace splitpoint::ledger
