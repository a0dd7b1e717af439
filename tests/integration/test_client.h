// A small blocking HTTP/1.1 client for integration tests: one request per connection, socket
// read timeout so a hung server fails the test instead of hanging it.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace splitpoint::testing {

struct HttpResult {
  int status = 0;  // 0: no answer (connection error or timeout); see error
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string error;
  std::string header(const std::string& name) const;  // case-insensitive, "" if absent
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// Sends one request to 127.0.0.1:port and reads the whole answer.
HttpResult http_call(uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body = "", const Headers& headers = {},
                     std::chrono::milliseconds timeout = std::chrono::seconds(10));

// As http_call, but hands each body piece to on_piece as it arrives, with its arrival time.
HttpResult http_stream(uint16_t port, const std::string& target, const std::string& body,
                       const Headers& headers,
                       const std::function<void(const std::string&)>& on_piece,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace splitpoint::testing
