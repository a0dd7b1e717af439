// The emulator's shared state: start-up options, runtime config, scripted faults, the request
// record and counters. One Emulator per process, shared by all connections (thread-safe).
#pragma once

#include <atomic>
#include <boost/json/value.hpp>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace splitpoint::emulator {

// Defaults changeable at runtime through POST /_emulator/config.
struct RuntimeConfig {
  int64_t ttft_ms = 0;        // delay before the first token
  double tokens_per_sec = 0;  // 0 = no delay between tokens
  int64_t reply_tokens = 0;   // > 0: answer "tok0 tok1 ..." instead of the echo
};

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string port_file;
  RuntimeConfig config;
  std::vector<std::string> models{"llama3.1:8b", "all-minilm", "gpt-4o", "text-embedding-3-small"};
  std::string require_key;  // non-empty: OpenAI endpoints need "Authorization: Bearer <key>"
  int embedding_dim = 8;
  int threads = 1;
  size_t record_limit = 1000;  // requests kept by GET /_emulator/requests; 0 = record nothing
};

enum class FaultKind { kStatus, kClose, kHang, kGarbage, kStall, kCut };

struct Fault {
  FaultKind kind = FaultKind::kStatus;
  int64_t count = 1;        // requests left to hit; -1 = forever
  std::string path;         // only requests whose path starts with this; empty = all
  unsigned status = 500;    // kStatus: the HTTP status
  std::string retry_after;  // kStatus: Retry-After header value; empty = none
  std::string message;      // kStatus: error message; empty = a generated one
  int64_t ms = 0;           // kStall: extra delay before the first token
  int64_t after = 0;        // kCut: stream events sent before the connection is cut
};

// One protocol request as received (method, target, headers, body verbatim).
struct RecordedRequest {
  std::string method;
  std::string target;
  std::string authorization;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
};

struct Stats {
  std::atomic<uint64_t> connections_accepted{0};
  std::atomic<int64_t> open_connections{0};
  std::atomic<uint64_t> requests{0};  // protocol requests (not /_emulator/)
};

class Emulator {
 public:
  explicit Emulator(Options options);

  const Options& options() const { return options_; }
  Stats& stats() { return stats_; }
  bool has_model(std::string_view model) const;
  // A process-unique number for response ids.
  uint64_t next_id() { return next_id_.fetch_add(1, std::memory_order_relaxed); }

  RuntimeConfig config() const;
  // Applies {"ttft_ms","tokens_per_sec","reply_tokens"} (each optional, numbers >= 0).
  // Returns an error text, empty on success (nothing is changed on error).
  std::string update_config(const boost::json::value& body);

  // Appends {"faults":[...]} to the script. Returns an error text, empty on success (nothing is
  // appended on error).
  std::string add_faults(const boost::json::value& body);
  // Consumes one use of the first scripted fault matching `path`, if any.
  std::optional<Fault> take_fault(std::string_view path);
  size_t pending_faults() const;

  bool recording() const { return options_.record_limit > 0; }
  void record(RecordedRequest request);
  // {"requests":[{"method","path","authorization","headers","body","json"}...]}, oldest first;
  // "json" is the body parsed, or null when it is not valid JSON.
  boost::json::value recorded_json() const;

  // Clears the faults, the record and the runtime config (back to the start-up options).
  void reset();

 private:
  const Options options_;
  Stats stats_;
  std::atomic<uint64_t> next_id_{1};
  std::atomic<size_t> fault_count_{0};  // lets take_fault() skip the lock when nothing is scripted

  mutable std::mutex mu_;
  RuntimeConfig config_;
  std::deque<Fault> faults_;
  std::deque<RecordedRequest> record_;
};

// Parses one fault object. Returns an error text, empty on success.
std::string parse_fault(const boost::json::value& v, Fault& out);

}  // namespace splitpoint::emulator
