// Active health checks: one coroutine per gateway, on one worker's io_context, probing every
// provider every server.health_check_interval (0: off). Ollama: GET /api/version, then GET /api/ps
// (the loaded models, shown in /readyz); OpenAI-compatible: GET /models. A failed probe counts as
// one failure in the HealthBoard; a successful one closes the provider's circuit.
//
// Lifetime: create with make_shared, start(), stop() (any thread) before the generation it probes
// is replaced; the running coroutine co-owns the checker and ends at its next wake-up.
// Thread-safety: start() and probe_all() on the executor's thread; stop() from any thread.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "config/config.h"
#include "http/client.h"
#include "server/dispatcher.h"

namespace splitpoint::server {

class HealthChecker : public std::enable_shared_from_this<HealthChecker> {
 public:
  HealthChecker(boost::asio::any_io_executor executor,
                std::shared_ptr<const config::Config> config, std::shared_ptr<SharedState> state);

  // Spawns the probing loop (first round after one interval: start-up probes separately).
  void start();
  void stop();
  // One round: probes every provider (concurrently) and records the results.
  boost::asio::awaitable<void> probe_all();

  // The names in an Ollama GET /api/ps answer; empty if it does not parse.
  static std::vector<std::string> parse_ps(std::string_view body);

 private:
  boost::asio::awaitable<void> loop();
  boost::asio::awaitable<Status> probe(std::size_t i);
  // GET `path`: the body of an answer that shows a live upstream (http::answers_probe), else an
  // error.
  boost::asio::awaitable<Result<std::string>> get(std::size_t i, std::string path);

  boost::asio::any_io_executor executor_;
  std::shared_ptr<const config::Config> config_;
  std::shared_ptr<SharedState> state_;
  std::vector<std::unique_ptr<http::Client>> clients_;  // null where base_url does not parse
  boost::asio::steady_timer timer_;
  std::atomic<bool> stopped_{false};
};

}  // namespace splitpoint::server
