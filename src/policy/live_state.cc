#include "policy/live_state.h"

namespace splitpoint::policy {

std::vector<Candidate> make_candidates(const config::Config& config, const LiveState& live,
                                       Clock::time_point now) {
  std::vector<Candidate> out;
  out.reserve(config.providers.size());
  for (std::size_t i = 0; i < config.providers.size(); ++i) {
    const ProviderDescriptor& p = config.providers[i];
    if (p.chat_model.empty()) continue;
    Candidate c;
    c.index = i;
    c.name = p.name;
    c.tier = p.tier;
    c.healthy = live.health == nullptr || live.health->healthy(i, now);
    c.vision = p.vision;
    c.tools = p.tools;
    c.context_tokens = p.context_tokens;
    LatencyEstimate e = live.latency != nullptr && i < live.latency->size()
                            ? live.latency->estimate(i)
                            : LatencyTracker::seed(p);
    c.ttft_ms = e.ttft_ms;
    c.tokens_per_sec = e.tokens_per_sec;
    c.price_in_per_m = p.price_input_per_m;
    c.price_out_per_m = p.price_output_per_m;
    out.push_back(c);
  }
  return out;
}

}  // namespace splitpoint::policy
