// The running gateway: N workers, each an io_context on its own thread with its own acceptor
// (SO_REUSEPORT on one address), providers, dispatcher and front doors, so that no request
// crosses threads or takes a lock. Construct, start(), then wait() until stop() (or a signal).
#pragma once

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "router/planner.h"
#include "splitpoint/status.h"

namespace splitpoint::server {

class Worker;
struct SharedState;

class Gateway {
 public:
  explicit Gateway(std::shared_ptr<const config::Config> config);
  ~Gateway();
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  // Binds the listen address (port 0: any free port) and starts the worker threads.
  // Errors: kInvalidArgument for a bad address, kUnavailable when it cannot bind.
  Status start();
  // The bound port (after start()).
  uint16_t port() const { return port_; }
  // Probes every provider once (reachability, key presence) and logs one line each.
  void report_providers();
  // Blocks until stop() is called or SIGINT/SIGTERM arrives, then joins the workers.
  void wait();
  // Thread-safe; idempotent.
  void stop();

 private:
  std::shared_ptr<const config::Config> config_;
  std::unique_ptr<SharedState> state_;
  std::unique_ptr<router::Planner> planner_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
  uint16_t port_ = 0;
};

}  // namespace splitpoint::server
