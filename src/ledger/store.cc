#include "ledger/store.h"

#include <sqlite3.h>

#include <array>
#include <map>
#include <tuple>

#include "ledger/schema.h"
#include "wire/openai/json_util.h"

namespace splitpoint::ledger {
namespace {

// One statement inserts `rows` rows: fewer statement executions (each opens and closes its
// cursors and seeks the table's end) for the same rows.
std::string insert_sql(std::size_t rows) {
  std::string sql =
      "INSERT INTO requests (ts_ms, caller, door, endpoint, requested_model, task, pinned_tier, "
      "stream, tier, provider, model, score, reasons, redactions, fallbacks, http_status, error, "
      "input_tokens, output_tokens, tokens_estimated, ttft_ms, total_ms, tokens_per_sec, "
      "cost_usd, cloud_cost_usd, features) VALUES ";
  for (std::size_t i = 0; i < rows; ++i) {
    sql += i == 0 ? "" : ",";
    sql += "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  }
  return sql;
}

constexpr std::string_view kRollup =
    "INSERT INTO rollup VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
    "ON CONFLICT (minute, tier, task, http_status) DO UPDATE SET "
    "requests = requests + excluded.requests, errors = errors + excluded.errors, "
    "fallback_requests = fallback_requests + excluded.fallback_requests, "
    "fallbacks = fallbacks + excluded.fallbacks, "
    "redaction_requests = redaction_requests + excluded.redaction_requests, "
    "redactions = redactions + excluded.redactions, "
    "input_tokens = input_tokens + excluded.input_tokens, "
    "output_tokens = output_tokens + excluded.output_tokens, "
    "cost_usd = cost_usd + excluded.cost_usd, "
    "cloud_cost_usd = cloud_cost_usd + excluded.cloud_cost_usd, "
    "total_ms = total_ms + excluded.total_ms";

constexpr std::string_view kLatency =
    "INSERT INTO rollup_latency VALUES (?,?,?,?,?) "
    "ON CONFLICT (minute, tier, task, bucket) DO UPDATE SET count = count + excluded.count";

// A JSON array of strings into `out` (cleared first; its capacity is reused).
void json_list(const std::vector<std::string>& items, std::string& out) {
  out.assign(1, '[');
  for (const std::string& s : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    wire::openai::detail::append_escaped(out, s);
    out += '"';
  }
  out += ']';
}

struct Sums {
  int64_t requests = 0, errors = 0, fallback_requests = 0, fallbacks = 0;
  int64_t redaction_requests = 0, redactions = 0, input_tokens = 0, output_tokens = 0;
  double cost = 0, cloud_cost = 0, total_ms = 0;
};

int64_t minute_of(int64_t unix_ms) {
  return unix_ms / 60000;
}

class Transaction {
 public:
  explicit Transaction(Db& db) : db_(db), begun_(db.exec("BEGIN IMMEDIATE")) {}
  ~Transaction() {
    if (begun_.is_ok() && !done_) (void)db_.exec("ROLLBACK");
  }
  const Status& begun() const { return begun_; }
  Status commit() {
    done_ = true;
    return db_.exec("COMMIT");
  }

 private:
  Db& db_;
  Status begun_;
  bool done_ = false;
};

}  // namespace

double tokens_per_sec(const api::RequestRecord& r) {
  const double decode_ms = r.total_ms - (r.ttft_ms > 0 ? r.ttft_ms : 0);
  if (r.output_tokens <= 0 || decode_ms <= 0) return 0;
  return static_cast<double>(r.output_tokens) * 1000.0 / decode_ms;
}

LedgerStore::LedgerStore(std::unique_ptr<Db> db, std::unique_ptr<Db> checkpointer)
    : db_(std::move(db)), checkpointer_(std::move(checkpointer)) {}
LedgerStore::~LedgerStore() {
  insert_.reset();
  insert_many_.reset();
  rollup_.reset();
  latency_.reset();
}

Result<std::unique_ptr<LedgerStore>> LedgerStore::open(const std::string& path) {
  auto db = Db::open(path, false);
  if (!db.ok()) return db.status();
  Db& d = **db;
  if (Status s = d.exec(
          // 256 KB page cache (SQLite's default is 2 MB): the writer appends rows and touches
          // a few rollup pages per batch; reports read through their own connection.
          "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-256;");
      !s.is_ok()) {
    return s;
  }
  if (Status s = migrate(d); !s.is_ok()) return s;
  auto checkpointer = Db::open(path, false);
  if (!checkpointer.ok()) return checkpointer.status();
  // A connection checkpoints only once it has opened the WAL (else it reports -1 frames).
  if (Status s = (*checkpointer)->exec("PRAGMA journal_mode=WAL"); !s.is_ok()) return s;
  std::unique_ptr<LedgerStore> store(
      new LedgerStore(std::move(db).value(), std::move(checkpointer).value()));
  // Replaces SQLite's automatic checkpoint (itself a WAL hook) with a page count.
  sqlite3_wal_hook(
      d.handle(),
      [](void* self, sqlite3*, const char*, int pages) {
        static_cast<LedgerStore*>(self)->wal_pages_.store(pages, std::memory_order_relaxed);
        return SQLITE_OK;
      },
      store.get());
  store->insert_ = std::make_unique<Stmt>(*store->db_, insert_sql(1));
  store->insert_many_ = std::make_unique<Stmt>(*store->db_, insert_sql(kRowsPerInsert));
  store->rollup_ = std::make_unique<Stmt>(*store->db_, kRollup);
  store->latency_ = std::make_unique<Stmt>(*store->db_, kLatency);
  for (const Stmt* s : {store->insert_.get(), store->insert_many_.get(), store->rollup_.get(),
                        store->latency_.get()}) {
    if (!s->ok()) return s->error();
  }
  return store;
}

Status LedgerStore::write(std::span<const api::RequestRecord> records,
                          const std::function<bool()>& pause) {
  if (records.empty()) return Status::OK();
  Transaction tx(*db_);
  if (!tx.begun().is_ok()) return tx.begun();
  if (Status s = insert_rows(records, pause); !s.is_ok()) return s;
  if (Status s = update_rollups(records); !s.is_ok()) return s;
  return tx.commit();
}

Status LedgerStore::checkpoint() {
  std::lock_guard lock(checkpoint_mutex_);
  return checkpoint_locked();
}

bool LedgerStore::try_checkpoint(Status& result) {
  std::unique_lock lock(checkpoint_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return false;
  result = checkpoint_locked();
  return true;
}

Status LedgerStore::checkpoint_locked() {
  int log = 0;
  int copied = 0;
  const int rc = sqlite3_wal_checkpoint_v2(checkpointer_->handle(), nullptr,
                                           SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
  if (rc == SQLITE_BUSY) return Status::OK();  // another checkpointer (a reader's process)
  if (rc != SQLITE_OK) return checkpointer_->error("checkpoint");
  if (log < 0) return Status::internal("ledger: checkpoint: the file is not in WAL mode");
  if (copied == log) wal_pages_.store(0, std::memory_order_relaxed);
  return Status::OK();
}

Status LedgerStore::insert_rows(std::span<const api::RequestRecord> records,
                                const std::function<bool()>& pause) {
  static_assert(kPauseRows % kRowsPerInsert == 0, "pauses fall between statements");
  // Text is bound by reference (no copy): `records` and `texts` outlive step().
  struct Texts {
    std::string reasons, fallbacks, features;
  };
  std::array<Texts, kRowsPerInsert> texts;
  for (std::size_t at = 0; at < records.size();) {
    if (pause && at != 0 && at % kPauseRows == 0 && !pause()) {
      return Status::cancelled("ledger: transaction abandoned");
    }
    const std::size_t n = records.size() - at >= kRowsPerInsert ? kRowsPerInsert : 1;
    Stmt& q = n == 1 ? *insert_ : *insert_many_;
    q.reset();
    for (std::size_t i = 0; i < n; ++i) {
      const api::RequestRecord& r = records[at + i];
      Texts& t = texts[i];
      t.features = r.features_text();
      json_list(r.reasons, t.reasons);
      json_list(r.fallbacks, t.fallbacks);
      const int p = static_cast<int>(i) * kInsertColumns;
      q.bind(p + 1, r.unix_ms).bind_ref(p + 2, r.caller).bind_ref(p + 3, r.door);
      q.bind_ref(p + 4, r.endpoint).bind_ref(p + 5, r.requested_model).bind_ref(p + 6, r.task);
      q.bind_ref(p + 7, r.pinned_tier).bind(p + 8, int64_t{r.stream}).bind_ref(p + 9, r.tier);
      q.bind_ref(p + 10, r.provider).bind_ref(p + 11, r.model).bind(p + 12, r.score);
      q.bind_ref(p + 13, t.reasons).bind(p + 14, int64_t{r.redactions});
      q.bind_ref(p + 15, t.fallbacks).bind(p + 16, int64_t{r.http_status});
      q.bind_ref(p + 17, r.error).bind(p + 18, r.input_tokens).bind(p + 19, r.output_tokens);
      q.bind(p + 20, int64_t{r.tokens_estimated}).bind(p + 21, r.ttft_ms);
      q.bind(p + 22, r.total_ms).bind(p + 23, tokens_per_sec(r)).bind(p + 24, r.cost_usd);
      q.bind(p + 25, r.cloud_cost_usd).bind_ref(p + 26, t.features);
    }
    q.step();
    if (Status s = q.status(); !s.is_ok()) return s;
    at += n;
  }
  return Status::OK();
}

Status LedgerStore::update_rollups(std::span<const api::RequestRecord> records) {
  using Key = std::tuple<int64_t, std::string_view, std::string_view, int>;
  std::map<Key, Sums> sums;
  std::map<Key, int64_t> buckets;  // the int is the bucket here
  for (const api::RequestRecord& r : records) {
    const int64_t minute = minute_of(r.unix_ms);
    Sums& s = sums[Key{minute, r.tier, r.task, r.http_status}];
    ++s.requests;
    s.errors += r.http_status >= 400 || !r.error.empty() ? 1 : 0;
    s.fallback_requests += r.fallbacks.empty() ? 0 : 1;
    s.fallbacks += static_cast<int64_t>(r.fallbacks.size());
    s.redaction_requests += r.redactions > 0 ? 1 : 0;
    s.redactions += r.redactions;
    s.input_tokens += r.input_tokens;
    s.output_tokens += r.output_tokens;
    s.cost += r.cost_usd;
    s.cloud_cost += r.cloud_cost_usd;
    s.total_ms += r.total_ms;
    ++buckets[Key{minute, r.tier, r.task, latency_bucket(r.total_ms)}];
  }
  for (const auto& [k, s] : sums) {
    Stmt& q = *rollup_;
    q.reset();
    q.bind(1, std::get<0>(k)).bind(2, std::get<1>(k)).bind(3, std::get<2>(k));
    q.bind(4, int64_t{std::get<3>(k)}).bind(5, s.requests).bind(6, s.errors);
    q.bind(7, s.fallback_requests).bind(8, s.fallbacks).bind(9, s.redaction_requests);
    q.bind(10, s.redactions).bind(11, s.input_tokens).bind(12, s.output_tokens);
    q.bind(13, s.cost).bind(14, s.cloud_cost).bind(15, s.total_ms);
    q.step();
    if (Status st = q.status(); !st.is_ok()) return st;
  }
  for (const auto& [k, n] : buckets) {
    Stmt& q = *latency_;
    q.reset();
    q.bind(1, std::get<0>(k)).bind(2, std::get<1>(k)).bind(3, std::get<2>(k));
    q.bind(4, int64_t{std::get<3>(k)}).bind(5, n);
    q.step();
    if (Status st = q.status(); !st.is_ok()) return st;
  }
  return Status::OK();
}

}  // namespace splitpoint::ledger
