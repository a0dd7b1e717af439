// The values LiveStats aggregates, as plain copyable data: what one shard holds and what a merged
// snapshot of all shards returns to /metrics and /ui/api/summary. Not thread-safe on their own.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "metrics/histogram.h"

namespace splitpoint::metrics {

// Label values of splitpoint_requests_total: tier, provider, door, HTTP status.
using RequestKey = std::array<std::string, 4>;
// tier, provider.
using TierProvider = std::array<std::string, 2>;

struct Money {
  double cost_usd = 0;
  double cloud_cost_usd = 0;  // the same tokens at the reference cloud price
};

struct Tokens {
  int64_t input = 0;
  int64_t output = 0;
};

// Everything counted since start, keyed by bounded labels.
struct Totals {
  std::map<RequestKey, uint64_t> requests;
  std::map<TierProvider, Histogram> total_latency;
  std::map<TierProvider, Histogram> ttft;
  std::map<std::string, Tokens> tokens;  // by provider
  std::map<TierProvider, Money> cost;
  std::map<std::string, uint64_t> fallbacks;  // by the provider that failed
  std::map<std::string, uint64_t, std::less<>> reasons;  // by reason_kind()
  uint64_t redactions = 0;                    // values masked
  uint64_t redacted_requests = 0;

  void merge(const Totals& other);
};

// One finished request as the dashboard's table shows it.
struct Decision {
  uint64_t seq = 0;  // arrival order at the recorder (newest has the largest)
  int64_t unix_ms = 0;
  std::string door, requested_model, model, tier, provider;
  std::vector<std::string> reasons;
  std::vector<std::string> fallbacks;
  int redactions = 0;
  int http_status = 0;
  std::string error;
  double total_ms = 0;
  double cost_usd = 0;
};

// One minute of traffic (by the request's arrival time).
struct Minute {
  int64_t minute = 0;  // unix time / 60
  uint64_t requests = 0, local = 0, cloud = 0, errors = 0;
  double cost_usd = 0, cloud_cost_usd = 0;
  Histogram local_latency, cloud_latency;

  void merge(const Minute& other);
};

// A provider's health as the health board and the health checker see it now.
struct ProviderState {
  std::string name;
  std::string tier;        // "local" | "cloud"
  bool healthy = true;     // the router may pick it now (circuit closed or trial free, not held)
  std::string circuit = "closed";  // policy::circuit_name(): "closed" | "open" | "half_open"
  bool held = false;       // held out of service by an upstream 429's Retry-After
  std::vector<std::string> loaded_models;  // Ollama /api/ps at the last probe (else empty)
};

struct Snapshot {
  int64_t now_ms = 0;
  int64_t started_ms = 0;
  Totals totals;
  std::vector<Decision> latest;  // newest first, at most LiveStats::kLatest
  std::vector<Minute> minutes;   // oldest first, one per minute up to now (gaps filled with 0)
};

}  // namespace splitpoint::metrics
