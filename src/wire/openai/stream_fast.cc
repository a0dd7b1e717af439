// The DOM-free decoder of the common chat.completion.chunk shape (see internal.h for the contract).
// Recognised, each key at most once, any order, any JSON whitespace:
//   {"id":s, "object":s, "created":int, "model":s|null, "system_fingerprint":s|null,
//    "service_tier":s|null, "usage":null,
//    "choices":null | [] | [{"index":int, "logprobs":null, "finish_reason":s|null,
//                            "delta":null | {"role":s|null, "content":s|null, "refusal":s|null,
//                                            "reasoning_content":s|null | "reasoning":s|null,
//                                            "tool_calls":null}}]}
// Anything else (more choices, tool calls, usage objects, logprobs, errors, other keys or value
// types) is left to the full decoder.
#include <cstdint>
#include <optional>
#include <string_view>

#include "wire/json_scan.h"
#include "wire/openai/internal.h"

namespace splitpoint::wire::openai::detail {

bool scan_finish_reason(scan::Scanner& s, FinishReason& out) {
  if (s.null()) return true;
  std::string reason;
  if (!s.string(reason)) return false;
  out = parse_finish_reason(reason);
  return true;
}

namespace {

using scan::first_time;
using scan::members;
using scan::Scanner;
using scan::string_or_null;

bool delta(Scanner& s, StreamChunk& out) {
  if (s.null()) return true;
  uint32_t seen = 0;
  return members(s, [&](std::string_view key) {
    if (key == "content") return first_time(seen, 1) && string_or_null(s, &out.content);
    if (key == "role") return first_time(seen, 2) && string_or_null(s, nullptr);
    if (key == "refusal") return first_time(seen, 4) && string_or_null(s, nullptr);
    // One of the two only: the full decoder lets the later one win.
    if (key == "reasoning_content" || key == "reasoning") {
      return first_time(seen, 8) && string_or_null(s, &out.thinking);
    }
    if (key == "tool_calls") return first_time(seen, 16) && s.null();
    return false;
  });
}

bool choice(Scanner& s, StreamChunk& out) {
  uint32_t seen = 0;
  return members(s, [&](std::string_view key) {
    if (key == "delta") return first_time(seen, 1) && delta(s, out);
    if (key == "index") return first_time(seen, 2) && s.integer();
    if (key == "logprobs") return first_time(seen, 4) && s.null();
    if (key == "finish_reason") return first_time(seen, 8) && scan_finish_reason(s, out.finish_reason);
    return false;
  });
}

// null, [] or [one choice].
bool choices(Scanner& s, StreamChunk& out) {
  if (s.null()) return true;
  if (!s.eat('[')) return false;
  if (s.eat(']')) return true;
  return choice(s, out) && s.eat(']');
}

bool chunk_object(Scanner& s, StreamChunk& out) {
  uint32_t seen = 0;
  return members(s, [&](std::string_view key) {
    if (key == "choices") return first_time(seen, 1) && choices(s, out);
    if (key == "id") return first_time(seen, 2) && s.skip_string();
    if (key == "object") return first_time(seen, 4) && s.skip_string();
    if (key == "created") return first_time(seen, 8) && s.integer();
    if (key == "model") return first_time(seen, 16) && string_or_null(s, &out.model);
    if (key == "system_fingerprint") return first_time(seen, 32) && string_or_null(s, nullptr);
    if (key == "service_tier") return first_time(seen, 64) && string_or_null(s, nullptr);
    if (key == "usage") return first_time(seen, 128) && s.null();
    return false;
  });
}

}  // namespace

std::optional<StreamChunk> decode_stream_event_fast(std::string_view data) {
  Scanner s(data);
  StreamChunk chunk;
  if (!chunk_object(s, chunk) || !s.at_end()) return std::nullopt;
  return chunk;
}

}  // namespace splitpoint::wire::openai::detail
