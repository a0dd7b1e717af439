// The DOM-free decoder of the common /api/chat stream line (see internal.h for the contract).
// Recognised, each key at most once, any order, any JSON whitespace:
//   {"model":s|null, "created_at":s, "done":false|null,
//    "message":null | {"role":s|null, "content":s|null, "thinking":s|null}}
// Anything else (done:true with its statistics, tool calls, images, "response", "error", other
// keys or value types) is left to the full decoder.
#include <cstdint>
#include <optional>
#include <string_view>

#include "wire/json_scan.h"
#include "wire/ollama/internal.h"

namespace splitpoint::wire::ollama::internal {
namespace {

using scan::first_time;
using scan::members;
using scan::Scanner;
using scan::string_or_null;

}  // namespace

bool scan_message(Scanner& s, std::string& content, std::string& thinking) {
  if (s.null()) return true;
  uint32_t seen = 0;
  return members(s, [&](std::string_view key) {
    if (key == "content") return first_time(seen, 1) && string_or_null(s, &content);
    if (key == "role") return first_time(seen, 2) && string_or_null(s, nullptr);
    if (key == "thinking") return first_time(seen, 4) && string_or_null(s, &thinking);
    return false;
  });
}

std::optional<StreamChunk> decode_stream_line_fast(std::string_view line) {
  Scanner s(line);
  StreamChunk chunk;
  uint32_t seen = 0;
  const bool recognised = members(s, [&](std::string_view key) {
    if (key == "message") {
      return first_time(seen, 1) && scan_message(s, chunk.content, chunk.thinking);
    }
    if (key == "model") return first_time(seen, 2) && string_or_null(s, &chunk.model);
    if (key == "created_at") return first_time(seen, 4) && s.skip_string();
    if (key == "done") return first_time(seen, 8) && (s.literal("false") || s.null());
    return false;
  });
  if (!recognised || !s.at_end()) return std::nullopt;
  return chunk;
}

}  // namespace splitpoint::wire::ollama::internal
