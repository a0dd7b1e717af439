#include "metrics/views.h"

#include "metrics/assets.h"
#include "metrics/prometheus.h"
#include "metrics/summary_json.h"
#include "metrics/text_format.h"

namespace splitpoint::metrics {
namespace asio = boost::asio;
namespace {

constexpr std::string_view kSummaryPath = "/ui/api/summary";

// The dashboard loads nothing from elsewhere; the policy makes sure of it in the browser too.
api::Headers asset_headers(std::string_view etag) {
  return {{"ETag", std::string(etag)},
       {"Cache-Control", "no-cache"},
       {"X-Content-Type-Options", "nosniff"},
       {"Referrer-Policy", "no-referrer"},
       {"Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"}};
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  return !if_none_match.empty() &&
         (if_none_match == "*" || if_none_match.find(etag) != std::string_view::npos);
}

asio::awaitable<void> serve_asset(api::Exchange& ex, std::string_view name) {
  if (name.empty()) name = "index.html";
  const Asset* a = find_asset(name);
  if (a == nullptr) {
    const api::Headers none;
    (void)co_await ex.respond(404, "text/plain; charset=utf-8", "no such file\n", none);
    co_return;
  }
  const api::Headers headers = asset_headers(a->etag);
  if (etag_matches(ex.header("If-None-Match"), a->etag)) {
    (void)co_await ex.respond(304, "", "", headers);
    co_return;
  }
  (void)co_await ex.respond(200, a->content_type, std::string(a->body), headers);
}

}  // namespace

bool is_view_path(std::string_view path) {
  return path == "/metrics" || path == "/ui" || path.starts_with("/ui/");
}

bool is_public_view(std::string_view path) {
  return (path == "/ui" || path.starts_with("/ui/")) && !path.starts_with("/ui/api/");
}

std::vector<ProviderState> provider_states(const config::Config& config,
                                           const policy::HealthBoard& health,
                                           Clock::time_point now) {
  std::vector<ProviderState> out;
  out.reserve(config.providers.size());
  for (std::size_t i = 0; i < config.providers.size(); ++i) {
    const auto& p = config.providers[i];
    out.push_back({p.name, tier_name(p.tier), health.healthy(i, now),
                   policy::circuit_name(health.circuit(i, now)), health.held(i, now), {}});
  }
  return out;
}

asio::awaitable<void> serve_view(api::Exchange& ex, const LiveStats& stats,
                                 const std::vector<ProviderState>& providers) {
  if (ex.method() != "GET" && ex.method() != "HEAD") {
    const api::Headers allow{{"Allow", "GET, HEAD"}};
    (void)co_await ex.respond(405, "text/plain; charset=utf-8", "use GET\n", allow);
    co_return;
  }
  const std::string_view path = ex.path();
  const api::Headers no_store{{"Cache-Control", "no-store"}};
  if (path == "/metrics") {
    std::string body = prometheus_text(stats.snapshot(), providers);
    (void)co_await ex.respond(200, TextWriter::kContentType, std::move(body), no_store);
  } else if (path == kSummaryPath) {
    std::string body = summary_json(stats.snapshot(), providers);
    (void)co_await ex.respond(200, "application/json", std::move(body), no_store);
  } else if (path.starts_with("/ui/api/")) {
    (void)co_await ex.respond(404, "application/json", R"({"error":"no such endpoint"})",
                              no_store);
  } else {
    const std::string_view name = path.size() > 4 ? path.substr(4) : std::string_view();
    co_await serve_asset(ex, name);
  }
}

}  // namespace splitpoint::metrics
