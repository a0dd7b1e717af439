#include "ledger/schema.h"

#include <string>

namespace splitpoint::ledger {
namespace {

// Each entry takes the file from version i to i+1. Append; never edit a shipped step.
constexpr const char* kMigrations[] = {
    // 0 -> 1
    R"sql(
CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  ts_ms INTEGER NOT NULL,
  caller TEXT NOT NULL, door TEXT NOT NULL, endpoint TEXT NOT NULL,
  requested_model TEXT NOT NULL, task TEXT NOT NULL, pinned_tier TEXT NOT NULL,
  stream INTEGER NOT NULL,
  tier TEXT NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL,
  score REAL NOT NULL, reasons TEXT NOT NULL, redactions INTEGER NOT NULL,
  fallbacks TEXT NOT NULL,
  http_status INTEGER NOT NULL, error TEXT NOT NULL,
  input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
  tokens_estimated INTEGER NOT NULL,
  ttft_ms REAL NOT NULL, total_ms REAL NOT NULL, tokens_per_sec REAL NOT NULL,
  cost_usd REAL NOT NULL, cloud_cost_usd REAL NOT NULL,
  features TEXT NOT NULL
);
CREATE INDEX requests_ts ON requests (ts_ms);
CREATE TABLE rollup (
  minute INTEGER NOT NULL, tier TEXT NOT NULL, task TEXT NOT NULL, http_status INTEGER NOT NULL,
  requests INTEGER NOT NULL, errors INTEGER NOT NULL,
  fallback_requests INTEGER NOT NULL, fallbacks INTEGER NOT NULL,
  redaction_requests INTEGER NOT NULL, redactions INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
  cost_usd REAL NOT NULL, cloud_cost_usd REAL NOT NULL, total_ms REAL NOT NULL,
  PRIMARY KEY (minute, tier, task, http_status)
) WITHOUT ROWID;
CREATE TABLE rollup_latency (
  minute INTEGER NOT NULL, tier TEXT NOT NULL, task TEXT NOT NULL, bucket INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (minute, tier, task, bucket)
) WITHOUT ROWID;
)sql",
};

}  // namespace

double histogram_percentile(const LatencyHistogram& h, double p) {
  int64_t total = 0;
  for (const auto& [b, n] : h) total += n;
  if (total == 0) return 0;
  const auto rank = static_cast<int64_t>(p * static_cast<double>(total - 1));
  int64_t seen = 0;
  for (const auto& [b, n] : h) {
    seen += n;
    if (seen > rank) return bucket_ms(b);
  }
  return bucket_ms(h.rbegin()->first);
}

int schema_version(Db& db) {
  Stmt q(db, "PRAGMA user_version");
  return q.ok() && q.step() ? static_cast<int>(q.int64(0)) : 0;
}

Status migrate(Db& db) {
  const int have = schema_version(db);
  if (have > kSchemaVersion) {
    return Status::invalid("ledger \"" + db.path() + "\": schema version " + std::to_string(have) +
                           " is newer than this splitpoint understands (" +
                           std::to_string(kSchemaVersion) + ")");
  }
  for (int v = have; v < kSchemaVersion; ++v) {
    const std::string step = std::string("BEGIN IMMEDIATE;") + kMigrations[v] +
                             "PRAGMA user_version = " + std::to_string(v + 1) + "; COMMIT;";
    if (Status s = db.exec(step); !s.is_ok()) {
      (void)db.exec("ROLLBACK");
      return s;
    }
  }
  return Status::OK();
}

}  // namespace splitpoint::ledger
