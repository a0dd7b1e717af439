// One coroutine per client connection: reads HTTP/1.1 requests (keep-alive, Expect: 100-continue,
// header and body limits), checks the API key, hands each request to the front door of its
// protocol, and cancels the request when the client goes away.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "api/front_door.h"
#include "config/config.h"

namespace splitpoint::server {

// Borrowed by every session of one worker; all members outlive the sessions.
struct SessionContext {
  const config::ServerConfig& server;
  api::FrontDoor& openai;
  api::FrontDoor& ollama;
};

// Serves the connection until the client closes it, an error, or cancellation. Never throws.
boost::asio::awaitable<void> run_session(boost::asio::ip::tcp::socket socket,
                                         const SessionContext& ctx);

// True if `authorization` ("Bearer <key>") carries one of `keys` (constant-time per key).
bool authorized(std::string_view authorization, const std::vector<std::string>& keys);

}  // namespace splitpoint::server
