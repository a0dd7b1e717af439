// splitpoint-streams-load: N concurrent streamed chat completions, held open together.
//
// Opens N connections to a loopback OpenAI-style endpoint at a bounded ramp (--ramp per second),
// sends one `"stream":true` request on each (with `Connection: close`) and reads each answer to
// the end, counting content tokens (`"content":"tok` as the emulator's --reply-tokens answers
// them) and checking for `data: [DONE]`. A stream is ok when it answered 200, carried exactly
// --tokens tokens and ended with [DONE]. Prints progress once a second and one line
//   RESULT n= ok= bad_status= bad_tokens= no_done= io_errors= unfinished= peak_open= ...
// Bounded: every stream shares one deadline (--timeout-s); what is unfinished then is counted
// and the program exits. One thread, one coroutine per stream, 4 KB read buffer each.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::string_view kToken = "\"content\":\"tok";
constexpr std::string_view kDone = "data: [DONE]";

struct Options {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  std::string path = "/v1/chat/completions";
  std::string model = "auto";
  std::vector<std::string> headers;
  int streams = 10000;
  int ramp = 2000;  // new streams per second
  int tokens = 0;   // expected tokens per stream; 0 = do not check
  int timeout_s = 300;
};

enum class Outcome { kOk, kBadStatus, kBadTokens, kNoDone, kIoError, kUnfinished };

struct Stats {
  int open = 0, peak_open = 0, started = 0, finished = 0;
  int count[6] = {};
  std::vector<double> ttfb_ms, total_ms;
};

// Counts occurrences of a pattern in a byte stream that arrives in pieces.
class Counter {
 public:
  explicit Counter(std::string_view pattern) : pattern_(pattern) {}
  void feed(std::string_view piece) {
    carry_.append(piece);
    std::size_t at = 0;
    while ((at = carry_.find(pattern_, at)) != std::string::npos) {
      ++count_;
      at += pattern_.size();
    }
    const std::size_t keep = std::min(carry_.size(), pattern_.size() - 1);
    carry_.erase(0, carry_.size() - keep);
  }
  int count() const { return count_; }

 private:
  std::string_view pattern_;
  std::string carry_;
  int count_ = 0;
};

asio::awaitable<Outcome> one_stream(const Options& o, const std::string& request, Stats& st,
                                    Clock::time_point t0) {
  auto ex = co_await asio::this_coro::executor;
  tcp::socket socket(ex);
  const tcp::endpoint ep(asio::ip::make_address(o.host), o.port);
  auto [cec] = co_await socket.async_connect(ep, kTuple);
  if (cec) co_return Outcome::kIoError;
  auto [wec, wn] = co_await asio::async_write(socket, asio::buffer(request), kTuple);
  if (wec) co_return Outcome::kIoError;
  char buf[4096];
  Counter tokens(kToken), done(kDone);
  std::string head;
  bool first = true;
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(asio::buffer(buf), kTuple);
    if (n > 0) {
      if (first) {
        st.ttfb_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        first = false;
      }
      if (head.size() < 16) head.append(buf, std::min<std::size_t>(n, 16 - head.size()));
      tokens.feed({buf, n});
      done.feed({buf, n});
    }
    if (ec == asio::error::eof) break;
    if (ec) co_return Outcome::kIoError;
  }
  st.total_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  if (!head.starts_with("HTTP/1.1 200")) co_return Outcome::kBadStatus;
  if (o.tokens > 0 && tokens.count() != o.tokens) co_return Outcome::kBadTokens;
  if (done.count() != 1) co_return Outcome::kNoDone;
  co_return Outcome::kOk;
}

asio::awaitable<void> run_one(const Options& o, const std::string& request, Stats& st) {
  ++st.started;
  st.peak_open = std::max(st.peak_open, ++st.open);
  Outcome r = Outcome::kIoError;
  try {
    r = co_await one_stream(o, request, st, Clock::now());
  } catch (const std::exception&) {
  }
  --st.open;
  ++st.finished;
  ++st.count[static_cast<int>(r)];
}

asio::awaitable<void> ramp(const Options& o, const std::string& request, Stats& st) {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer timer(ex);
  const auto start = Clock::now();
  for (int i = 0; i < o.streams; ++i) {
    timer.expires_at(start + std::chrono::microseconds(int64_t{i} * 1'000'000 / o.ramp));
    co_await timer.async_wait(kTuple);
    asio::co_spawn(ex, run_one(o, request, st), asio::detached);
  }
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p / 100.0 * v.size()))];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"N concurrent streamed chat completions (loopback only)"};
  app.add_option("--host", o.host, "loopback address");
  app.add_option("--port", o.port, "port")->required();
  app.add_option("--path", o.path, "request path");
  app.add_option("--model", o.model, "model");
  app.add_option("-H,--header", o.headers, "extra header 'Name: value'");
  app.add_option("-n,--streams", o.streams, "concurrent streams")->check(CLI::Range(1, 100000));
  app.add_option("--ramp", o.ramp, "new streams per second")->check(CLI::Range(1, 1000000));
  app.add_option("--tokens", o.tokens, "expected tokens per stream (0: unchecked)");
  app.add_option("--timeout-s", o.timeout_s, "deadline for all streams")->check(CLI::Range(1, 3600));
  CLI11_PARSE(app, argc, argv);
  if (!asio::ip::make_address(o.host).is_loopback()) {
    std::fprintf(stderr, "only loopback addresses are accepted\n");
    return 2;
  }
  const std::string body = "{\"model\":\"" + o.model +
                           "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                           "\"Count slowly, please.\"}]}";
  std::string request = "POST " + o.path + " HTTP/1.1\r\nHost: " + o.host +
                        "\r\nContent-Type: application/json\r\nConnection: close\r\n";
  for (const auto& h : o.headers) request += h + "\r\n";
  request += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;

  asio::io_context io(1);
  Stats st;
  asio::co_spawn(io, ramp(o, request, st), asio::detached);
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::seconds(o.timeout_s);
  while (st.finished < o.streams && Clock::now() < deadline) {
    io.run_for(std::chrono::seconds(1));
    std::fprintf(stderr, "t=%5.1fs started=%d open=%d finished=%d ok=%d\n",
                 std::chrono::duration<double>(Clock::now() - start).count(), st.started,
                 st.open, st.finished, st.count[0]);
  }
  st.count[static_cast<int>(Outcome::kUnfinished)] = o.streams - st.finished;
  std::printf(
      "RESULT n=%d ok=%d bad_status=%d bad_tokens=%d no_done=%d io_errors=%d unfinished=%d "
      "peak_open=%d ttfb_p50_ms=%.1f ttfb_p99_ms=%.1f total_p50_ms=%.0f total_max_ms=%.0f "
      "wall_s=%.1f\n",
      o.streams, st.count[0], st.count[1], st.count[2], st.count[3], st.count[4], st.count[5],
      st.peak_open, percentile(st.ttfb_ms, 50), percentile(st.ttfb_ms, 99),
      percentile(st.total_ms, 50), percentile(st.total_ms, 100),
      std::chrono::duration<double>(Clock::now() - start).count());
  return st.count[0] == o.streams ? 0 : 1;
}
