#include "server/gateway.h"

#include <csignal>
#include <functional>
#include <cstdio>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include "ledger/ledger_writer.h"
#include "server/dispatcher.h"
#include "server/health_checker.h"
#include "server/memory_release.h"
#include "server/worker.h"

namespace splitpoint::server {
namespace asio = boost::asio;
using asio::ip::tcp;

Gateway::Gateway(std::shared_ptr<const config::Config> config, std::string config_file)
    : config_(std::move(config)),
      config_file_(std::move(config_file)),
      counters_(std::make_shared<Counters>()),
      stats_(std::make_shared<metrics::LiveStats>()) {
  recorders_->add(stats_);
}

namespace {

// The live state and planner of one configuration, shared by every worker.
Status build_generation(const std::shared_ptr<const config::Config>& config,
                        const std::shared_ptr<api::RecorderList>& recorders,
                        const std::shared_ptr<metrics::LiveStats>& stats,
                        std::shared_ptr<Counters> counters, std::shared_ptr<SharedState>& state,
                        std::shared_ptr<const router::Planner>& planner) {
  state = std::make_shared<SharedState>(*config, std::move(counters));
  state->recorders = recorders;
  state->stats = stats;
  auto p = router::Planner::create(config, state->view());
  if (!p.ok()) return p.status();
  planner = std::move(p).value();
  return Status::OK();
}

// Building a generation allocates and frees several MB (Hyperscan's compile above all); handed
// back to the OS once the generation is in place, so that idle RSS is serving's working set.
void release_startup_memory() { release_free_memory(); }

}  // namespace

Gateway::~Gateway() {
  if (checker_) checker_->stop();
  stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  if (ledger_) ledger_->close();
}

Status Gateway::start() {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(config_->server.listen_host == "localhost"
                                                  ? "127.0.0.1"
                                                  : config_->server.listen_host,
                                              ec);
  if (ec) return Status::invalid("server.listen: bad address '" + config_->server.listen_host + "'");
  if (config_->ledger.enabled && !ledger_) {
    ledger::LedgerWriter::Options options;
    options.path = config_->ledger.path;
    options.queue_records = static_cast<std::size_t>(config_->ledger.queue_records);
    auto writer = ledger::LedgerWriter::start(options);
    if (!writer.ok()) return writer.status();
    ledger_ = std::move(writer).value();
    recorders_->add(ledger_);  // last: the ledger takes (moves) the record
  }
  std::shared_ptr<SharedState> state;
  std::shared_ptr<const router::Planner> planner;
  if (Status s = build_generation(config_, recorders_, stats_, counters_, state, planner); !s) {
    return s;
  }
  uint16_t port = config_->server.listen_port;
  for (int i = 0; i < config_->server.workers; ++i) {
    auto w = std::make_unique<Worker>();
    w->install(config_, state, planner);
    auto bound = w->listen(tcp::endpoint(address, port));
    if (!bound.ok()) return bound.status();
    port = *bound;  // later workers share the port the first one got
    workers_.push_back(std::move(w));
  }
  port_ = port;
  checker_ = std::make_shared<HealthChecker>(workers_.front()->io().get_executor(), config_, state);
  checker_->start();
  for (std::size_t i = 1; i < workers_.size(); ++i) {
    threads_.emplace_back([w = workers_[i].get()] { w->run(); });
  }
  release_startup_memory();
  return Status::OK();
}

void Gateway::report_providers() {
  Worker& w = *workers_.front();
  const std::shared_ptr<SessionContext> gen = w.generation();  // held: a reload may come
  for (std::size_t i = 0; i < gen->config->providers.size(); ++i) {
    asio::co_spawn(
        w.io(),
        [gen, i]() -> asio::awaitable<void> {
          const ProviderDescriptor& d = gen->config->providers[i];
          CallContext ctx;
          ctx.deadline = Clock::now() + std::chrono::seconds(3);
          const Status s = co_await gen->dispatcher->provider(i).probe(ctx);
          if (!s.is_ok()) gen->state->health.mark_down(i);
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

Status Gateway::reload() {
  auto loaded = config_file_.empty() ? Result<config::Config>(config::default_config())
                                     : config::load_config_file(config_file_);
  if (!loaded.ok()) return loaded.status();
  config::Config next = std::move(loaded).value();
  if (next.server.listen_host != config_->server.listen_host ||
      (next.server.listen_port != config_->server.listen_port && next.server.listen_port != 0) ||
      next.server.workers != config_->server.workers) {
    spdlog::warn("reload: server.listen and server.workers changes take effect on restart");
    next.server.listen_host = config_->server.listen_host;
    next.server.listen_port = config_->server.listen_port;
    next.server.workers = config_->server.workers;
  }
  if (next.ledger.enabled != config_->ledger.enabled || next.ledger.path != config_->ledger.path) {
    spdlog::warn("reload: ledger.enabled and ledger.path changes take effect on restart");
  }
  if (Status s = config::validate(next); !s) return s;
  auto config = std::make_shared<const config::Config>(std::move(next));
  std::shared_ptr<SharedState> state;
  std::shared_ptr<const router::Planner> planner;
  if (Status s = build_generation(config, recorders_, stats_, counters_, state, planner); !s) {
    return s;
  }
  for (auto& w : workers_) w->install(config, state, planner);
  if (checker_) checker_->stop();
  checker_ = std::make_shared<HealthChecker>(workers_.front()->io().get_executor(), config, state);
  checker_->start();
  config_ = std::move(config);
  release_startup_memory();
  return Status::OK();
}

void Gateway::wait() {
  Worker& main = *workers_.front();
  asio::signal_set signals(main.io(), SIGINT, SIGTERM, SIGHUP);
  std::function<void(const boost::system::error_code&, int)> on_signal =
      [this, &signals, &on_signal](const boost::system::error_code& ec, int sig) {
        if (ec) return;
        if (sig != SIGHUP) {
          spdlog::info("signal {}: draining for at most {} ms", sig,
                       config_->server.shutdown_grace.count());
          drain();
          return;
        }
        const Status s = reload();
        if (s.is_ok()) {
          spdlog::info("reloaded {}", config_file_.empty() ? "built-in defaults" : config_file_);
        } else {
          spdlog::error("reload rejected, keeping the running configuration: {}", s.message());
        }
        signals.async_wait(on_signal);
      };
  signals.async_wait(on_signal);
  main.run();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  if (ledger_) ledger_->close();  // after the workers: every record has been handed over
}

void Gateway::drain() {
  for (auto& w : workers_) w->stop_accepting();
  auto timer = std::make_shared<asio::steady_timer>(workers_.front()->io());
  const auto deadline = Clock::now() + config_->server.shutdown_grace;
  auto check = std::make_shared<std::function<void()>>();
  *check = [this, timer, deadline, check] {
    int busy = 0;
    for (const auto& w : workers_) busy += w->in_flight();
    if (busy == 0 || Clock::now() >= deadline) {
      if (busy > 0) spdlog::warn("grace period over: cutting {} requests", busy);
      stop();
      *check = nullptr;  // breaks the self-reference; touches no capture after this
      return;
    }
    timer->expires_after(std::chrono::milliseconds(20));
    timer->async_wait([check](const boost::system::error_code&) {
      if (*check) (*check)();
    });
  };
  (*check)();
}

void Gateway::stop() {
  for (auto& w : workers_) w->stop();
}

}  // namespace splitpoint::server
