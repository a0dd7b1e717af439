#include "emulator_test_support.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <future>
#include <thread>

extern char** environ;

namespace splitpoint::emulator::testing {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
constexpr auto kUse = net::as_tuple(net::use_awaitable);
template <class T>
using Task = net::awaitable<T>;

// Reads one line from `fd` within `timeout`; false on timeout, EOF or error.
bool read_line(int fd, std::string& line, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char c;
    if (read(fd, &c, 1) != 1) return false;
    if (c == '\n') return true;
    line.push_back(c);
  }
}

}  // namespace

std::unique_ptr<EmulatorProcess> EmulatorProcess::start(const std::vector<std::string>& args,
                                                        std::string& error) {
  int fds[2];
  if (pipe(fds) != 0) {
    error = "pipe failed";
    return nullptr;
  }
  std::vector<std::string> argv_store{EMULATOR_PATH};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  std::unique_ptr<EmulatorProcess> p(new EmulatorProcess());
  const int rc = posix_spawn(&p->pid_, EMULATOR_PATH, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  p->out_fd_ = fds[0];
  if (rc != 0) {
    p->pid_ = -1;
    error = "posix_spawn failed";
    return nullptr;
  }
  if (!read_line(p->out_fd_, p->first_line_, 10s)) {
    error = "no listening line from the emulator";
    return nullptr;
  }
  const size_t colon = p->first_line_.rfind(':');
  if (colon == std::string::npos) {
    error = "unexpected first line: " + p->first_line_;
    return nullptr;
  }
  p->port_ = static_cast<uint16_t>(std::stoi(p->first_line_.substr(colon + 1)));
  return p;
}

EmulatorProcess::~EmulatorProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) close(out_fd_);
}

std::optional<int> EmulatorProcess::terminate(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return std::nullopt;
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return status;
    }
    std::this_thread::sleep_for(5ms);
  }
  return std::nullopt;
}

boost::json::value Response::json() const {
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  return ec ? boost::json::value() : v;
}

namespace {

Task<Response> exchange(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                        http::request<http::string_body> req, std::chrono::milliseconds timeout) {
  Response r;
  const auto start = std::chrono::steady_clock::now();
  stream.expires_after(timeout);
  auto [wec, wn] = co_await http::async_write(stream, req, kUse);
  if (wec) {
    r.error = wec;
    co_return r;
  }
  const bool head = req.method() == http::verb::head;
  http::response_parser<http::string_body> parser;
  parser.body_limit(boost::none);
  parser.skip(head);  // a response to HEAD has no body whatever its Content-Length says
  auto [ec, n] = co_await http::async_read(stream, buffer, parser, kUse);
  r.error = ec;
  r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  if (parser.is_header_done()) {
    const auto& msg = parser.get();
    r.status = msg.result_int();
    for (const auto& f : msg) {
      std::string name(f.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[name] = std::string(f.value());
    }
    r.body = msg.body();
  }
  co_return r;
}

}  // namespace

Response Client::request(http::verb method, const std::string& target, const std::string& body,
                         const std::vector<std::pair<std::string, std::string>>& headers,
                         std::chrono::milliseconds timeout) {
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty() || method == http::verb::post) {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
  }
  Response r;
  if (!stream_) {
    stream_.emplace(ioc_);
    buffer_.clear();
    boost::system::error_code ec;
    stream_->socket().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_), ec);
    if (ec) {
      r.error = ec;
      stream_.reset();
      return r;
    }
  }
  auto fut =
      net::co_spawn(ioc_, exchange(*stream_, buffer_, std::move(req), timeout), net::use_future);
  ioc_.restart();
  ioc_.run_for(timeout + 2s);
  if (fut.wait_for(0s) != std::future_status::ready) {
    disconnect();
    r.error = net::error::timed_out;
    return r;
  }
  r = fut.get();
  const auto conn = r.headers.find("connection");
  if (r.error || (conn != r.headers.end() && conn->second == "close")) disconnect();
  return r;
}

void Client::disconnect() {
  if (!stream_) return;
  boost::system::error_code ignored;
  stream_->socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_->socket().close(ignored);
  stream_.reset();
  ioc_.restart();
  ioc_.poll();  // let cancelled operations complete before the stream is reused
}

std::vector<std::string> sse_data(const std::string& body) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find("\n\n", pos);
    if (end == std::string::npos) end = body.size();
    const std::string event = body.substr(pos, end - pos);
    if (event.rfind("data: ", 0) == 0) out.push_back(event.substr(6));
    pos = end + 2;
  }
  return out;
}

std::vector<boost::json::value> ndjson(const std::string& body) {
  std::vector<boost::json::value> out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string::npos) end = body.size();
    if (end > pos) {
      boost::json::error_code ec;
      boost::json::value v = boost::json::parse(std::string_view(body).substr(pos, end - pos), ec);
      out.push_back(ec ? boost::json::value() : v);
    }
    pos = end + 1;
  }
  return out;
}

int concurrent_posts(uint16_t port, const std::string& target, const std::string& body, int n,
                     std::chrono::milliseconds timeout) {
  net::io_context ioc;
  int ok = 0;
  for (int i = 0; i < n; ++i) {
    net::co_spawn(
        ioc,
        [&]() -> Task<void> {
          beast::tcp_stream stream(ioc);
          beast::flat_buffer buffer;
          stream.expires_after(timeout);
          auto [ec] = co_await stream.async_connect(
              tcp::endpoint(net::ip::make_address("127.0.0.1"), port), kUse);
          if (ec) co_return;
          http::request<http::string_body> req{http::verb::post, target, 11};
          req.set(http::field::host, "127.0.0.1");
          req.body() = body;
          req.prepare_payload();
          Response r = co_await exchange(stream, buffer, std::move(req), timeout);
          if (!r.error && r.status == 200) ++ok;
        },
        net::detached);
  }
  ioc.run_for(timeout + 2s);
  return ok;
}

}  // namespace splitpoint::emulator::testing
