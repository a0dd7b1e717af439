// GET /readyz: per-provider health, circuit state and loaded models, and the gateway's counts of
// requests in flight, client connections and upstream connections (for leak checks), as JSON.
// 200 if a chat provider is healthy, else 503.
#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>

#include "server/beast_exchange.h"
#include "server/session.h"

namespace splitpoint::server {

// The /readyz body; sets *ready.
std::string readiness_json(const SessionContext& ctx, bool* ready);

boost::asio::awaitable<void> readiness(BeastExchange& ex, const SessionContext& ctx);

}  // namespace splitpoint::server
