// The ledger's SQLite schema and its versioning (PRAGMA user_version), docs/ledger.md.
//
// Tables: `requests` (one row per request, indexed by time), `rollup` (per minute, tier, task
// and HTTP status: counts and sums) and `rollup_latency` (per minute, tier and task: a latency
// histogram), so that `report` reads a few thousand rows for a day whatever the traffic.
#pragma once

#include <cmath>
#include <cstdint>
#include <map>

#include "ledger/sqlite.h"

namespace splitpoint::ledger {

inline constexpr int kSchemaVersion = 1;

// Brings the file to kSchemaVersion (creating it when empty), in one transaction per step.
// Errors: kFailedPrecondition-like kInvalidArgument when the file is newer than this program,
// kInternal for SQLite errors.
Status migrate(Db& db);
// The file's schema version (0: empty or not a ledger).
int schema_version(Db& db);

// Latency histogram: bucket b holds [1.05^b, 1.05^(b+1)) ms (b = 0 below 1 ms), so a percentile
// read from it is within 2.5% of the exact value.
inline int latency_bucket(double ms) {
  if (!(ms > 1)) return 0;
  const int b = static_cast<int>(std::log(ms) / std::log(1.05));
  return b < 0 ? 0 : (b > 600 ? 600 : b);
}
// The value a bucket stands for (its geometric middle).
inline double bucket_ms(int bucket) {
  return bucket == 0 ? 0.5 : std::pow(1.05, bucket + 0.5);
}

// bucket -> count; the p-quantile (0..1) of a histogram in ms, 0 when empty.
using LatencyHistogram = std::map<int, int64_t>;
double histogram_percentile(const LatencyHistogram& histogram, double p);

}  // namespace splitpoint::ledger
