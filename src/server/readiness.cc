#include "server/readiness.h"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include "http/client.h"

namespace splitpoint::server {

namespace {

std::string quoted(const std::string& s) {
  return boost::json::serialize(boost::json::string(s));
}

}  // namespace

std::string readiness_json(const SessionContext& ctx, bool* ready) {
  // The provider objects keep their original fields and order (clients match on them); circuit
  // states and loaded models are keyed by provider name beside them.
  std::string body = "{\"providers\":[";
  std::string circuits = "{";
  std::string loaded = "{";
  *ready = false;
  const auto& providers = ctx.config->providers;
  const auto now = Clock::now();
  for (std::size_t i = 0; i < providers.size(); ++i) {
    const bool healthy = ctx.state->health.healthy(i, now);
    *ready |= healthy && !providers[i].chat_model.empty();
    const std::string name = quoted(providers[i].name);
    if (i > 0) {
      body += ',';
      circuits += ',';
      loaded += ',';
    }
    body += "{\"name\":" + name + ",\"tier\":\"" + tier_name(providers[i].tier) +
            "\",\"healthy\":" + (healthy ? "true" : "false") + "}";
    circuits += name + ":\"" + policy::circuit_name(ctx.state->health.circuit(i, now)) + "\"";
    loaded += name + ":[";
    const std::vector<std::string> models = ctx.state->loaded.get(i);
    for (std::size_t m = 0; m < models.size(); ++m) {
      if (m > 0) loaded += ',';
      loaded += quoted(models[m]);
    }
    loaded += ']';
  }
  const Counters& counters = *ctx.state->counters;
  body += std::string("],\"ready\":") + (*ready ? "true" : "false") + ",\"circuits\":" + circuits +
          "},\"loaded_models\":" + loaded +
          "},\"in_flight\":" + std::to_string(counters.in_flight.load()) +
          ",\"connections\":" + std::to_string(counters.connections.load()) +
          ",\"upstream_connections\":" + std::to_string(http::open_connections()) + "}";
  return body;
}

boost::asio::awaitable<void> readiness(BeastExchange& ex, const SessionContext& ctx) {
  bool ready = false;
  std::string body = readiness_json(ctx, &ready);
  (void)co_await ex.respond(ready ? 200 : 503, "application/json", std::move(body), {});
}

}  // namespace splitpoint::server
