// The DOM-free decoder of the common chat.completion shape (see internal.h for the contract).
// Recognised, each key at most once, any order, any JSON whitespace:
//   {"id":s|null, "object":s, "created":int|null, "model":s|null, "system_fingerprint":s|null,
//    "service_tier":s|null, "metadata":null, "moderation":null,
//    "usage":null | {"prompt_tokens":int, "completion_tokens":int, "total_tokens":int,
//                    "prompt_tokens_details":null | {<known detail>:int, ...},
//                    "completion_tokens_details":null | {<known detail>:int, ...}},
//    "choices":[{"index":int, "logprobs":null, "finish_reason":s|null,
//                "message":{"role":s, "content":s|null, "refusal":s|null, "annotations":[],
//                           "reasoning_content":s|null | "reasoning":s|null,
//                           "tool_calls":null, "function_call":null, "audio":null}}]}
// "choices" and "message" are required (the full decoder rejects their absence). Anything else
// (tool calls, several choices, errors, logprobs, other keys or value types, numbers other than
// short integers) is left to the full decoder.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "wire/json_scan.h"
#include "wire/openai/internal.h"

namespace splitpoint::wire::openai::detail {
namespace {

using scan::first_time;
using scan::members;
using scan::Scanner;
using scan::string_or_null;

// The integer fields OpenAI reports in usage.{prompt,completion}_tokens_details.
bool known_detail(std::string_view key, uint32_t& seen) {
  static constexpr std::string_view kNames[] = {"cached_tokens",
                                                "audio_tokens",
                                                "reasoning_tokens",
                                                "accepted_prediction_tokens",
                                                "rejected_prediction_tokens",
                                                "text_tokens",
                                                "image_tokens",
                                                "cache_write_tokens"};
  for (uint32_t i = 0; i < std::size(kNames); ++i) {
    if (key == kNames[i]) return first_time(seen, 1u << i);
  }
  return false;
}

// null or an object of known integer details (ignored by the full decoder, but validated here).
bool usage_details(Scanner& s) {
  if (s.null()) return true;
  uint32_t seen = 0;
  return members(s, [&](std::string_view key) { return known_detail(key, seen) && s.integer(); });
}

bool usage(Scanner& s, std::optional<Usage>& out) {
  if (s.null()) return true;
  Usage u;
  uint32_t seen = 0;
  const bool ok = members(s, [&](std::string_view key) {
    if (key == "prompt_tokens") return first_time(seen, 1) && s.integer(u.prompt_tokens);
    if (key == "completion_tokens") return first_time(seen, 2) && s.integer(u.completion_tokens);
    if (key == "total_tokens") return first_time(seen, 4) && s.integer();
    if (key == "prompt_tokens_details") return first_time(seen, 8) && usage_details(s);
    if (key == "completion_tokens_details") return first_time(seen, 16) && usage_details(s);
    return false;
  });
  if (ok) out = u;
  return ok;
}

// The empty array (annotations).
bool empty_array(Scanner& s) {
  return s.eat('[') && s.eat(']');
}

bool message(Scanner& s, Message& out) {
  out.role = "assistant";
  std::string text;
  uint32_t seen = 0;
  const bool ok = members(s, [&](std::string_view key) {
    if (key == "content") return first_time(seen, 1) && string_or_null(s, &text);
    if (key == "role") return first_time(seen, 2) && s.skip_string();
    if (key == "refusal") return first_time(seen, 4) && string_or_null(s, nullptr);
    if (key == "annotations") return first_time(seen, 8) && empty_array(s);
    // One of the two only: the full decoder lets the later one win.
    if (key == "reasoning_content" || key == "reasoning") {
      return first_time(seen, 16) && string_or_null(s, &out.thinking);
    }
    if (key == "tool_calls") return first_time(seen, 32) && s.null();
    if (key == "function_call") return first_time(seen, 64) && s.null();
    if (key == "audio") return first_time(seen, 128) && s.null();
    return false;
  });
  if (ok && !text.empty()) {
    out.parts.push_back(ContentPart{ContentPart::Kind::kText, std::move(text), {}});
  }
  return ok;
}

bool choice(Scanner& s, ChatResponse& out) {
  uint32_t seen = 0;
  const bool ok = members(s, [&](std::string_view key) {
    if (key == "message") return first_time(seen, 1) && message(s, out.message);
    if (key == "index") return first_time(seen, 2) && s.integer();
    if (key == "logprobs") return first_time(seen, 4) && s.null();
    if (key == "finish_reason") return first_time(seen, 8) && scan_finish_reason(s, out.finish_reason);
    return false;
  });
  return ok && (seen & 1) != 0;
}

// [one choice].
bool choices(Scanner& s, ChatResponse& out) {
  return s.eat('[') && choice(s, out) && s.eat(']');
}

// An integer or null (null leaves `out` as it is, like read_opt_int).
bool integer_or_null(Scanner& s, int64_t& out) {
  return s.null() || s.integer(out);
}

bool response_object(Scanner& s, ChatResponse& out) {
  uint32_t seen = 0;
  const bool ok = members(s, [&](std::string_view key) {
    if (key == "choices") return first_time(seen, 1) && choices(s, out);
    if (key == "id") return first_time(seen, 2) && string_or_null(s, &out.id);
    if (key == "object") return first_time(seen, 4) && s.skip_string();
    if (key == "created") return first_time(seen, 8) && integer_or_null(s, out.created);
    if (key == "model") return first_time(seen, 16) && string_or_null(s, &out.model);
    if (key == "usage") return first_time(seen, 32) && usage(s, out.usage);
    if (key == "system_fingerprint") return first_time(seen, 64) && string_or_null(s, nullptr);
    if (key == "service_tier") return first_time(seen, 128) && string_or_null(s, nullptr);
    if (key == "metadata") return first_time(seen, 256) && s.null();
    if (key == "moderation") return first_time(seen, 512) && s.null();
    return false;
  });
  return ok && (seen & 1) != 0;
}

}  // namespace

std::optional<ChatResponse> decode_chat_response_fast(std::string_view body) {
  Scanner s(body);
  ChatResponse response;
  if (!response_object(s, response) || !s.at_end()) return std::nullopt;
  return response;
}

}  // namespace splitpoint::wire::openai::detail
