#include "ledger/report.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <vector>

#include <boost/json.hpp>

#include "ledger/schema.h"

namespace splitpoint::ledger {
namespace {

namespace json = boost::json;

using Histogram = LatencyHistogram;

std::string group_name(std::string_view s) { return s.empty() ? "none" : std::string(s); }

void add_sums(GroupStats& g, const Stmt& q) {
  g.requests += q.int64(3);
  g.errors += q.int64(4);
  g.cost_usd += q.real(11);
  g.cloud_cost_usd += q.real(12);
}

Status read_totals(Db& db, int64_t from_minute, int64_t to_minute, Report& r) {
  Stmt q(db,
         "SELECT tier, task, http_status, sum(requests), sum(errors), sum(fallback_requests), "
         "sum(fallbacks), sum(redaction_requests), sum(redactions), sum(input_tokens), "
         "sum(output_tokens), sum(cost_usd), sum(cloud_cost_usd) FROM rollup "
         "WHERE minute >= ? AND minute < ? GROUP BY tier, task, http_status");
  if (!q.ok()) return q.error();
  q.bind(1, from_minute).bind(2, to_minute);
  while (q.step()) {
    const std::string tier = group_name(q.text(0));
    const int status = static_cast<int>(q.int64(2));
    const int64_t n = q.int64(3);
    r.requests += n;
    if (tier == "local") r.local += n;
    if (tier == "cloud") r.cloud += n;
    r.errors += q.int64(4);
    if (status >= 400) r.errors_by_status[status] += n;
    if (status < 400) r.mid_stream_errors += q.int64(4);
    r.fallback_requests += q.int64(5);
    r.fallbacks += q.int64(6);
    r.redaction_requests += q.int64(7);
    r.redactions += q.int64(8);
    r.input_tokens += q.int64(9);
    r.output_tokens += q.int64(10);
    r.cost_usd += q.real(11);
    r.cloud_cost_usd += q.real(12);
    add_sums(r.tiers[tier], q);
    add_sums(r.tasks[group_name(q.text(1))], q);
  }
  return q.status();
}

Status read_latency(Db& db, int64_t from_minute, int64_t to_minute, Report& r) {
  Stmt q(db,
         "SELECT tier, task, bucket, sum(count) FROM rollup_latency "
         "WHERE minute >= ? AND minute < ? GROUP BY tier, task, bucket");
  if (!q.ok()) return q.error();
  q.bind(1, from_minute).bind(2, to_minute);
  std::map<std::string, Histogram> tiers, tasks;
  while (q.step()) {
    const int bucket = static_cast<int>(q.int64(2));
    tiers[group_name(q.text(0))][bucket] += q.int64(3);
    tasks[group_name(q.text(1))][bucket] += q.int64(3);
  }
  for (auto& [name, h] : tiers) {
    r.tiers[name].p50_ms = histogram_percentile(h, 0.50);
    r.tiers[name].p95_ms = histogram_percentile(h, 0.95);
  }
  for (auto& [name, h] : tasks) {
    r.tasks[name].p50_ms = histogram_percentile(h, 0.50);
    r.tasks[name].p95_ms = histogram_percentile(h, 0.95);
  }
  return q.status();
}

json::object group_json(const GroupStats& g) {
  return json::object{{"requests", g.requests},          {"errors", g.errors},
                      {"cost_usd", g.cost_usd},          {"cloud_cost_usd", g.cloud_cost_usd},
                      {"p50_ms", g.p50_ms},              {"p95_ms", g.p95_ms}};
}

std::string money(double usd) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "$%.4f", usd);
  return buf;
}

void append_groups(std::string& out, const char* title,
                   const std::map<std::string, GroupStats>& groups) {
  char line[160];
  std::snprintf(line, sizeof line, "\n%-16s %10s %8s %12s %10s %10s\n", title, "requests",
                "errors", "cost", "p50", "p95");
  out += line;
  for (const auto& [name, g] : groups) {
    std::snprintf(line, sizeof line, "%-16.16s %10lld %8lld %12s %8.1fms %8.1fms\n",
                  name.c_str(), static_cast<long long>(g.requests),
                  static_cast<long long>(g.errors), money(g.cost_usd).c_str(), g.p50_ms,
                  g.p95_ms);
    out += line;
  }
}

}  // namespace

Result<int64_t> parse_duration_ms(std::string_view text) {
  int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  int64_t scale = 0;
  if (unit == "s") scale = 1000;
  if (unit == "m") scale = 60'000;
  if (unit == "h") scale = 3'600'000;
  if (unit == "d") scale = 86'400'000;
  if (unit == "w") scale = 7 * 86'400'000LL;
  if (ec != std::errc() || n <= 0 || scale == 0) {
    return Status::invalid("bad duration \"" + std::string(text) +
                           "\": a positive number with s, m, h, d or w (e.g. 24h, 7d)");
  }
  return n * scale;
}

Result<Report> build_report(Db& db, int64_t since_ms, int64_t until_ms) {
  if (schema_version(db) < 1) {
    return Status::invalid("\"" + db.path() + "\" is not a splitpoint ledger (or is empty)");
  }
  Report r;
  const int64_t from_minute = since_ms / 60000;
  const int64_t to_minute = (until_ms + 59999) / 60000;
  r.since_ms = from_minute * 60000;
  r.until_ms = until_ms;
  if (Status s = read_totals(db, from_minute, to_minute, r); !s.is_ok()) return s;
  if (Status s = read_latency(db, from_minute, to_minute, r); !s.is_ok()) return s;
  r.local_share = r.local + r.cloud > 0
                      ? static_cast<double>(r.local) / static_cast<double>(r.local + r.cloud)
                      : 0;
  r.savings_usd = r.cloud_cost_usd - r.cost_usd;
  return r;
}

std::string report_json(const Report& r) {
  json::object tiers, tasks, by_status;
  for (const auto& [name, g] : r.tiers) tiers[name] = group_json(g);
  for (const auto& [name, g] : r.tasks) tasks[name] = group_json(g);
  for (const auto& [status, n] : r.errors_by_status) by_status[std::to_string(status)] = n;
  json::object o{{"version", 1},
                 {"since_ms", r.since_ms},
                 {"until_ms", r.until_ms},
                 {"requests", r.requests},
                 {"local", r.local},
                 {"cloud", r.cloud},
                 {"local_share", r.local_share},
                 {"cost_usd", r.cost_usd},
                 {"cloud_cost_usd", r.cloud_cost_usd},
                 {"savings_usd", r.savings_usd},
                 {"input_tokens", r.input_tokens},
                 {"output_tokens", r.output_tokens}};
  o["tiers"] = std::move(tiers);
  o["tasks"] = std::move(tasks);
  o["fallbacks"] = json::object{{"requests", r.fallback_requests}, {"total", r.fallbacks}};
  o["errors"] = json::object{{"total", r.errors},
                             {"by_status", std::move(by_status)},
                             {"mid_stream", r.mid_stream_errors}};
  o["redactions"] = json::object{{"requests", r.redaction_requests}, {"values", r.redactions}};
  return json::serialize(o);
}

std::string report_table(const Report& r) {
  std::string out;
  char line[200];
  std::snprintf(line, sizeof line,
                "requests %lld   local %lld   cloud %lld   local share %.1f%%\n"
                "cost %s   cloud counterfactual %s   savings %s\n"
                "tokens in %lld   out %lld\n",
                static_cast<long long>(r.requests), static_cast<long long>(r.local),
                static_cast<long long>(r.cloud), 100 * r.local_share, money(r.cost_usd).c_str(),
                money(r.cloud_cost_usd).c_str(), money(r.savings_usd).c_str(),
                static_cast<long long>(r.input_tokens), static_cast<long long>(r.output_tokens));
  out += line;
  append_groups(out, "tier", r.tiers);
  append_groups(out, "task", r.tasks);
  std::snprintf(line, sizeof line,
                "\nfallbacks %lld (in %lld requests)   redactions %lld (in %lld requests)\n"
                "errors %lld   mid-stream %lld",
                static_cast<long long>(r.fallbacks), static_cast<long long>(r.fallback_requests),
                static_cast<long long>(r.redactions), static_cast<long long>(r.redaction_requests),
                static_cast<long long>(r.errors), static_cast<long long>(r.mid_stream_errors));
  out += line;
  for (const auto& [status, n] : r.errors_by_status) {
    std::snprintf(line, sizeof line, "   %d: %lld", status, static_cast<long long>(n));
    out += line;
  }
  out += '\n';
  return out;
}

}  // namespace splitpoint::ledger
