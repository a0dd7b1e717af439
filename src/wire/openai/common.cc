// Pieces shared by the request, response and stream codecs.
#include <string>

#include "wire/openai/internal.h"

namespace splitpoint::wire::openai::detail {

Status read_answer_content(const json::value& v, const Path& path, std::string& out) {
  if (v.is_null()) return Status::OK();
  if (v.is_string()) {
    out.append(v.get_string().data(), v.get_string().size());
    return Status::OK();
  }
  if (!v.is_array()) return expected(path, "a string, null or an array of content parts");
  for (const auto& part : v.get_array()) {
    if (!part.is_object()) continue;
    const json::object& obj = part.get_object();
    if (string_member(obj, "type") == "text") out += string_member(obj, "text");
  }
  return Status::OK();
}

FinishReason parse_finish_reason(std::string_view s) {
  if (s == "length") return FinishReason::kLength;
  if (s == "tool_calls" || s == "function_call") return FinishReason::kToolCalls;
  if (s == "content_filter") return FinishReason::kContentFilter;
  return FinishReason::kStop;
}

Status read_usage(const json::value& v, const Path& path, std::optional<Usage>& out) {
  if (v.is_null()) return Status::OK();
  if (!v.is_object()) return expected(path, "an object");
  const json::object& obj = v.get_object();
  std::optional<int64_t> prompt, completion;
  if (const json::value* p = obj.if_contains("prompt_tokens")) {
    if (Status s = read_opt_int(*p, path.field("prompt_tokens"), prompt); !s) return s;
  }
  if (const json::value* c = obj.if_contains("completion_tokens")) {
    if (Status s = read_opt_int(*c, path.field("completion_tokens"), completion); !s) return s;
  }
  out = Usage{prompt.value_or(0), completion.value_or(0)};
  return Status::OK();
}

std::string error_message(const json::value& error) {
  if (error.is_string()) return std::string(error.get_string().data(), error.get_string().size());
  if (error.is_object()) return std::string(string_member(error.get_object(), "message"));
  return {};
}

Result<const json::object*> upstream_object(const Result<json::value>& doc, std::string_view what) {
  if (!doc.ok()) return to_upstream(doc.status(), what);
  if (!doc->is_object()) return Status::upstream(std::string(what) + ": expected a JSON object");
  const json::object& obj = doc->get_object();
  if (const json::value* err = obj.if_contains("error"); err != nullptr && !err->is_null()) {
    return Status::upstream("upstream error: " + error_message(*err));
  }
  return &obj;
}

void write_tool_call(Writer& w, const ToolCall& call) {
  w.begin_object();
  w.key<"id">();
  w.string(call.id.empty() ? new_call_id() : call.id);
  w.key<"type">();
  w.string("function");
  w.key<"function">();
  w.begin_object();
  w.key<"name">();
  w.string(call.name);
  w.key<"arguments">();
  w.string(call.arguments.empty() ? std::string_view("{}") : std::string_view(call.arguments));
  w.end_object();
  w.end_object();
}

void write_usage(Writer& w, const Usage& usage) {
  w.begin_object();
  w.key<"prompt_tokens">();
  w.integer(usage.prompt_tokens);
  w.key<"completion_tokens">();
  w.integer(usage.completion_tokens);
  w.key<"total_tokens">();
  w.integer(usage.total());
  w.end_object();
}

void write_error_object(Writer& w, const Status& status) {
  const char* name = status_code_name(status.code());
  w.begin_object();
  w.key<"error">();
  w.begin_object();
  w.key<"message">();
  w.string(status.message());
  w.key<"type">();
  w.string(name);
  w.key<"param">();
  w.null();
  w.key<"code">();
  w.string(name);
  w.end_object();
  w.end_object();
}

std::string new_call_id() {
  return "call_" + random_hex(24);
}

}  // namespace splitpoint::wire::openai::detail
