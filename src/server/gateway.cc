#include "server/gateway.h"

#include <csignal>
#include <cstdio>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>
#include <spdlog/spdlog.h>

#include "server/dispatcher.h"
#include "server/worker.h"

namespace splitpoint::server {
namespace asio = boost::asio;
using asio::ip::tcp;

Gateway::Gateway(std::shared_ptr<const config::Config> config) : config_(std::move(config)) {}

Gateway::~Gateway() {
  stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

Status Gateway::start() {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(config_->server.listen_host == "localhost"
                                                  ? "127.0.0.1"
                                                  : config_->server.listen_host,
                                              ec);
  if (ec) return Status::invalid("server.listen: bad address '" + config_->server.listen_host + "'");
  state_ = std::make_unique<SharedState>(*config_);
  auto planner = router::Planner::create(config_, state_->view());
  if (!planner.ok()) return planner.status();
  planner_ = std::move(planner).value();
  uint16_t port = config_->server.listen_port;
  for (int i = 0; i < config_->server.workers; ++i) {
    auto w = std::make_unique<Worker>(config_, *planner_, *state_);
    auto bound = w->listen(tcp::endpoint(address, port));
    if (!bound.ok()) return bound.status();
    port = *bound;  // later workers share the port the first one got
    workers_.push_back(std::move(w));
  }
  port_ = port;
  for (std::size_t i = 1; i < workers_.size(); ++i) {
    threads_.emplace_back([w = workers_[i].get()] { w->run(); });
  }
  return Status::OK();
}

void Gateway::report_providers() {
  Worker& w = *workers_.front();
  for (std::size_t i = 0; i < config_->providers.size(); ++i) {
    const auto& d = config_->providers[i];
    asio::co_spawn(
        w.io(),
        [this, &w, &d, i]() -> asio::awaitable<void> {
          CallContext ctx;
          ctx.deadline = Clock::now() + std::chrono::seconds(3);
          const Status s = co_await w.dispatcher().provider(i).probe(ctx);
          if (!s.is_ok()) state_->health.mark_down(i);
          const char* key = d.api_key.empty() ? "no API key" : "API key set";
          std::printf("provider %s: tier=%s kind=%s url=%s chat=%s embed=%s %s, %s\n",
                      d.name.c_str(), tier_name(d.tier),
                      d.kind == Protocol::kOllama ? "ollama" : "openai", d.base_url.c_str(),
                      d.chat_model.c_str(), d.embedding_model.c_str(), key,
                      s.is_ok() ? "reachable" : ("unreachable (" + s.message() + ")").c_str());
          std::fflush(stdout);
        },
        asio::detached);
  }
}

void Gateway::wait() {
  Worker& main = *workers_.front();
  asio::signal_set signals(main.io(), SIGINT, SIGTERM);
  signals.async_wait([this](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    spdlog::info("signal {}: stopping", sig);
    stop();
  });
  main.run();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

void Gateway::stop() {
  for (auto& w : workers_) w->stop();
}

}  // namespace splitpoint::server
