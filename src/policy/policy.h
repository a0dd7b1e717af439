// The routing policies: small pure objects evaluated in a configured order (Envoy's filter chain;
// the router is only the last step). Each policy reads the request's precomputed facts and the
// live state snapshot and narrows or steers the Verdict; none does I/O. Thread-safe: policies are
// immutable after construction and evaluate() is const.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "complexity/features.h"
#include "privacy/detector.h"
#include "splitpoint/model.h"
#include "splitpoint/status.h"

namespace splitpoint::policy {

// What is known about the request before any policy runs (computed once per request).
struct RequestFacts {
  const ChatRequest* request = nullptr;  // borrowed
  std::string_view pinned_tier;          // X-Splitpoint-Tier ("" if absent)
  std::string_view task;                 // X-Splitpoint-Task ("" if absent)
  bool automatic = false;                // model is "auto" or a configured auto name
  int64_t input_tokens = 0;              // estimate
  int64_t output_tokens = 0;             // requested max_tokens or an estimate
  bool has_image = false;
  bool has_tools = false;
  complexity::Features features{};
  std::vector<privacy::Finding> findings;  // over all request text
};

// One provider as the policies see it: descriptor facts plus live state.
struct Candidate {
  std::size_t index = 0;  // into Config::providers
  std::string_view name;  // the provider's name (borrowed from the Config)
  Tier tier = Tier::kLocal;
  bool healthy = true;
  bool vision = true;
  bool tools = true;
  int64_t context_tokens = 0;
  double ttft_ms = 0;         // live EWMA estimate
  double tokens_per_sec = 0;  // live EWMA estimate
  double price_in_per_m = 0;  // USD per 1M input tokens
  double price_out_per_m = 0;
};

struct Verdict {
  std::array<bool, 2> allowed{true, true};  // indexed by Tier
  std::optional<Tier> forced;               // a pin or a task route; still subject to `allowed`
  std::optional<Tier> preferred;            // complexity, latency, cost steer here
  double score = -1;                        // complexity score, -1 if not computed
  bool redact = false;                      // mask findings before the cloud
  bool fail_closed = false;                 // local-only data: never fall back to the cloud
  Status refusal;                           // non-OK: the request is refused with this
  std::vector<std::string> reasons;         // human-readable, in evaluation order
  // Bit i set: candidates[i] may not serve this request (capability, health). A tier whose
  // candidates are all excluded cannot be chosen, whatever `allowed` says.
  uint64_t excluded = 0;
  bool decided() const { return forced.has_value() || !refusal.is_ok(); }

  void exclude(std::size_t i) {
    if (i < kMaxCandidates) excluded |= uint64_t{1} << i;
  }
  // Candidates past kMaxCandidates are never considered.
  bool is_excluded(std::size_t i) const {
    return i >= kMaxCandidates || ((excluded >> i) & 1) != 0;
  }
  // The tier the request is heading for so far: forced, else preferred, else local.
  Tier target() const { return forced.value_or(preferred.value_or(Tier::kLocal)); }

  static constexpr std::size_t kMaxCandidates = 64;
};

inline std::size_t tier_index(Tier t) {
  return t == Tier::kLocal ? 0 : 1;
}
inline Tier other_tier(Tier t) {
  return t == Tier::kLocal ? Tier::kCloud : Tier::kLocal;
}

// True if `tier` is allowed and has a candidate that is not excluded.
inline bool tier_usable(const Verdict& v, const std::vector<Candidate>& candidates, Tier tier) {
  if (!v.allowed[tier_index(tier)]) return false;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i].tier == tier && !v.is_excluded(i)) return true;
  }
  return false;
}

class Policy {
 public:
  virtual ~Policy() = default;
  virtual std::string_view name() const = 0;
  virtual void evaluate(const RequestFacts& facts, const std::vector<Candidate>& candidates,
                        Verdict& verdict) const = 0;
};

}  // namespace splitpoint::policy
