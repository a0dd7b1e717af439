// libFuzzer target: the redaction round trip. A request with two user messages, a system prompt
// and tool call arguments taken from the input is masked; then:
// - restore() of every masked text gives the original text back exactly;
// - a StreamRestorer fed the masked text in fuzzer-chosen pieces, then flushed, gives the same;
// - tool call arguments: if the original was valid JSON, the masked and the restored text are
//   valid JSON, and a kJson StreamRestorer over any split equals restore_json() of the whole.
#include <boost/json/src.hpp>  // Boost.JSON compiled into this target only, to check validity
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "byte_reader.h"
#include "fuzz_check.h"
#include "privacy/redactor.h"

namespace splitpoint::privacy {
namespace {

const Detector& detector() {
  static const std::shared_ptr<const Detector> d = Detector::create().value();
  return *d;
}

bool valid_json(std::string_view s) {
  boost::system::error_code ec;
  boost::json::parse(s, ec);
  return !ec;
}

Message text_message(std::string role, std::string text) {
  Message m;
  m.role = std::move(role);
  m.parts.push_back(ContentPart{ContentPart::Kind::kText, std::move(text), ""});
  return m;
}

std::string stream(Redaction::StreamRestorer restorer, std::string_view text,
                   const std::vector<std::size_t>& cuts) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    out += restorer.feed(text.substr(from, cut - from));
    from = cut;
  }
  out += restorer.feed(text.substr(from));
  out += restorer.flush();
  return out;
}

std::vector<std::size_t> cuts_for(const std::vector<uint16_t>& fractions, std::size_t size) {
  std::vector<std::size_t> cuts;
  for (uint16_t f : fractions) cuts.push_back(size * f / 65535);
  std::sort(cuts.begin(), cuts.end());
  return cuts;
}

void check_text(const Redaction& red, const std::string& masked, const std::string& original,
                const std::vector<uint16_t>& fractions) {
  fuzz::check_equal(red.restore(masked), original, "restore(mask(text)) != text");
  using Stream = Redaction::StreamRestorer;
  fuzz::check_equal(stream(Stream(red), masked, cuts_for(fractions, masked.size())), original,
                    "streamed restore(mask(text)) != text");
}

void check_json(const Redaction& red, const std::string& masked, const std::string& original,
                const std::vector<uint16_t>& fractions) {
  const std::string restored = red.restore_json(masked);
  if (valid_json(original)) {
    if (!valid_json(masked)) fuzz::fail("masking broke valid JSON", original, masked);
    if (!valid_json(restored)) fuzz::fail("restoring broke valid JSON", masked, restored);
  }
  using Stream = Redaction::StreamRestorer;
  fuzz::check_equal(stream(Stream(red, Stream::Mode::kJson), masked, cuts_for(fractions, masked.size())),
                    restored, "streamed restore_json != restore_json");
}

}  // namespace
}  // namespace splitpoint::privacy

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace splitpoint;           // NOLINT(google-build-using-namespace)
  using namespace splitpoint::privacy;  // NOLINT(google-build-using-namespace)
  // Layout: cut count (mod 17), 2 bytes per cut, then system prompt, user text and tool call
  // arguments (each a 2-byte length and the bytes), then the second user text.
  fuzz::ByteReader in(data, size);
  std::vector<uint16_t> fractions(in.byte() % 17);
  for (uint16_t& f : fractions) f = in.u16();
  ChatRequest original;
  original.messages.push_back(text_message("system", in.text(256)));
  original.messages.push_back(text_message("user", in.text(1024)));
  Message call;
  call.role = "assistant";
  call.tool_calls.push_back(ToolCall{"call_1", "f", in.text(1024)});
  original.messages.push_back(call);
  original.messages.push_back(text_message("user", in.rest()));

  ChatRequest masked = original;
  Redaction red;
  const int n = red.apply(detector(), masked);
  fuzz::check(n == red.count() && (n == 0) == red.empty(), "count() and empty() disagree");
  for (std::size_t i : {0, 1, 3}) {
    check_text(red, masked.messages[i].parts[0].text, original.messages[i].parts[0].text, fractions);
  }
  check_json(red, masked.messages[2].tool_calls[0].arguments,
             original.messages[2].tool_calls[0].arguments, fractions);
  return 0;
}
