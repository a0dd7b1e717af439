// The running gateway: N workers, each an io_context on its own thread with its own acceptor
// (SO_REUSEPORT on one address), providers, dispatcher and front doors, so that no request
// crosses threads or takes a lock. Construct, start(), then wait() until stop() (or a signal).
#pragma once

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/request_record.h"
#include "config/config.h"
#include "router/planner.h"
#include "splitpoint/status.h"

namespace splitpoint::ledger {
class LedgerWriter;
}

namespace splitpoint::metrics {
class LiveStats;
}

namespace splitpoint::server {

class Worker;
struct SharedState;
struct Counters;
class HealthChecker;

class Gateway {
 public:
  // `config_file` is re-read on reload ("" = the built-in defaults).
  Gateway(std::shared_ptr<const config::Config> config, std::string config_file = "");
  ~Gateway();
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  // Opens the ledger (ledger.enabled), binds the listen address (port 0: any free port) and
  // starts the worker threads. Errors: kInvalidArgument for a bad address, kUnavailable when it
  // cannot bind or open the ledger file.
  Status start();
  // The bound port (after start()).
  uint16_t port() const { return port_; }
  // Probes every provider once (reachability, key presence) and logs one line each.
  void report_providers();
  // Re-reads the configuration and makes it current for new requests on every worker, atomically
  // per request: requests in flight finish on the configuration they started with. A bad file is
  // rejected (the old configuration stays) and its error returned. server.listen and
  // server.workers changes take effect only on restart (logged).
  Status reload();
  // Blocks until stop() is called or SIGINT/SIGTERM arrives (SIGHUP reloads), then joins the
  // workers and writes the ledger's queue out.
  void wait();
  // Thread-safe; idempotent.
  void stop();
  // Receives one record per request served (not health probes). Add recorders before start().
  api::RecorderList& recorders() { return *recorders_; }
  // Stops accepting, waits (without blocking) until no request is in flight or
  // server.shutdown_grace has passed, then stop(). Call on worker 0's thread.
  void drain();

 private:
  std::shared_ptr<const config::Config> config_;
  std::string config_file_;
  std::shared_ptr<api::RecorderList> recorders_ = std::make_shared<api::RecorderList>();
  std::shared_ptr<ledger::LedgerWriter> ledger_;  // null when ledger.enabled is false
  std::shared_ptr<Counters> counters_;  // carried from one generation to the next
  std::vector<std::unique_ptr<Worker>> workers_;
  // Probes the current generation's providers on worker 0. Declared after workers_ so that it is
  // released before their io_contexts go (its coroutine, if any, owns it to the end).
  std::shared_ptr<HealthChecker> checker_;
  std::vector<std::thread> threads_;
  uint16_t port_ = 0;
  std::shared_ptr<metrics::LiveStats> stats_;  // survives reloads
};

}  // namespace splitpoint::server
