// splitpoint-ttft: time to first token of streamed chat completions, one request at a time.
//
// Sends K sequential POST requests with "stream":true over one keep-alive connection (reconnecting
// after a close or an error) and measures, from the moment the request is written:
//   ttfb  - the first response-body byte,
//   ttft  - the first body byte that completes a content token ("content":"<non-empty>"; the
//           OpenAI role chunk with "content":"" does not count),
//   total - the end of the response.
// Prints one line `RESULT label=... n=... ok=... ttft_p50_us=...` (and per-request rows with
// --raw).
//
// Bounded by construction: K requests, each with a deadline (--timeout-ms), and it stops after
// --max-consecutive-errors failures in a row. Only loopback addresses are accepted.
#include <poll.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string url;
  std::string model = "gpt-4o";
  std::string prompt = "hello world";
  std::vector<std::string> headers;
  std::string label = "run";
  std::string raw_file;
  int requests = 200;
  int warmup = 5;
  int timeout_ms = 10000;
  int max_consecutive_errors = 5;
};

struct Target {
  std::string host;
  unsigned short port = 0;
  std::string path;
};

// One finished request; times in microseconds from the request write, -1 when never reached.
struct Sample {
  bool ok = false;
  std::string error;
  double ttfb_us = -1;
  double ttft_us = -1;
  double total_us = -1;
  int events = 0;
};

// Parses "http://HOST:PORT/PATH" (HOST an IPv4 literal or "localhost").
std::optional<Target> parse_url(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) return std::nullopt;
  url.remove_prefix(kScheme.size());
  auto slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  Target t;
  t.path = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
  auto colon = authority.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  t.host = std::string(authority.substr(0, colon));
  if (t.host == "localhost") t.host = "127.0.0.1";
  try {
    int port = std::stoi(std::string(authority.substr(colon + 1)));
    if (port <= 0 || port > 65535) return std::nullopt;
    t.port = static_cast<unsigned short>(port);
  } catch (...) {
    return std::nullopt;
  }
  return t;
}

// Escapes a string for a JSON string literal (the prompt comes from the command line).
std::string json_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string build_request(const Options& o, const Target& t) {
  std::string body = R"({"model":")" + json_escape(o.model) +
                     R"(","messages":[{"role":"user","content":")" + json_escape(o.prompt) +
                     R"("}],"stream":true})";
  std::string req = "POST " + t.path + " HTTP/1.1\r\nHost: " + t.host + ":" +
                    std::to_string(t.port) +
                    "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n";
  for (const auto& h : o.headers) req += h + "\r\n";
  req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return req;
}

// True when `body` holds `"content"` `:` `"` followed by a character other than `"`, i.e. a
// non-empty content string has started. Scans from `from` (a few bytes before new data).
bool has_content_token(std::string_view body, std::size_t from) {
  constexpr std::string_view kKey = "\"content\"";
  for (auto pos = body.find(kKey, from); pos != std::string_view::npos;
       pos = body.find(kKey, pos + 1)) {
    std::size_t i = pos + kKey.size();
    auto skip_ws = [&] {
      while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) ++i;
    };
    skip_ws();
    if (i >= body.size() || body[i] != ':') continue;
    ++i;
    skip_ws();
    if (i + 1 < body.size() && body[i] == '"' && body[i + 1] != '"') return true;
  }
  return false;
}

int count_events(std::string_view body) {
  int n = 0;
  for (std::size_t pos = 0; (pos = body.find("data:", pos)) != std::string_view::npos; pos += 5) {
    if (pos == 0 || body[pos - 1] == '\n') ++n;
  }
  if (n > 0) return n;
  return static_cast<int>(std::count(body.begin(), body.end(), '\n'));  // NDJSON lines
}

double us_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
}

class Client {
 public:
  Client(const Options& o, const Target& t) : opts_(o), target_(t), socket_(ctx_) {
    request_ = build_request(o, t);
  }

  Sample run_one() {
    Sample s;
    boost::system::error_code ec;
    if (!socket_.is_open() && !connect(ec)) {
      s.error = "connect: " + ec.message();
      return s;
    }
    const Clock::time_point t0 = Clock::now();
    const Clock::time_point deadline = t0 + std::chrono::milliseconds(opts_.timeout_ms);
    asio::write(socket_, asio::buffer(request_), ec);
    if (ec) return fail(s, "write: " + ec.message());
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    parser.body_limit(64u << 20);
    boost::beast::flat_buffer buf;
    std::size_t scanned = 0;
    while (!parser.is_done()) {
      if (!wait_readable(deadline)) return fail(s, "timeout");
      std::size_t n = socket_.read_some(buf.prepare(16384), ec);
      buf.commit(n);
      if (ec == asio::error::eof) {
        if (parser.is_header_done() && parser.need_eof()) {
          parser.put_eof(ec);
          if (!ec) break;
        }
        return fail(s, "connection closed early");
      }
      if (ec) return fail(s, "read: " + ec.message());
      if (!feed(parser, buf, ec)) return fail(s, "parse: " + ec.message());
      const std::string& body = parser.get().body();
      if (s.ttfb_us < 0 && !body.empty()) s.ttfb_us = us_since(t0);
      if (s.ttft_us < 0 && has_content_token(body, scanned)) s.ttft_us = us_since(t0);
      scanned = body.size() > 64 ? body.size() - 64 : 0;
    }
    s.total_us = us_since(t0);
    const auto& res = parser.get();
    s.events = count_events(res.body());
    if (res.result_int() != 200) return fail(s, "status " + std::to_string(res.result_int()));
    bool finished = res.body().find("[DONE]") != std::string::npos ||
                    res.body().find("\"done\":true") != std::string::npos;
    if (!finished) return fail(s, "stream without [DONE]");
    if (s.ttft_us < 0) return fail(s, "no content token");
    if (!parser.keep_alive()) close();
    s.ok = true;
    return s;
  }

 private:
  bool connect(boost::system::error_code& ec) {
    tcp::endpoint ep(asio::ip::make_address(target_.host, ec), target_.port);
    if (ec) return false;
    socket_.connect(ep, ec);
    if (ec) {
      socket_.close();
      return false;
    }
    socket_.set_option(tcp::no_delay(true), ec);
    return true;
  }

  void close() {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

  Sample& fail(Sample& s, std::string why) {
    s.error = std::move(why);
    close();
    return s;
  }

  bool wait_readable(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd pfd{socket_.native_handle(), POLLIN, 0};
    return ::poll(&pfd, 1, static_cast<int>(left.count())) > 0;
  }

  // Hands the buffered bytes to the parser; false on a parse error.
  static bool feed(http::response_parser<http::string_body>& parser, boost::beast::flat_buffer& buf,
                   boost::system::error_code& ec) {
    while (buf.size() > 0 && !parser.is_done()) {
      std::size_t used = parser.put(buf.data(), ec);
      buf.consume(used);
      if (ec == http::error::need_more) {
        ec = {};
        return true;
      }
      if (ec) return false;
      if (used == 0) return true;
    }
    return true;
  }

  const Options& opts_;
  const Target& target_;
  asio::io_context ctx_;
  tcp::socket socket_;
  std::string request_;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size()) + 0.999999);
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

void report(const Options& o, const std::vector<Sample>& samples, int attempted) {
  std::vector<double> ttfb, ttft, total;
  double events = 0;
  for (const auto& s : samples) {
    if (!s.ok) continue;
    ttfb.push_back(s.ttfb_us);
    ttft.push_back(s.ttft_us);
    total.push_back(s.total_us);
    events += s.events;
  }
  const auto ok = static_cast<int>(ttft.size());
  std::printf(
      "RESULT label=%s n=%d ok=%d errors=%d ttfb_p50_us=%.0f ttft_p50_us=%.0f ttft_p90_us=%.0f "
      "ttft_p99_us=%.0f total_p50_us=%.0f total_p99_us=%.0f events_avg=%.1f\n",
      o.label.c_str(), attempted, ok, attempted - ok, percentile(ttfb, 50), percentile(ttft, 50),
      percentile(ttft, 90), percentile(ttft, 99), percentile(total, 50), percentile(total, 99),
      ok > 0 ? events / ok : 0.0);
}

int run(const Options& o, const Target& t) {
  Client client(o, t);
  for (int i = 0; i < o.warmup; ++i) client.run_one();
  std::vector<Sample> samples;
  samples.reserve(static_cast<std::size_t>(o.requests));
  int consecutive_errors = 0;
  for (int i = 0; i < o.requests && consecutive_errors < o.max_consecutive_errors; ++i) {
    samples.push_back(client.run_one());
    consecutive_errors = samples.back().ok ? 0 : consecutive_errors + 1;
    if (!samples.back().ok) {
      std::fprintf(stderr, "%s: request %d: %s\n", o.label.c_str(), i,
                   samples.back().error.c_str());
    }
  }
  if (!o.raw_file.empty()) {
    std::ofstream raw(o.raw_file);
    raw << "label\ti\tok\tttfb_us\tttft_us\ttotal_us\tevents\terror\n";
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const auto& s = samples[i];
      raw << o.label << '\t' << i << '\t' << s.ok << '\t' << s.ttfb_us << '\t' << s.ttft_us << '\t'
          << s.total_us << '\t' << s.events << '\t' << s.error << '\n';
    }
  }
  report(o, samples, static_cast<int>(samples.size()));
  return consecutive_errors >= o.max_consecutive_errors ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"splitpoint-ttft: time to first streamed token, K sequential requests"};
  app.add_option("--url", o.url, "http://127.0.0.1:PORT/v1/chat/completions")->required();
  app.add_option("--model", o.model, "model name sent in the request");
  app.add_option("--prompt", o.prompt, "user message text");
  app.add_option("-H,--header", o.headers, "extra request header 'Name: value' (repeatable)");
  app.add_option("-n,--requests", o.requests, "measured requests")->check(CLI::Range(1, 100000));
  app.add_option("--warmup", o.warmup, "unmeasured requests first")->check(CLI::Range(0, 1000));
  app.add_option("--timeout-ms", o.timeout_ms, "deadline of one request")
      ->check(CLI::Range(1, 600000));
  app.add_option("--max-consecutive-errors", o.max_consecutive_errors, "stop after N failures")
      ->check(CLI::Range(1, 100000));
  app.add_option("--label", o.label, "name printed in the RESULT line");
  app.add_option("--raw", o.raw_file, "write one TSV row per request to this file");
  CLI11_PARSE(app, argc, argv);

  auto target = parse_url(o.url);
  if (!target) {
    std::fprintf(stderr, "splitpoint-ttft: bad --url %s (want http://127.0.0.1:PORT/PATH)\n",
                 o.url.c_str());
    return 2;
  }
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(target->host, ec);
  if (ec || !addr.is_loopback()) {
    std::fprintf(stderr, "splitpoint-ttft: only loopback targets are allowed, got %s\n",
                 target->host.c_str());
    return 2;
  }
  return run(o, *target);
}
