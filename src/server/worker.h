// One worker thread's world: io_context, acceptor, providers, router view, dispatcher, front
// doors. Everything here is touched only from the worker's own thread, except stop().
#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "api/front_door.h"
#include "config/config.h"
#include "router/planner.h"
#include "server/dispatcher.h"
#include "server/session.h"

namespace splitpoint::server {

class Worker {
 public:
  // `planner` and `state` are shared by all workers and must outlive them.
  Worker(std::shared_ptr<const config::Config> config, const router::Planner& planner,
         SharedState& state);
  ~Worker();

  // Opens the acceptor on `endpoint` with SO_REUSEPORT. Returns the bound port.
  Result<uint16_t> listen(const boost::asio::ip::tcp::endpoint& endpoint);
  // Runs the event loop on the calling thread until stop().
  void run();
  // Thread-safe: closes the acceptor and stops the loop.
  void stop();

  boost::asio::io_context& io() { return io_; }
  ProviderDispatcher& dispatcher() { return *dispatcher_; }

 private:
  boost::asio::awaitable<void> accept_loop();

  std::shared_ptr<const config::Config> config_;
  boost::asio::io_context io_{1};
  boost::asio::ip::tcp::acceptor acceptor_{io_};
  std::unique_ptr<ProviderDispatcher> dispatcher_;
  std::unique_ptr<api::FrontDoor> openai_;
  std::unique_ptr<api::FrontDoor> ollama_;
  std::unique_ptr<SessionContext> sessions_;
};

}  // namespace splitpoint::server
