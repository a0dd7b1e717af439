#include "server/worker.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include "api/ollama/front_door.h"
#include "api/openai/front_door.h"

namespace splitpoint::server {
namespace asio = boost::asio;
using asio::ip::tcp;

Worker::Worker(std::shared_ptr<const config::Config> config, const router::Planner& planner,
               SharedState& state)
    : config_(std::move(config)) {
  std::vector<std::unique_ptr<LanguageModelProvider>> providers;
  for (const auto& d : config_->providers) providers.push_back(make_provider(io_.get_executor(), d));
  dispatcher_ = std::make_unique<ProviderDispatcher>(planner, state, std::move(providers));
  openai_ = std::make_unique<api::openai::OpenAIFrontDoor>(*dispatcher_);
  ollama_ = std::make_unique<api::ollama::OllamaFrontDoor>(*dispatcher_);
  sessions_ = std::make_unique<SessionContext>(SessionContext{config_->server, *openai_, *ollama_});
}

Worker::~Worker() = default;

Result<uint16_t> Worker::listen(const tcp::endpoint& endpoint) {
  boost::system::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) {
    using reuse_port = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;
    acceptor_.set_option(reuse_port(true), ec);
  }
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::unavailable("cannot listen on " + endpoint.address().to_string() + ":" +
                               std::to_string(endpoint.port()) + ": " + ec.message());
  }
  asio::co_spawn(io_, accept_loop(), asio::detached);
  return acceptor_.local_endpoint().port();
}

asio::awaitable<void> Worker::accept_loop() {
  for (;;) {
    auto [ec, socket] =
        co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
    if (ec) {
      spdlog::warn("accept failed: {}", ec.message());
      continue;  // e.g. EMFILE: keep serving the connections we have
    }
    socket.set_option(tcp::no_delay(true), ec);
    asio::co_spawn(io_, run_session(std::move(socket), *sessions_),
                   [](std::exception_ptr e) {
                     if (!e) return;
                     try {
                       std::rethrow_exception(e);
                     } catch (const std::exception& ex) {
                       spdlog::error("session ended by exception: {}", ex.what());
                     }
                   });
  }
}

void Worker::run() { io_.run(); }

void Worker::stop() {
  asio::post(io_, [this] {
    boost::system::error_code ec;
    acceptor_.close(ec);
    io_.stop();
  });
}

}  // namespace splitpoint::server
