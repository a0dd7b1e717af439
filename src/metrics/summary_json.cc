#include "metrics/summary_json.h"

#include <boost/json.hpp>

namespace splitpoint::metrics {
namespace json = boost::json;
namespace {

double share(uint64_t local, uint64_t cloud) {
  return local + cloud == 0 ? 0.0 : static_cast<double>(local) / static_cast<double>(local + cloud);
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object totals(const Totals& t) {
  uint64_t n = 0, local = 0, cloud = 0, errors = 0, fallbacks = 0;
  for (const auto& [k, c] : t.requests) {
    n += c;
    if (k[0] == "local") local += c;
    if (k[0] == "cloud") cloud += c;
    if (k[3].size() == 3 && k[3] >= "400") errors += c;
  }
  double cost = 0, cloud_cost = 0;
  for (const auto& [k, m] : t.cost) {
    cost += m.cost_usd;
    cloud_cost += m.cloud_cost_usd;
  }
  int64_t in = 0, out = 0;
  for (const auto& [p, tok] : t.tokens) {
    in += tok.input;
    out += tok.output;
  }
  for (const auto& [p, c] : t.fallbacks) fallbacks += c;
  return {{"requests", n},         {"local", local},           {"cloud", cloud},
          {"errors", errors},      {"local_share", share(local, cloud)},
          {"cost_usd", cost},      {"cloud_cost_usd", cloud_cost},
          {"savings_usd", cloud_cost - cost},
          {"input_tokens", in},    {"output_tokens", out},     {"fallbacks", fallbacks},
          {"redactions", t.redactions}};
}

json::object tiers(const Totals& t) {
  json::object out;
  for (const char* tier : {"local", "cloud"}) {
    Histogram total, ttft;
    for (const auto& [k, h] : t.total_latency) {
      if (k[0] == tier) total.merge(h);
    }
    for (const auto& [k, h] : t.ttft) {
      if (k[0] == tier) ttft.merge(h);
    }
    out[tier] = {{"requests", total.count},
                 {"p50_ms", total.quantile(0.5) * 1000},
                 {"p95_ms", total.quantile(0.95) * 1000},
                 {"mean_ms", total.count ? total.sum * 1000 / total.count : 0.0},
                 {"ttft_p50_ms", ttft.quantile(0.5) * 1000},
                 {"ttft_p95_ms", ttft.quantile(0.95) * 1000}};
  }
  return out;
}

json::array providers_json(const Totals& t, const std::vector<ProviderState>& providers) {
  json::array out;
  for (const auto& p : providers) {
    uint64_t n = 0;
    for (const auto& [k, c] : t.requests) {
      if (k[1] == p.name) n += c;
    }
    const auto fb = t.fallbacks.find(p.name);
    out.push_back({{"name", p.name},
                   {"tier", p.tier},
                   {"healthy", p.healthy},
                   {"circuit", p.circuit},
                   {"held", p.held},
                   {"loaded_models", strings(p.loaded_models)},
                   {"requests", n},
                   {"fallbacks", fb == t.fallbacks.end() ? 0 : fb->second}});
  }
  return out;
}

json::array latest(const std::vector<Decision>& ds) {
  json::array out;
  for (const auto& d : ds) {
    out.push_back({{"unix_ms", d.unix_ms},
                   {"door", d.door},
                   {"model", d.requested_model},
                   {"upstream_model", d.model},
                   {"tier", d.tier},
                   {"provider", d.provider},
                   {"reasons", strings(d.reasons)},
                   {"fallbacks", strings(d.fallbacks)},
                   {"redactions", d.redactions},
                   {"status", d.http_status},
                   {"error", d.error},
                   {"ms", d.total_ms},
                   {"cost_usd", d.cost_usd}});
  }
  return out;
}

json::array series(const std::vector<Minute>& minutes) {
  json::array out;
  for (const auto& m : minutes) {
    out.push_back({{"unix_ms", m.minute * 60000},
                   {"requests", m.requests},
                   {"local", m.local},
                   {"cloud", m.cloud},
                   {"errors", m.errors},
                   {"local_share", share(m.local, m.cloud)},
                   {"cost_usd", m.cost_usd},
                   {"savings_usd", m.cloud_cost_usd - m.cost_usd},
                   {"p50_local_ms", m.local_latency.quantile(0.5) * 1000},
                   {"p50_cloud_ms", m.cloud_latency.quantile(0.5) * 1000}});
  }
  return out;
}

}  // namespace

std::string summary_json(const Snapshot& snap, const std::vector<ProviderState>& providers) {
  json::object reasons;
  for (const auto& [k, n] : snap.totals.reasons) reasons[k] = n;
  const json::object root{{"now_ms", snap.now_ms},
                          {"started_ms", snap.started_ms},
                          {"totals", totals(snap.totals)},
                          {"tiers", tiers(snap.totals)},
                          {"providers", providers_json(snap.totals, providers)},
                          {"reasons", std::move(reasons)},
                          {"latest", latest(snap.latest)},
                          {"series", series(snap.minutes)}};
  return json::serialize(root);
}

}  // namespace splitpoint::metrics
