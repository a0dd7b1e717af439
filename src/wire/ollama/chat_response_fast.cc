// The DOM-free decoder of the common /api/chat answer with "stream":false (see internal.h for the
// contract). Recognised, each key at most once, any order, any JSON whitespace:
//   {"model":s|null, "created_at":s|null, "done":bool|null, "done_reason":s|null,
//    "message":null | {"role":s|null, "content":s|null, "thinking":s|null},
//    "total_duration":int|null, "load_duration":int|null, "prompt_eval_count":int|null,
//    "prompt_eval_duration":int|null, "eval_count":int|null, "eval_duration":int|null}
// Anything else (tool calls, images, the /api/generate "response", "error", other keys or value
// types, numbers other than short integers) is left to the full decoder.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "wire/json_scan.h"
#include "wire/ollama/internal.h"

namespace splitpoint::wire::ollama::internal {
namespace {

using scan::first_time;
using scan::members;
using scan::Scanner;
using scan::string_or_null;

// An integer or null (null leaves `out` as it is, like read_int).
bool integer_or_null(Scanner& s, std::optional<int64_t>& out) {
  if (s.null()) return true;
  int64_t v;
  if (!s.integer(v)) return false;
  out = v;
  return true;
}
bool integer_or_null(Scanner& s, int64_t& out) {
  return s.null() || s.integer(out);
}

// The fields the full decoder reads, before they become a ChatResponse.
struct Fields {
  std::string content, reason, created_at;
  std::optional<int64_t> prompt, completion;
};

// One member of the top-level object; false to give up.
bool member(Scanner& s, std::string_view key, uint32_t& seen, ChatResponse& r, Fields& f) {
  if (key == "message") {
    return first_time(seen, 1) && scan_message(s, f.content, r.message.thinking);
  }
  if (key == "model") return first_time(seen, 2) && string_or_null(s, &r.model);
  if (key == "created_at") return first_time(seen, 4) && string_or_null(s, &f.created_at);
  if (key == "done") {
    return first_time(seen, 8) && (s.literal("true") || s.literal("false") || s.null());
  }
  if (key == "done_reason") return first_time(seen, 16) && string_or_null(s, &f.reason);
  if (key == "total_duration")
    return first_time(seen, 32) && integer_or_null(s, r.total_duration_ns);
  if (key == "load_duration") return first_time(seen, 64) && integer_or_null(s, r.load_duration_ns);
  if (key == "prompt_eval_count") return first_time(seen, 128) && integer_or_null(s, f.prompt);
  if (key == "prompt_eval_duration") {
    return first_time(seen, 256) && integer_or_null(s, r.prompt_eval_duration_ns);
  }
  if (key == "eval_count") return first_time(seen, 512) && integer_or_null(s, f.completion);
  if (key == "eval_duration")
    return first_time(seen, 1024) && integer_or_null(s, r.eval_duration_ns);
  return false;
}

}  // namespace

std::optional<ChatResponse> decode_chat_response_fast(std::string_view body) {
  Scanner s(body);
  ChatResponse r;
  Fields f;
  uint32_t seen = 0;
  const bool recognised =
      members(s, [&](std::string_view key) { return member(s, key, seen, r, f); });
  if (!recognised || !s.at_end()) return std::nullopt;
  r.message.role = "assistant";
  r.created = parse_rfc3339(f.created_at);  // 0 for "" (null or absent), as in the full decoder
  if (!f.content.empty()) {
    r.message.parts.push_back({ContentPart::Kind::kText, std::move(f.content), {}});
  }
  r.finish_reason = f.reason == "length" ? FinishReason::kLength : FinishReason::kStop;
  if (f.prompt || f.completion) r.usage = Usage{f.prompt.value_or(0), f.completion.value_or(0)};
  return r;
}

}  // namespace splitpoint::wire::ollama::internal
