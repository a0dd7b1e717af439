// splitpoint-emulator: an upstream emulator speaking Ollama's API and the OpenAI API with
// deterministic answers, configurable delays and scripted faults. See docs/emulator.md.
#include <sys/resource.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "script.h"
#include "server.h"

namespace splitpoint::emulator {
namespace {

constexpr std::string_view kUsage =
    "usage: splitpoint-emulator [--host 127.0.0.1] [--port 0] [--port-file F] [--ttft-ms 0]\n"
    "         [--tokens-per-sec 0] [--reply-tokens 0] [--models a,b,...] [--require-key KEY]\n"
    "         [--embedding-dim 8] [--threads 1] [--record-limit 1000]\n";

template <class T>
bool parse_number(std::string_view s, T& out) {
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && ptr == end;
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const size_t comma = s.find(',');
    const std::string_view item = s.substr(0, comma);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

// Applies one "--name value" pair. Returns an error text, empty on success.
std::string apply_flag(std::string_view name, std::string_view value, Options& o) {
  bool ok = true;
  if (name == "--host") {
    o.host = value;
  } else if (name == "--port") {
    ok = parse_number(value, o.port);
  } else if (name == "--port-file") {
    o.port_file = value;
  } else if (name == "--ttft-ms") {
    ok = parse_number(value, o.config.ttft_ms) && o.config.ttft_ms >= 0;
  } else if (name == "--tokens-per-sec") {
    ok = parse_number(value, o.config.tokens_per_sec) && o.config.tokens_per_sec >= 0;
  } else if (name == "--reply-tokens") {
    ok = parse_number(value, o.config.reply_tokens) && o.config.reply_tokens >= 0;
  } else if (name == "--models") {
    o.models = split_list(value);
  } else if (name == "--require-key") {
    o.require_key = value;
  } else if (name == "--embedding-dim") {
    ok = parse_number(value, o.embedding_dim) && o.embedding_dim > 0 && o.embedding_dim <= 65536;
  } else if (name == "--threads") {
    ok = parse_number(value, o.threads) && o.threads >= 1 && o.threads <= 256;
  } else if (name == "--record-limit") {
    ok = parse_number(value, o.record_limit);
  } else {
    return "unknown option " + std::string(name);
  }
  return ok ? std::string() : "bad value for " + std::string(name) + ": " + std::string(value);
}

// Parses argv; returns nullopt after printing the problem (or the usage for --help).
std::optional<Options> parse_args(int argc, char** argv, int& exit_code) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      exit_code = 0;
      return std::nullopt;
    }
    std::string_view value;
    if (const size_t eq = arg.find('='); eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      std::cerr << "missing value for " << arg << "\n" << kUsage;
      exit_code = 2;
      return std::nullopt;
    }
    if (const std::string error = apply_flag(arg, value, o); !error.empty()) {
      std::cerr << error << "\n" << kUsage;
      exit_code = 2;
      return std::nullopt;
    }
  }
  return o;
}

// Lets one process hold many thousands of connections.
void raise_fd_limit() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
  }
}

// Writes the port to `path` atomically (write a temporary file, then rename).
bool write_port_file(const std::string& path, uint16_t port) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::trunc);
    f << port << "\n";
    if (!f.flush()) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

int run(const Options& options) {
  raise_fd_limit();
  Emulator emulator(options);  // outlives the io_context and the connections it holds
  boost::asio::io_context ioc(options.threads);
  Server server(ioc, emulator);
  if (auto ec = server.listen(options.host, options.port)) {
    std::cerr << "cannot listen on " << options.host << ":" << options.port << ": " << ec.message()
              << "\n";
    return 1;
  }
  if (!options.port_file.empty() && !write_port_file(options.port_file, server.port())) {
    std::cerr << "cannot write " << options.port_file << "\n";
    return 1;
  }
  boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) {
    server.stop();
    ioc.stop();
  });
  server.start();
  std::cout << "emulator listening on " << options.host << ":" << server.port() << std::endl;
  std::vector<std::thread> workers;
  for (int i = 1; i < options.threads; ++i) workers.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (std::thread& t : workers) t.join();
  return 0;
}

}  // namespace
}  // namespace splitpoint::emulator

int main(int argc, char** argv) {
  int exit_code = 0;
  const auto options = splitpoint::emulator::parse_args(argc, argv, exit_code);
  if (!options) return exit_code;
  return splitpoint::emulator::run(*options);
}
