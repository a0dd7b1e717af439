#include "metrics/prometheus.h"

#include "metrics/text_format.h"

namespace splitpoint::metrics {
namespace {

void requests(TextWriter& w, const Totals& t) {
  w.family("splitpoint_requests_total", "counter",
           "Finished requests by tier, provider, front door and HTTP status.");
  for (const auto& [k, n] : t.requests) {
    w.sample("splitpoint_requests_total",
             {{"tier", k[0]}, {"provider", k[1]}, {"door", k[2]}, {"status", k[3]}},
             static_cast<double>(n));
  }
}

void latencies(TextWriter& w, const Totals& t) {
  w.family("splitpoint_request_duration_seconds", "histogram",
           "Arrival to last byte sent, by tier and provider.");
  for (const auto& [k, h] : t.total_latency) {
    w.histogram("splitpoint_request_duration_seconds", {{"tier", k[0]}, {"provider", k[1]}}, h);
  }
  w.family("splitpoint_time_to_first_token_seconds", "histogram",
           "Arrival to the first streamed token (streams only), by tier and provider.");
  for (const auto& [k, h] : t.ttft) {
    w.histogram("splitpoint_time_to_first_token_seconds", {{"tier", k[0]}, {"provider", k[1]}},
                h);
  }
}

void tokens_and_cost(TextWriter& w, const Totals& t) {
  w.family("splitpoint_tokens_total", "counter", "Tokens by provider and direction (input, output).");
  for (const auto& [p, tok] : t.tokens) {
    w.sample("splitpoint_tokens_total", {{"provider", p}, {"direction", "input"}},
             static_cast<double>(tok.input));
    w.sample("splitpoint_tokens_total", {{"provider", p}, {"direction", "output"}},
             static_cast<double>(tok.output));
  }
  w.family("splitpoint_cost_usd_total", "counter", "What the requests cost, in USD.");
  for (const auto& [k, m] : t.cost) {
    w.sample("splitpoint_cost_usd_total", {{"tier", k[0]}, {"provider", k[1]}}, m.cost_usd);
  }
  w.family("splitpoint_cloud_cost_usd_total", "counter",
           "What the same tokens would have cost at the reference cloud price, in USD.");
  for (const auto& [k, m] : t.cost) {
    w.sample("splitpoint_cloud_cost_usd_total", {{"tier", k[0]}, {"provider", k[1]}},
             m.cloud_cost_usd);
  }
}

void routing(TextWriter& w, const Totals& t) {
  w.family("splitpoint_fallbacks_total", "counter",
           "Provider calls that failed before answering and passed the request on, by provider.");
  for (const auto& [p, n] : t.fallbacks) {
    w.sample("splitpoint_fallbacks_total", {{"provider", p}}, static_cast<double>(n));
  }
  w.family("splitpoint_routing_reasons_total", "counter",
           "Reasons given by the routing decisions, by kind of policy or rule.");
  for (const auto& [k, n] : t.reasons) {
    w.sample("splitpoint_routing_reasons_total", {{"kind", k}}, static_cast<double>(n));
  }
  w.family("splitpoint_redactions_total", "counter", "Values masked before a cloud call.");
  w.sample("splitpoint_redactions_total", {}, static_cast<double>(t.redactions));
  w.family("splitpoint_redacted_requests_total", "counter",
           "Requests with at least one masked value.");
  w.sample("splitpoint_redacted_requests_total", {}, static_cast<double>(t.redacted_requests));
}

// The circuit as an enum (one sample per state, 1 for the current one), the older "not closed"
// gauge, and the rate-limit hold.
void circuits(TextWriter& w, const std::vector<ProviderState>& providers) {
  w.family("splitpoint_circuit_state", "gauge",
           "1 for the provider's current circuit state (closed, open, half_open), else 0.");
  for (const auto& p : providers) {
    for (const char* state : {"closed", "open", "half_open"}) {
      w.sample("splitpoint_circuit_state",
               {{"provider", p.name}, {"tier", p.tier}, {"state", state}},
               p.circuit == state ? 1 : 0);
    }
  }
  w.family("splitpoint_circuit_open", "gauge",
           "1 while the provider's circuit is not closed (open or half_open), else 0.");
  for (const auto& p : providers) {
    w.sample("splitpoint_circuit_open", {{"provider", p.name}, {"tier", p.tier}},
             p.circuit == "closed" ? 0 : 1);
  }
  w.family("splitpoint_provider_held", "gauge",
           "1 while the provider is held out of service by an upstream 429's Retry-After, else 0.");
  for (const auto& p : providers) {
    w.sample("splitpoint_provider_held", {{"provider", p.name}, {"tier", p.tier}}, p.held ? 1 : 0);
  }
}

}  // namespace

std::string prometheus_text(const Snapshot& snap, const std::vector<ProviderState>& providers) {
  TextWriter w;
  requests(w, snap.totals);
  latencies(w, snap.totals);
  tokens_and_cost(w, snap.totals);
  routing(w, snap.totals);
  circuits(w, providers);
  w.family("splitpoint_start_time_seconds", "gauge", "When the gateway started (unix seconds).");
  w.sample("splitpoint_start_time_seconds", {}, static_cast<double>(snap.started_ms) / 1000.0);
  return w.take();
}

}  // namespace splitpoint::metrics
