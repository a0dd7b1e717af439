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

Worker::Worker() = default;

void Worker::install(std::shared_ptr<const config::Config> config,
                     std::shared_ptr<SharedState> state,
                     std::shared_ptr<const router::Planner> planner) {
  auto gen = std::make_shared<SessionContext>();
  std::vector<std::unique_ptr<LanguageModelProvider>> providers;
  for (const auto& d : config->providers) providers.push_back(make_provider(io_.get_executor(), d));
  gen->dispatcher = std::make_unique<ProviderDispatcher>(*planner, *state, std::move(providers));
  gen->openai = std::make_unique<api::openai::OpenAIFrontDoor>(*gen->dispatcher);
  gen->ollama = std::make_unique<api::ollama::OllamaFrontDoor>(*gen->dispatcher);
  gen->config = std::move(config);
  gen->state = std::move(state);
  gen->planner = std::move(planner);
  if (!running_) {
    current_ = std::move(gen);
    return;
  }
  asio::post(io_, [this, gen = std::move(gen)]() mutable { current_ = std::move(gen); });
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
    asio::co_spawn(io_, run_session(std::move(socket), current_, in_flight_),
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

void Worker::run() {
  running_ = true;
  io_.run();
}

void Worker::stop_accepting() {
  asio::post(io_, [this] {
    boost::system::error_code ec;
    acceptor_.close(ec);
  });
}

void Worker::stop() {
  asio::post(io_, [this] {
    boost::system::error_code ec;
    acceptor_.close(ec);
    io_.stop();
  });
}

}  // namespace splitpoint::server
