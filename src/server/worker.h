// One worker thread's world: io_context, acceptor, and the current configuration generation
// (providers, dispatcher, front doors). Everything here is touched only from the worker's own
// thread, except install() and stop(), which post to it.
#pragma once

#include <atomic>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "config/config.h"
#include "router/planner.h"
#include "server/dispatcher.h"
#include "server/session.h"

namespace splitpoint::server {

class Worker {
 public:
  Worker();
  ~Worker();

  // Makes a generation built from `config` current for new requests; requests in flight finish
  // on the one they started with. Thread-safe (posts to the worker's thread once it runs).
  void install(std::shared_ptr<const config::Config> config, std::shared_ptr<SharedState> state,
               std::shared_ptr<const router::Planner> planner);
  // Opens the acceptor on `endpoint` with SO_REUSEPORT. Returns the bound port.
  Result<uint16_t> listen(const boost::asio::ip::tcp::endpoint& endpoint);
  // Runs the event loop on the calling thread until stop().
  void run();
  // Thread-safe: closes the acceptor and stops the loop.
  void stop();
  // Thread-safe: closes the acceptor; connections already open keep being served.
  void stop_accepting();
  // Requests being served now (any thread).
  int in_flight() const { return in_flight_.load(std::memory_order_relaxed); }

  boost::asio::io_context& io() { return io_; }
  // The current generation's dispatcher; only on the worker's thread (or before run()).
  ProviderDispatcher& dispatcher() { return *current_->dispatcher; }
  // The current generation; only on the worker's thread (or before run()).
  std::shared_ptr<SessionContext> generation() const { return current_; }

 private:
  boost::asio::awaitable<void> accept_loop();

  boost::asio::io_context io_{1};
  boost::asio::ip::tcp::acceptor acceptor_{io_};
  std::shared_ptr<SessionContext> current_;
  std::atomic<bool> running_{false};
  std::atomic<int> in_flight_{0};  // set once run() starts; install() then posts
};

}  // namespace splitpoint::server
