// chat.completion objects: encode_chat_response (front door), decode_chat_response (provider).
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "wire/openai/codec.h"
#include "wire/openai/internal.h"

namespace splitpoint::wire::openai {
namespace {

using namespace detail;  // NOLINT(google-build-using-namespace): internal helpers of this module

constexpr std::string_view kWhat = "invalid upstream chat response";

// OpenAI reports "tool_calls" whenever the answer calls tools; some upstreams say "stop".
const char* answer_finish_reason(const ChatResponse& r) {
  bool calls = !r.message.tool_calls.empty();
  if (calls && (r.finish_reason == FinishReason::kStop || r.finish_reason == FinishReason::kNone)) {
    return "tool_calls";
  }
  if (r.finish_reason == FinishReason::kNone) return "stop";
  return finish_reason_name(r.finish_reason);
}

void write_answer_message(Writer& w, const Message& m) {
  w.begin_object();
  w.key<"role">();
  w.string("assistant");
  w.key<"content">();
  std::string text = m.text();
  if (text.empty() && !m.tool_calls.empty()) {
    w.null();
  } else {
    w.string(text);
  }
  if (!m.thinking.empty()) {
    w.key<"reasoning_content">();
    w.string(m.thinking);
  }
  if (!m.tool_calls.empty()) {
    w.key<"tool_calls">();
    w.begin_array();
    for (const ToolCall& c : m.tool_calls) write_tool_call(w, c);
    w.end_array();
  }
  w.key<"refusal">();
  w.null();
  w.end_object();
}

Status decode_answer_message(const json::value& v, const Path& path, Message& out) {
  if (!v.is_object()) return expected(path, "an object");
  out.role = "assistant";
  std::string text;
  for (const auto& kv : v.get_object()) {
    std::string_view key = kv.key();
    Path field = path.field(key);
    Status s;
    if (key == "content") {
      s = read_answer_content(kv.value(), field, text);
    } else if (key == "reasoning_content" || key == "reasoning") {
      s = read_opt_string(kv.value(), field, out.thinking);
    } else if (key == "tool_calls" && !kv.value().is_null()) {
      if (!kv.value().is_array()) return expected(field, "an array of tool calls");
      const json::array& calls = kv.value().get_array();
      out.tool_calls.resize(calls.size());
      for (std::size_t i = 0; i < calls.size(); ++i) {
        Path call_path = field.at(i);
        if (s = decode_tool_call(calls[i], call_path, out.tool_calls[i]); !s) break;
      }
    }
    if (!s) return s;
  }
  if (!text.empty())
    out.parts.push_back(ContentPart{ContentPart::Kind::kText, std::move(text), {}});
  return Status::OK();
}

Status decode_choice(const json::value& v, const Path& path, ChatResponse& out) {
  if (!v.is_object()) return expected(path, "an object");
  const json::object& obj = v.get_object();
  Path msg_path = path.field("message");
  const json::value* msg = obj.if_contains("message");
  if (msg == nullptr) return path_error(msg_path, "is required");
  if (Status s = decode_answer_message(*msg, msg_path, out.message); !s) return s;
  out.finish_reason = FinishReason::kStop;
  if (const json::value* f = obj.if_contains("finish_reason"); f != nullptr && !f->is_null()) {
    if (!f->is_string()) return expected(path.field("finish_reason"), "a string");
    out.finish_reason = parse_finish_reason(f->get_string());
  }
  return Status::OK();
}

Status decode_response_object(const json::object& obj, ChatResponse& out) {
  for (const auto& kv : obj) {
    std::string_view key = kv.key();
    Path path = root_path(key);
    Status s;
    if (key == "id") {
      s = read_opt_string(kv.value(), path, out.id);
    } else if (key == "model") {
      s = read_opt_string(kv.value(), path, out.model);
    } else if (key == "created") {
      std::optional<int64_t> created;
      s = read_opt_int(kv.value(), path, created);
      out.created = created.value_or(0);
    } else if (key == "usage") {
      s = read_usage(kv.value(), path, out.usage);
    } else if (key == "choices") {
      if (!kv.value().is_array()) return expected(path, "an array");
      const json::array& choices = kv.value().get_array();
      if (choices.empty()) return path_error(path, "is empty");
      Path first = path.at(0);
      s = decode_choice(choices[0], first, out);
    }
    if (!s) return s;
  }
  if (!obj.contains("choices")) return path_error(root_path("choices"), "is required");
  return Status::OK();
}

}  // namespace

std::string encode_chat_response(const ChatResponse& response) {
  std::string out;
  out.reserve(256 + response.message.parts.size() * 64);
  Writer w(out);
  w.begin_object();
  w.key<"id">();
  w.string(response.id.empty() ? "chatcmpl-" + random_hex(24) : response.id);
  w.key<"object">();
  w.string("chat.completion");
  w.key<"created">();
  w.integer(response.created != 0 ? response.created : unix_now());
  w.key<"model">();
  w.string(response.model);
  w.key<"choices">();
  w.begin_array();
  w.begin_object();
  w.key<"index">();
  w.integer(0);
  w.key<"message">();
  write_answer_message(w, response.message);
  w.key<"logprobs">();
  w.null();
  w.key<"finish_reason">();
  w.string(answer_finish_reason(response));
  w.end_object();
  w.end_array();
  if (response.usage) {
    w.key<"usage">();
    write_usage(w, *response.usage);
  }
  w.end_object();
  return out;
}

// The common answer shape takes the DOM-free path; everything else the full decoder.
Result<ChatResponse> decode_chat_response(std::string_view body) {
  if (std::optional<ChatResponse> fast = decode_chat_response_fast(body)) return std::move(*fast);
  return decode_chat_response_full(body);
}

Result<ChatResponse> detail::decode_chat_response_full(std::string_view body) {
  unsigned char buffer[kParseBufferBytes];
  json::monotonic_resource mr(buffer, sizeof buffer);
  Result<json::value> doc = parse(body, &mr);
  Result<const json::object*> top = upstream_object(doc, kWhat);
  if (!top.ok()) return top.status();
  const json::object& obj = **top;
  ChatResponse out;
  if (Status s = decode_response_object(obj, out); !s) return to_upstream(s, kWhat);
  return out;
}

}  // namespace splitpoint::wire::openai
