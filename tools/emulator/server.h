// The emulator's HTTP/1.1 listener: one coroutine per connection, keep-alive, requests routed
// to the admin API, the OpenAI API (/v1/...) or the Ollama API (everything else).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>
#include <cstdint>
#include <string>

#include "script.h"

namespace splitpoint::emulator {

class Server {
 public:
  Server(boost::asio::io_context& ioc, Emulator& emulator);

  // Binds and listens on host:port (port 0 = chosen by the OS).
  boost::system::error_code listen(const std::string& host, uint16_t port);
  // The bound port (valid after a successful listen()).
  uint16_t port() const { return port_; }
  // Starts accepting connections on the io_context.
  void start();
  // Stops accepting. Open connections end when the io_context stops.
  void stop();

 private:
  boost::asio::io_context& ioc_;
  Emulator& emulator_;
  boost::asio::ip::tcp::acceptor acceptor_;
  uint16_t port_ = 0;
};

}  // namespace splitpoint::emulator
