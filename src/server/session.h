// One coroutine per client connection: reads HTTP/1.1 requests (keep-alive, Expect: 100-continue,
// header and body limits), checks the API key, hands each request to the front door of its
// protocol, and cancels the request when the client goes away.
#pragma once

#include <atomic>
#include <memory>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "api/front_door.h"
#include "config/config.h"
#include "server/dispatcher.h"

namespace splitpoint::server {

// One configuration generation on one worker: what a request is served with. A request holds
// its generation (shared_ptr) until it completes, so a reload never changes a request in flight.
// Used only on its worker's thread.
struct SessionContext {
  std::shared_ptr<const config::Config> config;
  std::shared_ptr<SharedState> state;               // shared by the generation's workers
  std::shared_ptr<const router::Planner> planner;   // likewise
  std::unique_ptr<ProviderDispatcher> dispatcher;
  std::unique_ptr<api::FrontDoor> openai;
  std::unique_ptr<api::FrontDoor> ollama;
  const config::ServerConfig& server() const { return config->server; }
};

// Serves the connection until the client closes it, an error, or cancellation. Never throws.
// `current` is the worker's current generation (read once per request; borrowed, outlives the
// session).
// `in_flight` counts the requests being served (for the graceful shutdown); borrowed too.
boost::asio::awaitable<void> run_session(boost::asio::ip::tcp::socket socket,
                                         const std::shared_ptr<SessionContext>& current,
                                         std::atomic<int>& in_flight);

// True if `authorization` ("Bearer <key>") carries one of `keys` (constant-time per key).
bool authorized(std::string_view authorization, const std::vector<std::string>& keys);
// The index in `keys` of the key `authorization` carries, or -1 (constant-time per key).
int key_index(std::string_view authorization, const std::vector<std::string>& keys);

}  // namespace splitpoint::server
