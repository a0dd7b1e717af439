// The DOM-free decoder of the common /v1/chat/completions request (see internal.h for the
// contract). Recognised, each key at most once, any order, any JSON whitespace:
//   {"model":s (not empty), "messages":[message, ...] (at least one),
//    "temperature" | "top_p" | "presence_penalty" | "frequency_penalty": number|null,
//    "max_tokens" | "max_completion_tokens" | "seed": integer|null,
//    "stream":bool|null, "stream_options":null | {"include_usage":bool|null},
//    "stop":null | s | [s, ...], "tools" | "tool_choice" | "response_format": null,
//    any other key spelled in plain ASCII: s | number | true | false | null (ChatRequest::extra)}
//   message: {"role":"system"|"developer"|"user"|"assistant"|"tool" (required),
//             "content":s (required; may be null for "assistant"), "name":s|null,
//             "tool_call_id":s|null, "tool_calls":null}
// Numbers other than short integers are converted by Boost.JSON itself (the parser the full
// decoder uses, on the number's text), so doubles are bit-identical. Anything else (content parts,
// tool calls, tools, response formats, objects or arrays among the extra fields, escaped keys) is
// left to the full decoder.
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wire/json_scan.h"
#include "wire/openai/internal.h"

namespace splitpoint::wire::openai::detail {
namespace {

using scan::first_time;
using scan::members;
using scan::Scanner;
using scan::string_or_null;

// A number's text as Boost.JSON parses it inside the document; nullopt if it does not.
// Boost.JSON 1.81 reads a number by one of two routes, chosen by whether at least 33 bytes remain
// in the buffer at its start, and they may round a double differently (by one ulp). So the token
// is parsed followed by spaces (which end a number as ',' or '}' do), with as many bytes remaining
// as in the document, or at least 64 when the document had that many.
std::optional<json::value> boost_number(std::string_view token, const char* doc_end) {
  constexpr std::size_t kPadded = 64;
  char buf[kPadded];
  const auto doc_remaining = static_cast<std::size_t>(doc_end - token.data());
  std::string_view text = token;
  if (token.size() < kPadded) {
    const std::size_t n = doc_remaining < kPadded ? doc_remaining : kPadded;
    std::memcpy(buf, token.data(), token.size());
    std::memset(buf + token.size(), ' ', n - token.size());
    text = std::string_view(buf, n);
  }
  Result<json::value> v = parse(text, json::storage_ptr());
  if (!v.ok()) return std::nullopt;
  return std::move(*v);
}

// The value of an integer token of at most 18 digits, without sign; nullopt for other tokens.
std::optional<int64_t> short_natural(std::string_view token) {
  if (token.empty() || token.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// A number or null, as read_opt_double reads it.
bool opt_double(Scanner& s, std::optional<double>& out) {
  if (s.null()) return true;
  std::string_view token;
  if (!s.number_token(token)) return false;
  if (std::optional<int64_t> n = short_natural(token)) {  // Boost: int64, then as_double
    out = static_cast<double>(*n);
    return true;
  }
  std::optional<json::value> v = boost_number(token, s.end());
  std::optional<double> d = v ? as_double(*v) : std::nullopt;
  if (!d) return false;
  out = d;
  return true;
}

// An integer or null, as read_opt_int reads it.
bool opt_int(Scanner& s, std::optional<int64_t>& out) {
  if (s.null()) return true;
  std::string_view token;
  if (!s.number_token(token)) return false;
  const bool negative = token.front() == '-';
  if (std::optional<int64_t> n = short_natural(token.substr(negative ? 1 : 0))) {
    out = negative ? -*n : *n;
    return true;
  }
  std::optional<json::value> v = boost_number(token, s.end());
  std::optional<int64_t> i = v ? as_int(*v) : std::nullopt;
  if (!i) return false;
  out = i;
  return true;
}

bool opt_bool(Scanner& s, bool& out) {
  if (s.literal("true")) {
    out = true;
    return true;
  }
  if (s.literal("false")) {
    out = false;
    return true;
  }
  return s.null();
}

// Normalizes `role` in place; false if unsupported.
bool known_role(std::string& role) {
  const std::optional<std::string_view> normalized = normalized_role(role);
  if (normalized && normalized->data() != role.data()) role = *normalized;
  return normalized.has_value();
}

bool message(Scanner& s, Message& out) {
  std::string content;
  bool null_content = false;
  uint32_t seen = 0;
  const bool ok = members(s, [&](std::string_view key) {
    if (key == "role") return first_time(seen, 1) && s.string(out.role);
    if (key == "content") {
      if (!first_time(seen, 2)) return false;
      null_content = s.null();
      return null_content || s.string(content);
    }
    if (key == "name") return first_time(seen, 4) && string_or_null(s, &out.name);
    if (key == "tool_call_id") return first_time(seen, 8) && string_or_null(s, &out.tool_call_id);
    if (key == "tool_calls") return first_time(seen, 16) && s.null();
    return false;
  });
  if (!ok || (seen & 1) == 0 || !known_role(out.role)) return false;
  if ((seen & 2) == 0 || null_content) return out.role == "assistant";
  out.parts.push_back(ContentPart{ContentPart::Kind::kText, std::move(content), {}});
  return true;
}

// [message, ...], at least one.
bool messages(Scanner& s, std::vector<Message>& out) {
  if (!s.eat('[')) return false;
  do {
    if (!message(s, out.emplace_back())) return false;
  } while (s.eat(','));
  return s.eat(']');
}

// null, a string or an array of strings.
bool stop(Scanner& s, std::vector<std::string>& out) {
  if (s.null()) return true;
  if (!s.eat('[')) return s.string(out.emplace_back());
  if (s.eat(']')) return true;
  do {
    if (!s.string(out.emplace_back())) return false;
  } while (s.eat(','));
  return s.eat(']');
}

bool stream_options(Scanner& s, bool& include_usage) {
  if (s.null()) return true;
  uint32_t seen = 0;
  return members(s, [&](std::string_view key) {
    return key == "include_usage" && first_time(seen, 1) && opt_bool(s, include_usage);
  });
}

// A key whose JSON text is the key itself: printable ASCII without '\\'.
bool plain_key(std::string_view key) {
  for (char c : key) {
    if (c < 0x20 || c > 0x7e || c == '\\') return false;
  }
  return true;
}

// A member the codec does not model, kept as ExtraField{key, to_json_text(value)}: scalars only.
bool extra(Scanner& s, std::string_view key, std::vector<ExtraField>& out) {
  if (!plain_key(key)) return false;
  for (const ExtraField& e : out) {
    if (e.name == key) return false;  // a duplicate
  }
  std::string text;
  if (s.null()) {
    text = "null";
  } else if (s.literal("true")) {
    text = "true";
  } else if (s.literal("false")) {
    text = "false";
  } else if (s.peek('"')) {  // a string, or give up (never read on after a bad string)
    std::string str;
    if (!s.string(str)) return false;
    Writer w(text);
    w.string(str);
  } else {
    std::string_view token;
    std::optional<json::value> v =
        s.number_token(token) ? boost_number(token, s.end()) : std::nullopt;
    if (!v) return false;
    text = to_json_text(*v);
  }
  out.push_back(ExtraField{std::string(key), std::move(text)});
  return true;
}

// One member of the request object; false to give up.
bool member(Scanner& s, std::string_view key, uint32_t& seen, ChatRequest& req,
            std::optional<int64_t>& max_completion) {
  SamplingOptions& o = req.options;
  if (key == "model") return first_time(seen, 1) && s.string(req.model);
  if (key == "messages") return first_time(seen, 2) && messages(s, req.messages);
  if (key == "temperature") return first_time(seen, 4) && opt_double(s, o.temperature);
  if (key == "top_p") return first_time(seen, 8) && opt_double(s, o.top_p);
  if (key == "max_tokens") return first_time(seen, 16) && opt_int(s, o.max_tokens);
  if (key == "max_completion_tokens") return first_time(seen, 32) && opt_int(s, max_completion);
  if (key == "seed") return first_time(seen, 64) && opt_int(s, o.seed);
  if (key == "stop") return first_time(seen, 128) && stop(s, o.stop);
  if (key == "presence_penalty") return first_time(seen, 256) && opt_double(s, o.presence_penalty);
  if (key == "frequency_penalty") {
    return first_time(seen, 512) && opt_double(s, o.frequency_penalty);
  }
  if (key == "stream") return first_time(seen, 1024) && opt_bool(s, req.stream);
  if (key == "stream_options") {
    return first_time(seen, 2048) && stream_options(s, req.include_usage);
  }
  if (key == "tools") return first_time(seen, 4096) && s.null();
  if (key == "tool_choice") return first_time(seen, 8192) && s.null();
  if (key == "response_format") return first_time(seen, 16384) && s.null();
  return extra(s, key, req.extra);
}

}  // namespace

std::optional<ChatRequest> decode_chat_request_fast(std::string_view body) {
  Scanner s(body);
  ChatRequest req;
  req.origin = Protocol::kOpenAI;
  std::optional<int64_t> max_completion;
  uint32_t seen = 0;
  const bool recognised =
      members(s, [&](std::string_view key) { return member(s, key, seen, req, max_completion); });
  if (!recognised || !s.at_end() || (seen & 3) != 3 || req.model.empty()) return std::nullopt;
  if (max_completion) req.options.max_tokens = max_completion;
  return req;
}

}  // namespace splitpoint::wire::openai::detail
