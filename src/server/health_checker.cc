#include "server/health_checker.h"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <spdlog/spdlog.h>

namespace splitpoint::server {
namespace asio = boost::asio;
namespace json = boost::json;

namespace {
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
}  // namespace

HealthChecker::HealthChecker(asio::any_io_executor executor,
                             std::shared_ptr<const config::Config> config,
                             std::shared_ptr<SharedState> state)
    : executor_(std::move(executor)),
      config_(std::move(config)),
      state_(std::move(state)),
      timer_(executor_) {
  for (const ProviderDescriptor& p : config_->providers) {
    auto url = http::Url::parse(p.base_url);
    http::ClientOptions options;
    options.connect_timeout = p.connect_timeout;
    options.max_idle_connections = 1;
    clients_.push_back(url.ok() ? std::make_unique<http::Client>(executor_, *url, options)
                                : nullptr);
  }
}

void HealthChecker::start() {
  if (config_->server.health_check_interval.count() <= 0) return;
  asio::co_spawn(executor_, [self = shared_from_this()] { return self->loop(); }, asio::detached);
}

void HealthChecker::stop() {
  stopped_ = true;
  asio::post(executor_, [self = shared_from_this()] { self->timer_.cancel(); });
}

asio::awaitable<void> HealthChecker::loop() {
  const auto keep = shared_from_this();
  while (!stopped_) {
    timer_.expires_after(config_->server.health_check_interval);
    (void)co_await timer_.async_wait(kTuple);
    if (stopped_) break;
    co_await probe_all();
  }
}

asio::awaitable<void> HealthChecker::probe_all() {
  // Concurrently: a hung provider must not delay the others' verdicts.
  auto pending = std::make_shared<std::size_t>(clients_.size());
  asio::steady_timer done(executor_, asio::steady_timer::time_point::max());
  for (std::size_t i = 0; i < clients_.size(); ++i) {
    asio::co_spawn(
        executor_,
        [self = shared_from_this(), i, pending, &done]() -> asio::awaitable<void> {
          const Status s = co_await self->probe(i);
          if (s.is_ok()) {
            self->state_->health.record_success(i);
          } else {
            self->state_->health.record_failure(i);
            spdlog::warn("health check: {} failed: {}", self->config_->providers[i].name,
                         s.message());
          }
          if (--*pending == 0) done.cancel();
        },
        asio::detached);
  }
  if (!clients_.empty()) (void)co_await done.async_wait(kTuple);
}

asio::awaitable<Result<std::string>> HealthChecker::get(std::size_t i, std::string path) {
  const ProviderDescriptor& p = config_->providers[i];
  if (!clients_[i]) co_return Status::invalid("bad base_url " + p.base_url);
  http::Request request;
  request.method = boost::beast::http::verb::get;
  request.path = path;
  if (!p.api_key.empty()) request.headers.emplace_back("Authorization", "Bearer " + p.api_key);
  const auto bound = std::min<std::chrono::milliseconds>(
      p.connect_timeout + std::chrono::seconds(2), config_->server.health_check_interval);
  Result<http::Response> r = co_await clients_[i]->send(std::move(request), Clock::now() + bound);
  if (!r.ok()) co_return r.status();
  if (!http::answers_probe(r->status)) {
    co_return Status::upstream(p.name + ": " + path + " answered " +
                               std::to_string(r->status));
  }
  co_return std::move(r->body);
}

asio::awaitable<Status> HealthChecker::probe(std::size_t i) {
  if (config_->providers[i].kind != Protocol::kOllama) {
    co_return (co_await get(i, "/models")).status();
  }
  Result<std::string> version = co_await get(i, "/api/version");
  if (!version.ok()) co_return version.status();
  Result<std::string> ps = co_await get(i, "/api/ps");
  if (!ps.ok()) co_return ps.status();
  state_->loaded.set(i, parse_ps(*ps));
  co_return Status::OK();
}

std::vector<std::string> HealthChecker::parse_ps(std::string_view body) {
  std::vector<std::string> names;
  boost::system::error_code ec;
  const json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return names;
  const json::value* models = v.as_object().if_contains("models");
  if (models == nullptr || !models->is_array()) return names;
  for (const json::value& m : models->as_array()) {
    if (!m.is_object()) continue;
    const json::value* name = m.as_object().if_contains("name");
    if (name != nullptr && name->is_string()) names.emplace_back(name->as_string());
  }
  return names;
}

}  // namespace splitpoint::server
