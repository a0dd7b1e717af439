// `splitpoint report`: what the ledger says about a time window, from the per-minute rollups
// (a few thousand rows per day whatever the traffic), so a day of 10 million requests answers
// in milliseconds. Latency percentiles come from the rollup histograms (within 2.5%).
// The JSON form is a stable object documented in docs/ledger.md ("report JSON").
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "ledger/sqlite.h"

namespace splitpoint::ledger {

// "90s", "45m", "24h", "7d", "2w" -> milliseconds. Errors: kInvalidArgument naming the text.
Result<int64_t> parse_duration_ms(std::string_view text);

struct GroupStats {
  int64_t requests = 0;
  int64_t errors = 0;
  double cost_usd = 0;
  double cloud_cost_usd = 0;
  double p50_ms = 0;
  double p95_ms = 0;
};

struct Report {
  int64_t since_ms = 0;  // window start (rounded down to the minute)
  int64_t until_ms = 0;
  int64_t requests = 0;
  int64_t local = 0;
  int64_t cloud = 0;
  double local_share = 0;  // local / (local + cloud); 0 without routed requests
  double cost_usd = 0;
  double cloud_cost_usd = 0;
  double savings_usd = 0;
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  std::map<std::string, GroupStats> tiers;  // "local", "cloud", "none" (refused before routing)
  std::map<std::string, GroupStats> tasks;  // X-Splitpoint-Task; "none" without one
  int64_t fallback_requests = 0;
  int64_t fallbacks = 0;
  int64_t errors = 0;                     // status >= 400, or an error after a 200 began
  std::map<int, int64_t> errors_by_status;  // status >= 400
  int64_t mid_stream_errors = 0;            // a 200 stream that ended with an error
  int64_t redaction_requests = 0;
  int64_t redactions = 0;
};

// Reads the window [since_ms, until_ms) from an open ledger. Errors: kInternal (SQLite), or
// kInvalidArgument for a file that is not a ledger.
Result<Report> build_report(Db& db, int64_t since_ms, int64_t until_ms);

std::string report_json(const Report& report);
// An aligned table for a terminal.
std::string report_table(const Report& report);

}  // namespace splitpoint::ledger
