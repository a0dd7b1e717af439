// The observability endpoints: GET /metrics (Prometheus text), GET /ui/api/summary (the
// dashboard's JSON) and GET /ui, /ui/<file> (the embedded dashboard). Answers GET and HEAD;
// other methods get 405. Authentication is the session's job (see is_public_view()).
#pragma once

#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "api/exchange.h"
#include "config/config.h"
#include "metrics/live_stats.h"
#include "policy/health_board.h"

namespace splitpoint::metrics {

// True for /metrics, /ui and everything under /ui/.
bool is_view_path(std::string_view path);
// True for the dashboard's static files (/ui, /ui/, /ui/<file>), which hold no data and stay
// open when API keys are configured; /ui/api/... and /metrics are not public.
bool is_public_view(std::string_view path);

// Each configured provider with its circuit and hold as `health` sees them at `now`
// (loaded_models left empty: the caller fills them from the health checker's findings).
std::vector<ProviderState> provider_states(const config::Config& config,
                                           const policy::HealthBoard& health,
                                           Clock::time_point now = Clock::now());

// Answers one request for a view path. `stats` and `providers` are borrowed for the call.
boost::asio::awaitable<void> serve_view(api::Exchange& ex, const LiveStats& stats,
                                        const std::vector<ProviderState>& providers);

}  // namespace splitpoint::metrics
