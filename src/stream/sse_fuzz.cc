// libFuzzer target: SseParser. The same stream is parsed three ways, which must agree:
// fed whole, fed in fuzzer-chosen pieces (empty ones included), and by a naive reference parser
// written from the SSE rules (lines end at \r\n, \n or \r; "data" lines join with '\n'; an empty
// line dispatches if a data line was seen; comments, id and retry are ignored).
// With a small frame limit the streams may stop at an oversized frame; then the events delivered
// before the stop must be a prefix of the reference's.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_check.h"
#include "split_input.h"
#include "stream/framing.h"

namespace splitpoint::stream {
namespace {

using Event = std::pair<std::string, std::string>;

struct Outcome {
  std::vector<Event> events;
  bool ok = true;
  bool partial = false;
};

Outcome parse(const std::vector<std::string_view>& pieces, std::size_t max_frame) {
  SseParser parser(max_frame);
  Outcome out;
  auto handler = [&out](std::string_view event, std::string_view data) {
    out.events.emplace_back(std::string(event), std::string(data));
    return Status::OK();
  };
  for (std::string_view piece : pieces) {
    if (!parser.feed(piece, handler)) {
      out.ok = false;
      return out;
    }
  }
  out.partial = parser.has_partial();
  return out;
}

Outcome reference(std::string_view text) {
  Outcome out;
  std::string data, event;
  bool has_data = false;
  std::string line;
  auto on_line = [&](std::string_view l) {
    if (l.empty()) {
      if (has_data) out.events.emplace_back(event, data);
      has_data = false;
      data.clear();
      event.clear();
      return;
    }
    if (l.front() == ':') return;
    std::size_t colon = l.find(':');
    std::string_view field = l.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? "" : l.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (field == "event") event.assign(value);
    if (field != "data") return;
    if (has_data) data.push_back('\n');
    data.append(value);
    has_data = true;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '\r' && c != '\n') {
      line.push_back(c);
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    on_line(line);
    line.clear();
  }
  out.partial = !line.empty() || has_data;
  return out;
}

bool is_prefix(const std::vector<Event>& a, const std::vector<Event>& b) {
  return a.size() <= b.size() && std::equal(a.begin(), a.end(), b.begin());
}

void check_against(const Outcome& got, const Outcome& want, bool may_stop, const char* what) {
  if (!got.ok) {
    fuzz::check(may_stop, "oversized-frame error without a frame over the limit");
    fuzz::check(is_prefix(got.events, want.events), what);
    return;
  }
  if (got.events != want.events) {
    std::string g, w;
    for (const Event& e : got.events) g += "[" + e.first + "|" + e.second + "]";
    for (const Event& e : want.events) w += "[" + e.first + "|" + e.second + "]";
    fuzz::fail(what, g, w);
  }
  fuzz::check(got.partial == want.partial, "has_partial() differs");
}

}  // namespace
}  // namespace splitpoint::stream

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace splitpoint::stream;  // NOLINT(google-build-using-namespace)
  splitpoint::fuzz::SplitInput in = splitpoint::fuzz::split_input(data, size);
  const Outcome want = reference(in.text);
  const bool may_stop = in.text.size() > in.max_frame;
  check_against(parse({in.text}, in.max_frame), want, may_stop, "whole feed != reference");
  check_against(parse(in.pieces(), in.max_frame), want, may_stop, "split feed != reference");
  return 0;
}
