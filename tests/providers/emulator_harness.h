// The real emulator binary (EMULATOR_PATH) as a test fixture: started on port 0, reset between
// tests, driven through its admin API (/_emulator/...), killed when the harness goes away.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/client.h"
#include "support/process.h"

namespace splitpoint::testing {

// Runs `task` on `io` to completion and returns its result.
template <typename T>
T run_on(boost::asio::io_context& io, boost::asio::awaitable<T> task) {
  std::optional<T> result;
  std::exception_ptr error;
  boost::asio::co_spawn(
      io, [&]() -> boost::asio::awaitable<void> { result.emplace(co_await std::move(task)); },
      [&](std::exception_ptr e) { error = e; });
  io.run();
  io.restart();
  if (error) std::rethrow_exception(error);
  return std::move(*result);
}

class EmulatorHarness {
 public:
  // Starts the emulator with `--port 0` plus `extra_args`; waits (bounded) for its port.
  static Result<std::unique_ptr<EmulatorHarness>> start(std::vector<std::string> extra_args = {});

  const Endpoint& endpoint() const { return endpoint_; }
  std::string url() const { return endpoint_.url(); }

  // Admin API. Each blocks until answered; a non-2xx answer is kInternal with the body.
  Status reset();
  Status add_fault(const std::string& fault_json);  // one fault object
  Status configure(const std::string& config_json);
  Result<boost::json::value> requests();  // the "requests" array
  Result<boost::json::value> stats();

  // Polls stats until open_connections <= `open` (the admin connection asking counts as one).
  // False if that did not happen within `timeout`.
  bool wait_open_connections(int64_t open, std::chrono::milliseconds timeout);

 private:
  EmulatorHarness(std::unique_ptr<Process> process, Endpoint endpoint);
  Result<std::string> call(boost::beast::http::verb method, std::string path, std::string body);

  std::unique_ptr<Process> process_;
  Endpoint endpoint_;
  boost::asio::io_context io_;
  std::unique_ptr<http::Client> client_;
};

}  // namespace splitpoint::testing
