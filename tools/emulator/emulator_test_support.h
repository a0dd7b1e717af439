// Test helpers: the emulator binary as a child process, and a small Beast client whose every
// exchange is bounded in time.
#pragma once

#include <sys/types.h>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace splitpoint::emulator::testing {

using namespace std::chrono_literals;

// The emulator binary running as a child process.
class EmulatorProcess {
 public:
  // Starts EMULATOR_PATH with `args` and waits (at most 10 s) for its "listening" line.
  // Returns nullptr and sets `error` on failure.
  static std::unique_ptr<EmulatorProcess> start(const std::vector<std::string>& args,
                                                std::string& error);
  ~EmulatorProcess();  // kills the child if it is still running

  uint16_t port() const { return port_; }
  const std::string& first_line() const { return first_line_; }
  // Sends SIGTERM and waits at most `timeout`; returns the waitpid status, or nullopt if the
  // child did not exit in time.
  std::optional<int> terminate(std::chrono::milliseconds timeout);

 private:
  EmulatorProcess() = default;
  pid_t pid_ = -1;
  int out_fd_ = -1;
  uint16_t port_ = 0;
  std::string first_line_;
};

struct Response {
  boost::system::error_code error;  // transport/parse error (then the rest may be partial)
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;                            // as received (possibly partial on error)
  std::chrono::milliseconds elapsed{0};        // from sending the request to the end

  boost::json::value json() const;  // the body parsed; null if it is not valid JSON
};

// One keep-alive connection to 127.0.0.1:port, opened on demand and reopened after a close.
class Client {
 public:
  explicit Client(uint16_t port) : port_(port) {}

  Response request(boost::beast::http::verb method, const std::string& target,
                   const std::string& body = {},
                   const std::vector<std::pair<std::string, std::string>>& headers = {},
                   std::chrono::milliseconds timeout = 10s);
  Response get(const std::string& target) { return request(boost::beast::http::verb::get, target); }
  Response post(const std::string& target, const std::string& body) {
    return request(boost::beast::http::verb::post, target, body);
  }
  void disconnect();

 private:
  uint16_t port_;
  boost::asio::io_context ioc_;
  std::optional<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
};

// The "data: " payloads of an SSE body, in order.
std::vector<std::string> sse_data(const std::string& body);
// The non-empty lines of an NDJSON body, parsed (null for a line that is not JSON).
std::vector<boost::json::value> ndjson(const std::string& body);
// Runs `n` identical POSTs concurrently on `n` connections (one thread); returns how many
// got a complete 200 response within `timeout`.
int concurrent_posts(uint16_t port, const std::string& target, const std::string& body, int n,
                     std::chrono::milliseconds timeout);

}  // namespace splitpoint::emulator::testing
