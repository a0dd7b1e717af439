#include "metrics/snapshot.h"

namespace splitpoint::metrics {
namespace {

template <typename Map, typename Add>
void merge_map(Map& into, const Map& from, Add add) {
  for (const auto& [k, v] : from) add(into[k], v);
}

}  // namespace

void Totals::merge(const Totals& o) {
  merge_map(requests, o.requests, [](uint64_t& a, uint64_t b) { a += b; });
  merge_map(total_latency, o.total_latency, [](Histogram& a, const Histogram& b) { a.merge(b); });
  merge_map(ttft, o.ttft, [](Histogram& a, const Histogram& b) { a.merge(b); });
  merge_map(tokens, o.tokens, [](Tokens& a, const Tokens& b) {
    a.input += b.input;
    a.output += b.output;
  });
  merge_map(cost, o.cost, [](Money& a, const Money& b) {
    a.cost_usd += b.cost_usd;
    a.cloud_cost_usd += b.cloud_cost_usd;
  });
  merge_map(fallbacks, o.fallbacks, [](uint64_t& a, uint64_t b) { a += b; });
  merge_map(reasons, o.reasons, [](uint64_t& a, uint64_t b) { a += b; });
  redactions += o.redactions;
  redacted_requests += o.redacted_requests;
}

void Minute::merge(const Minute& o) {
  requests += o.requests;
  local += o.local;
  cloud += o.cloud;
  errors += o.errors;
  cost_usd += o.cost_usd;
  cloud_cost_usd += o.cloud_cost_usd;
  local_latency.merge(o.local_latency);
  cloud_latency.merge(o.cloud_latency);
}

}  // namespace splitpoint::metrics
