// Streaming: ChatStreamEncoder (front door) and decode_stream_event (provider).
#include <string>
#include <string_view>

#include "wire/openai/codec.h"
#include "wire/openai/internal.h"

namespace splitpoint::wire::openai {
namespace {

using namespace detail;  // NOLINT(google-build-using-namespace): internal helpers of this module

constexpr std::string_view kWhat = "invalid upstream stream event";

// "data: {"id":...,"object":"chat.completion.chunk","created":N,"model":..." (object left open).
// `id` and `model` are already JSON-escaped.
void begin_chunk_event(std::string& out, std::string_view id, std::string_view model,
                       int64_t created) {
  out += R"(data: {"id":")";
  out += id;
  out += R"(","object":"chat.completion.chunk","created":)";
  append_int(out, created);
  out += R"(,"model":")";
  out += model;
  out += '"';
}

void write_tool_call_delta(Writer& w, const ToolCallDelta& d) {
  w.begin_object();
  w.key<"index">();
  w.integer(d.index);
  // A fragment carrying the id or the name starts a call; later fragments only carry arguments.
  bool start = !d.id.empty() || !d.name.empty();
  if (start) {
    w.key<"id">();
    w.string(d.id.empty() ? new_call_id() : d.id);
    w.key<"type">();
    w.string("function");
  }
  w.key<"function">();
  w.begin_object();
  if (start) {
    w.key<"name">();
    w.string(d.name);
  }
  w.key<"arguments">();
  w.string(d.arguments);
  w.end_object();
  w.end_object();
}

void write_delta(Writer& w, const StreamChunk& chunk, bool with_role) {
  w.begin_object();
  if (with_role) {
    w.key<"role">();
    w.string("assistant");
  }
  if (!chunk.content.empty() || with_role) {
    w.key<"content">();
    w.string(chunk.content);
  }
  if (!chunk.thinking.empty()) {
    w.key<"reasoning_content">();
    w.string(chunk.thinking);
  }
  if (!chunk.tool_calls.empty()) {
    w.key<"tool_calls">();
    w.begin_array();
    for (const ToolCallDelta& d : chunk.tool_calls) write_tool_call_delta(w, d);
    w.end_array();
  }
  w.end_object();
}

Status decode_tool_call_deltas(const json::value& v, const Path& path, StreamChunk& out) {
  if (v.is_null()) return Status::OK();
  if (!v.is_array()) return expected(path, "an array");
  const json::array& arr = v.get_array();
  out.tool_calls.resize(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    Path item = path.at(i);
    if (!arr[i].is_object()) return expected(item, "an object");
    const json::object& obj = arr[i].get_object();
    ToolCallDelta& d = out.tool_calls[i];
    d.index = static_cast<int>(i);
    if (const json::value* idx = obj.if_contains("index")) {
      std::optional<int64_t> index;
      if (Status s = read_opt_int(*idx, item.field("index"), index); !s) return s;
      if (index) d.index = static_cast<int>(*index);
    }
    if (const json::value* id = obj.if_contains("id")) {
      if (Status s = read_opt_string(*id, item.field("id"), d.id); !s) return s;
    }
    const json::value* fn = obj.if_contains("function");
    if (fn == nullptr || fn->is_null()) continue;
    Path fn_path = item.field("function");
    if (!fn->is_object()) return expected(fn_path, "an object");
    const json::object& f = fn->get_object();
    if (const json::value* n = f.if_contains("name")) {
      if (Status s = read_opt_string(*n, fn_path.field("name"), d.name); !s) return s;
    }
    if (const json::value* a = f.if_contains("arguments")) {
      if (Status s = read_opt_string(*a, fn_path.field("arguments"), d.arguments); !s) return s;
    }
  }
  return Status::OK();
}

Status decode_delta(const json::value& v, const Path& path, StreamChunk& out) {
  if (v.is_null()) return Status::OK();
  if (!v.is_object()) return expected(path, "an object");
  for (const auto& kv : v.get_object()) {
    std::string_view key = kv.key();
    Path field = path.field(key);
    Status s;
    if (key == "content") {
      s = read_answer_content(kv.value(), field, out.content);
    } else if (key == "reasoning_content" || key == "reasoning") {
      s = read_opt_string(kv.value(), field, out.thinking);
    } else if (key == "tool_calls") {
      s = decode_tool_call_deltas(kv.value(), field, out);
    }
    if (!s) return s;
  }
  return Status::OK();
}

Status decode_stream_choice(const json::value& v, const Path& path, StreamChunk& out) {
  if (!v.is_object()) return expected(path, "an object");
  const json::object& obj = v.get_object();
  if (const json::value* delta = obj.if_contains("delta")) {
    if (Status s = decode_delta(*delta, path.field("delta"), out); !s) return s;
  }
  if (const json::value* f = obj.if_contains("finish_reason"); f != nullptr && !f->is_null()) {
    if (!f->is_string()) return expected(path.field("finish_reason"), "a string");
    out.finish_reason = parse_finish_reason(f->get_string());
  }
  return Status::OK();
}

Status decode_chunk_object(const json::object& obj, StreamChunk& out) {
  for (const auto& kv : obj) {
    std::string_view key = kv.key();
    Path path = root_path(key);
    Status s;
    if (key == "model") {
      s = read_opt_string(kv.value(), path, out.model);
    } else if (key == "usage") {
      s = read_usage(kv.value(), path, out.usage);
    } else if (key == "choices" && !kv.value().is_null()) {
      // Azure sends a first event with empty choices (prompt filter results): an empty chunk.
      if (!kv.value().is_array()) return expected(path, "an array");
      const json::array& choices = kv.value().get_array();
      Path first = path.at(0);
      if (!choices.empty()) s = decode_stream_choice(choices[0], first, out);
    }
    if (!s) return s;
  }
  return Status::OK();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

// head_ holds the constant start of every event, rendered once here.
ChatStreamEncoder::ChatStreamEncoder(std::string id, std::string model, int64_t created,
                                     bool include_usage)
    : include_usage_(include_usage) {
  if (id.empty()) id = "chatcmpl-" + random_hex(24);
  std::string escaped_id, escaped_model;
  append_escaped(escaped_id, id);
  append_escaped(escaped_model, model);
  begin_chunk_event(head_, escaped_id, escaped_model, created != 0 ? created : unix_now());
}

std::string ChatStreamEncoder::encode(const StreamChunk& chunk) {
  std::string out;
  encode_into(chunk, out);
  return out;
}

void ChatStreamEncoder::encode_into(const StreamChunk& chunk, std::string& out) {
  out.clear();
  if (chunk.usage) usage_ = chunk.usage;
  bool has_delta = !chunk.content.empty() || !chunk.thinking.empty() || !chunk.tool_calls.empty();
  if (!has_delta && chunk.finish_reason == FinishReason::kNone) return;
  out.reserve(head_.size() + 128 + chunk.content.size() + chunk.thinking.size());
  out += head_;
  out += R"(,"choices":[{"index":0,"delta":)";
  if (sent_role_ && chunk.thinking.empty() && chunk.tool_calls.empty() && !chunk.content.empty()) {
    // The common token chunk; what write_delta writes for it.
    out += R"({"content":")";
    append_escaped(out, chunk.content);
    out += R"("})";
  } else {
    Writer w(out);
    write_delta(w, chunk, !sent_role_);
  }
  sent_role_ = true;
  out += R"(,"logprobs":null,"finish_reason":)";
  if (chunk.finish_reason == FinishReason::kNone) {
    out += "null";
  } else {
    out += '"';
    out += finish_reason_name(chunk.finish_reason);
    out += '"';
  }
  out += "}]";
  if (include_usage_) out += R"(,"usage":null)";
  out += "}\n\n";
}

std::string ChatStreamEncoder::finish() {
  std::string out;
  if (include_usage_) {
    out += head_;
    out += R"(,"choices":[],"usage":)";
    Writer w(out);
    write_usage(w, usage_.value_or(Usage{}));
    out += "}\n\n";
  }
  out += "data: [DONE]\n\n";
  return out;
}

std::string ChatStreamEncoder::error(const Status& status) {
  std::string out = "data: ";
  Writer w(out);
  write_error_object(w, status);
  out += "\n\n";
  return out;
}

namespace detail {

Result<std::optional<StreamChunk>> decode_stream_event_full(std::string_view data) {
  data = trim(data);
  if (data == "[DONE]") return std::optional<StreamChunk>();
  unsigned char buffer[kParseBufferBytes];
  json::monotonic_resource mr(buffer, sizeof buffer);
  Result<json::value> doc = parse(data, &mr);
  Result<const json::object*> top = upstream_object(doc, kWhat);
  if (!top.ok()) return top.status();
  const json::object& obj = **top;
  StreamChunk chunk;
  if (Status s = decode_chunk_object(obj, chunk); !s) return to_upstream(s, kWhat);
  return std::optional<StreamChunk>(std::move(chunk));
}

}  // namespace detail

// The common chunk shape takes the DOM-free path; everything else the full decoder.
Result<std::optional<StreamChunk>> decode_stream_event(std::string_view data) {
  data = trim(data);
  if (data == "[DONE]") return std::optional<StreamChunk>();
  if (std::optional<StreamChunk> fast = decode_stream_event_fast(data)) {
    return std::optional<StreamChunk>(std::move(fast));
  }
  return decode_stream_event_full(data);
}

}  // namespace splitpoint::wire::openai
