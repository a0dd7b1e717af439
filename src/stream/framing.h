// Incremental parsers for the two streaming wire formats, fed with arbitrary byte slices as they
// arrive from the network (a frame may be split anywhere, several may arrive at once).
// Not thread-safe; one parser per stream. Bounded: a frame larger than max_frame_bytes is an error.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "splitpoint/status.h"

namespace splitpoint::stream {

// Server-Sent Events (text/event-stream). Delivers each event's data (multiple data: lines joined
// with '\n'); ignores comments (": ..."), id:, retry:; accepts \n, \r\n and \r line ends.
// `event:` names are passed along ("" when absent). The "[DONE]" sentinel is delivered as data.
class SseParser {
 public:
  using EventHandler = std::function<Status(std::string_view event, std::string_view data)>;
  explicit SseParser(std::size_t max_frame_bytes = 16 << 20) : max_(max_frame_bytes) {}
  // Parses `bytes`; calls `on_event` for each complete event. Stops at and returns the first
  // non-OK Status from the handler, or kUpstream for an oversized frame.
  Status feed(std::string_view bytes, const EventHandler& on_event);
  // True if unconsumed bytes remain (an event cut off by the end of the stream).
  bool has_partial() const;

 private:
  std::size_t max_;
  std::string line_;
  std::string data_;
  std::string event_;
  bool has_data_ = false;
  bool last_cr_ = false;
  // During feed(): the first data line of the current event when it lies in the fed bytes
  // (the common one-line event is then delivered without copying); empty when data_ is used.
  std::string_view pending_;
  bool pending_active_ = false;
  Status on_line(std::string_view line, bool stable, const EventHandler& on_event);
  Status on_data_line(std::string_view value, bool stable);
  Status dispatch(const EventHandler& on_event);
};

// Newline-delimited JSON. Delivers each non-empty line (without its \n or \r\n).
class NdjsonParser {
 public:
  using LineHandler = std::function<Status(std::string_view line)>;
  explicit NdjsonParser(std::size_t max_frame_bytes = 16 << 20) : max_(max_frame_bytes) {}
  Status feed(std::string_view bytes, const LineHandler& on_line);
  // Delivers a last line not terminated by '\n' (Ollama ends with one, but be lenient).
  Status finish(const LineHandler& on_line);

 private:
  std::size_t max_;
  std::string buf_;
};

// Framers for what the gateway sends.
std::string sse_frame(std::string_view data);  // "data: <data>\n\n"
inline constexpr std::string_view kSseDone = "data: [DONE]\n\n";

}  // namespace splitpoint::stream
