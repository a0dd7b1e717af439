// libFuzzer target: NdjsonParser. The same stream is parsed three ways, which must agree:
// fed whole, fed in fuzzer-chosen pieces (empty ones included), and by a naive reference
// (split at '\n', drop one trailing '\r', skip empty lines; finish() delivers an unterminated
// last line). With a small frame limit a parse may stop at an oversized line; then the lines
// delivered before the stop must be a prefix of the reference's.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "split_input.h"
#include "stream/framing.h"

namespace splitpoint::stream {
namespace {

struct Outcome {
  std::vector<std::string> lines;
  bool ok = true;
};

Outcome parse(const std::vector<std::string_view>& pieces, std::size_t max_frame) {
  NdjsonParser parser(max_frame);
  Outcome out;
  auto handler = [&out](std::string_view line) {
    out.lines.emplace_back(line);
    return Status::OK();
  };
  for (std::string_view piece : pieces) {
    if (!parser.feed(piece, handler)) {
      out.ok = false;
      return out;
    }
  }
  out.ok = parser.finish(handler).is_ok();
  return out;
}

std::vector<std::string> reference(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) lines.emplace_back(line);
  }
  return lines;
}

void check_against(const Outcome& got, const std::vector<std::string>& want, bool may_stop,
                   const char* what) {
  if (!got.ok) {
    splitpoint::fuzz::check(may_stop, "oversized-line error without a line over the limit");
    splitpoint::fuzz::check(
        got.lines.size() <= want.size() && std::equal(got.lines.begin(), got.lines.end(), want.begin()),
        what);
    return;
  }
  if (got.lines != want) {
    std::string g, w;
    for (const std::string& l : got.lines) g += "[" + l + "]";
    for (const std::string& l : want) w += "[" + l + "]";
    splitpoint::fuzz::fail(what, g, w);
  }
}

}  // namespace
}  // namespace splitpoint::stream

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace splitpoint::stream;  // NOLINT(google-build-using-namespace)
  splitpoint::fuzz::SplitInput in = splitpoint::fuzz::split_input(data, size);
  const std::vector<std::string> want = reference(in.text);
  const bool may_stop = in.text.size() > in.max_frame;
  check_against(parse({in.text}, in.max_frame), want, may_stop, "whole feed != reference");
  check_against(parse(in.pieces(), in.max_frame), want, may_stop, "split feed != reference");
  return 0;
}
