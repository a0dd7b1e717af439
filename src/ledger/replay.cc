#include "ledger/replay.h"

#include <cstdio>
#include <map>
#include <optional>
#include <unordered_map>

#include <boost/json.hpp>

#include "ledger/cost_model.h"
#include "ledger/features.h"
#include "ledger/schema.h"
#include "policy/latency_tracker.h"
#include "router/planner.h"

namespace splitpoint::ledger {
namespace {

namespace json = boost::json;

struct Row {
  std::string requested_model, task, pinned, tier, provider, model, endpoint, features;
  int64_t input = 0, output = 0;
  double total_ms = 0, cost = 0, cloud_cost = 0;
};

struct Observed {  // a provider's recorded speed in the window
  double ttft_ms = 0;
  double tokens_per_sec = 0;
};

struct Forecast {
  std::optional<std::size_t> provider;  // nullopt: keep the recorded outcome
  std::string model;
  bool refused = false;
};

struct Accumulator {
  Outcome o;
  LatencyHistogram latency;
  void add(bool local, double cost, double cloud_cost, double ms) {
    (local ? o.local : o.cloud) += 1;
    o.cost_usd += cost;
    o.cloud_cost_usd += cloud_cost;
    ++latency[latency_bucket(ms)];
  }
  Outcome finish() {
    o.local_share = o.local + o.cloud > 0 ? static_cast<double>(o.local) /
                                                static_cast<double>(o.local + o.cloud)
                                          : 0;
    o.savings_usd = o.cloud_cost_usd - o.cost_usd;
    o.p50_ms = histogram_percentile(latency, 0.50);
    o.p95_ms = histogram_percentile(latency, 0.95);
    return o;
  }
};

constexpr std::string_view kWhere = " FROM requests WHERE ts_ms >= ? AND ts_ms < ? AND tier != ''";

Result<std::unordered_map<std::string, Observed>> observed_speeds(Db& db, int64_t since,
                                                                  int64_t until) {
  Stmt q(db, std::string("SELECT provider, avg(ttft_ms) FILTER (WHERE ttft_ms > 0), "
                         "avg(tokens_per_sec) FILTER (WHERE tokens_per_sec > 0)") +
                 std::string(kWhere) + " GROUP BY provider");
  if (!q.ok()) return q.error();
  q.bind(1, since).bind(2, until);
  std::unordered_map<std::string, Observed> out;
  while (q.step()) out[std::string(q.text(0))] = Observed{q.real(1), q.real(2)};
  if (Status s = q.status(); !s.is_ok()) return s;
  return out;
}

class Replayer {
 public:
  Replayer(const router::Planner& planner, const CostModel& cost,
           std::unordered_map<std::string, Observed> speeds)
      : planner_(planner), cost_(cost), speeds_(std::move(speeds)) {}

  void add(const Row& r, ReplayResult& result) {
    ++result.requests;
    actual_.add(r.tier == "local", r.cost, r.cloud_cost, r.total_ms);
    const Forecast f = forecast(r, result);
    if (!f.provider) {  // kept as recorded
      forecast_.add(r.tier == "local", r.cost, r.cloud_cost, r.total_ms);
      return;
    }
    const ProviderDescriptor& p = planner_.config().providers[*f.provider];
    const bool local = p.tier == Tier::kLocal;
    if (tier_name(p.tier) != r.tier) ++result.changed;
    const double ms = p.name == r.provider ? r.total_ms : latency_ms(p, r.output);
    const double cost = cost_.cost(*f.provider, f.model, r.input, r.output, ms);
    const double cloud = local ? cost_.counterfactual(is_embedding_endpoint(r.endpoint), r.input,
                                                      r.output)
                               : cost;
    forecast_.add(local, cost, cloud, ms);
  }
  void finish(ReplayResult& result) {
    result.actual = actual_.finish();
    result.forecast = forecast_.finish();
  }

 private:
  Forecast forecast(const Row& r, ReplayResult& result) const {
    Forecast f;
    if (is_embedding_endpoint(r.endpoint)) {
      EmbedRequest req;
      req.model = r.requested_model;
      return from_decision(planner_.router().route_embed(req, r.pinned), result);
    }
    ChatRequest req;
    req.model = r.requested_model;
    if (!planner_.chain().is_auto(r.requested_model)) {
      return from_decision(planner_.router().route_chat(req, r.pinned), result);
    }
    auto stored = r.features.empty() ? Result<StoredFacts>(Status::invalid("none"))
                                     : decode_features(r.features);
    if (!stored.ok()) {
      ++result.no_features;
      return f;
    }
    const policy::RequestFacts facts = to_request_facts(*stored, req, r.pinned, r.task);
    const router::PolicyChain::Decision d = planner_.chain().decide(facts);
    if (!d.ok() || d.order.empty()) {
      ++result.unroutable;
      return f;
    }
    f.provider = d.order.front();
    f.model = planner_.config().providers[d.order.front()].chat_model;
    return f;
  }
  Forecast from_decision(const Result<router::Decision>& d, ReplayResult& result) const {
    Forecast f;
    if (!d.ok()) {
      ++result.unroutable;
      return f;
    }
    f.provider = d->provider_index;
    f.model = d->model;
    return f;
  }
  double latency_ms(const ProviderDescriptor& p, int64_t output) const {
    policy::LatencyEstimate e = policy::LatencyTracker::seed(p);
    if (auto it = speeds_.find(p.name); it != speeds_.end()) {
      if (it->second.ttft_ms > 0) e.ttft_ms = it->second.ttft_ms;
      if (it->second.tokens_per_sec > 0) e.tokens_per_sec = it->second.tokens_per_sec;
    }
    return e.ttft_ms + static_cast<double>(output) * 1000.0 / e.tokens_per_sec;
  }

  const router::Planner& planner_;
  const CostModel& cost_;
  std::unordered_map<std::string, Observed> speeds_;
  Accumulator actual_, forecast_;
};

json::object outcome_json(const Outcome& o) {
  return json::object{{"local", o.local},           {"cloud", o.cloud},
                      {"local_share", o.local_share}, {"cost_usd", o.cost_usd},
                      {"cloud_cost_usd", o.cloud_cost_usd}, {"savings_usd", o.savings_usd},
                      {"p50_ms", o.p50_ms},         {"p95_ms", o.p95_ms}};
}

}  // namespace

Result<ReplayResult> replay(Db& db, std::shared_ptr<const config::Config> next, int64_t since_ms,
                            int64_t until_ms, const ReplayProgress& progress) {
  if (schema_version(db) < 1) {
    return Status::invalid("\"" + db.path() + "\" is not a splitpoint ledger (or is empty)");
  }
  auto planner = router::Planner::create(next, policy::LiveState{});
  if (!planner.ok()) return planner.status();
  auto speeds = observed_speeds(db, since_ms, until_ms);
  if (!speeds.ok()) return speeds.status();
  Stmt count(db, "SELECT count(*)" + std::string(kWhere));
  if (!count.ok()) return count.error();
  count.bind(1, since_ms).bind(2, until_ms);
  const int64_t total = count.step() ? count.int64(0) : 0;
  Stmt q(db,
         "SELECT requested_model, task, pinned_tier, tier, provider, model, endpoint, features, "
         "input_tokens, output_tokens, total_ms, cost_usd, cloud_cost_usd" +
             std::string(kWhere) + " ORDER BY ts_ms");
  if (!q.ok()) return q.error();
  q.bind(1, since_ms).bind(2, until_ms);
  const CostModel cost(*next);
  Replayer replayer(**planner, cost, std::move(speeds).value());
  ReplayResult result;
  Row r;
  for (int64_t k = 0; q.step(); ++k) {
    if (progress && k % 1000 == 0) progress(k, total);
    r.requested_model = q.text(0), r.task = q.text(1), r.pinned = q.text(2), r.tier = q.text(3);
    r.provider = q.text(4), r.model = q.text(5), r.endpoint = q.text(6), r.features = q.text(7);
    r.input = q.int64(8), r.output = q.int64(9);
    r.total_ms = q.real(10), r.cost = q.real(11), r.cloud_cost = q.real(12);
    replayer.add(r, result);
  }
  if (Status s = q.status(); !s.is_ok()) return s;
  if (progress) progress(total, total);
  replayer.finish(result);
  return result;
}

std::string replay_json(const ReplayResult& r) {
  const json::object o{{"requests", r.requests},
                       {"changed", r.changed},
                       {"no_features", r.no_features},
                       {"unroutable", r.unroutable},
                       {"actual", outcome_json(r.actual)},
                       {"forecast", outcome_json(r.forecast)}};
  return json::serialize(o);
}

std::string replay_table(const ReplayResult& r) {
  std::string out;
  char line[200];
  std::snprintf(line, sizeof line,
                "requests %lld   tier changed %lld   kept (no features) %lld   refused by NEW "
                "%lld\n\n%-14s %14s %14s\n",
                static_cast<long long>(r.requests), static_cast<long long>(r.changed),
                static_cast<long long>(r.no_features), static_cast<long long>(r.unroutable), "",
                "actual", "forecast");
  out += line;
  const auto row = [&](const char* name, const char* fmt, double a, double f) {
    char av[32], fv[32];
    std::snprintf(av, sizeof av, fmt, a);
    std::snprintf(fv, sizeof fv, fmt, f);
    std::snprintf(line, sizeof line, "%-14s %14s %14s\n", name, av, fv);
    out += line;
  };
  const Outcome& a = r.actual;
  const Outcome& f = r.forecast;
  row("local share", "%.1f%%", 100 * a.local_share, 100 * f.local_share);
  row("local", "%.0f", static_cast<double>(a.local), static_cast<double>(f.local));
  row("cloud", "%.0f", static_cast<double>(a.cloud), static_cast<double>(f.cloud));
  row("cost", "$%.4f", a.cost_usd, f.cost_usd);
  row("savings", "$%.4f", a.savings_usd, f.savings_usd);
  row("latency p50", "%.0f ms", a.p50_ms, f.p50_ms);
  row("latency p95", "%.0f ms", a.p95_ms, f.p95_ms);
  return out;
}

}  // namespace splitpoint::ledger
