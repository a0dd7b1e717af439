// Decoding of the "messages" array of a /v1/chat/completions request.
#include <string>
#include <string_view>

#include "wire/openai/internal.h"

namespace splitpoint::wire::openai::detail {
namespace {

constexpr std::string_view kContentExpected = "a string or an array of content parts";

Status decode_image_part(const json::value& v, const Path& path, ContentPart& out) {
  out.kind = ContentPart::Kind::kImage;
  if (v.is_string()) return read_string(v, path, out.text);  // some clients send the URL bare
  if (!v.is_object()) return expected(path, "an object with a url");
  const json::object& obj = v.get_object();
  Path url_path = path.field("url");
  const json::value* url = obj.if_contains("url");
  if (url == nullptr) return path_error(url_path, "is required");
  if (Status s = read_string(*url, url_path, out.text); !s) return s;
  if (const json::value* d = obj.if_contains("detail")) {
    return read_opt_string(*d, path.field("detail"), out.detail);
  }
  return Status::OK();
}

Status decode_part(const json::value& v, const Path& path, ContentPart& out) {
  if (!v.is_object()) return expected(path, "a content part object");
  const json::object& obj = v.get_object();
  const json::value* type = obj.if_contains("type");
  Path type_path = path.field("type");
  if (type == nullptr) return path_error(type_path, "is required");
  if (!type->is_string()) return expected(type_path, "a string");
  std::string_view t(type->get_string());
  if (t == "text") {
    Path text_path = path.field("text");
    const json::value* text = obj.if_contains("text");
    if (text == nullptr) return path_error(text_path, "is required");
    out.kind = ContentPart::Kind::kText;
    return read_string(*text, text_path, out.text);
  }
  if (t == "image_url") {
    Path image_path = path.field("image_url");
    const json::value* image = obj.if_contains("image_url");
    if (image == nullptr) return path_error(image_path, "is required");
    return decode_image_part(*image, image_path, out);
  }
  return path_error(path, "unsupported content part type '" + std::string(t) + "'");
}

// `content` may be a string, an array of parts, or (assistant only) null.
Status decode_content(const json::value& v, const Path& path, Message& out) {
  if (v.is_string()) {
    out.parts.push_back(ContentPart{ContentPart::Kind::kText, std::string(v.get_string()), {}});
    return Status::OK();
  }
  if (v.is_null() && out.role == "assistant") return Status::OK();
  if (!v.is_array()) return expected(path, kContentExpected);
  const json::array& parts = v.get_array();
  out.parts.resize(parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    Path part_path = path.at(i);
    if (Status s = decode_part(parts[i], part_path, out.parts[i]); !s) return s;
  }
  return Status::OK();
}

Status decode_tool_calls(const json::value& v, const Path& path, Message& out) {
  if (v.is_null()) return Status::OK();
  if (!v.is_array()) return expected(path, "an array of tool calls");
  const json::array& calls = v.get_array();
  out.tool_calls.resize(calls.size());
  for (std::size_t i = 0; i < calls.size(); ++i) {
    Path call_path = path.at(i);
    if (Status s = decode_tool_call(calls[i], call_path, out.tool_calls[i]); !s) return s;
  }
  return Status::OK();
}

Status decode_role(const json::object& obj, const Path& path, Message& out) {
  Path role_path = path.field("role");
  const json::value* role = obj.if_contains("role");
  if (role == nullptr) return path_error(role_path, "is required");
  if (!role->is_string()) return expected(role_path, "a string");
  const std::string_view r(role->get_string());
  const std::optional<std::string_view> normalized = normalized_role(r);
  if (!normalized) return path_error(role_path, "unsupported role '" + std::string(r) + "'");
  out.role = *normalized;
  return Status::OK();
}

Status decode_message(const json::value& v, const Path& path, Message& out) {
  if (!v.is_object()) return expected(path, "a message object");
  const json::object& obj = v.get_object();
  if (Status s = decode_role(obj, path, out); !s) return s;
  bool has_content = false;
  for (const auto& kv : obj) {
    std::string_view key = kv.key();
    Path field = path.field(key);
    Status s;
    if (key == "content") {
      has_content = true;
      s = decode_content(kv.value(), field, out);
    } else if (key == "tool_calls") {
      s = decode_tool_calls(kv.value(), field, out);
    } else if (key == "tool_call_id") {
      s = read_opt_string(kv.value(), field, out.tool_call_id);
    } else if (key == "name") {
      s = read_opt_string(kv.value(), field, out.name);
    }
    // Other message fields (refusal, audio, function_call, ...) are not modelled and dropped.
    if (!s) return s;
  }
  if (!has_content && out.role != "assistant")
    return path_error(path.field("content"), "is required");
  return Status::OK();
}

}  // namespace

Status decode_tool_call(const json::value& v, const Path& path, ToolCall& out) {
  if (!v.is_object()) return expected(path, "a tool call object");
  const json::object& obj = v.get_object();
  if (const json::value* id = obj.if_contains("id")) {
    if (Status s = read_opt_string(*id, path.field("id"), out.id); !s) return s;
  }
  std::string_view type = string_member(obj, "type");
  if (!type.empty() && type != "function") {
    return path_error(path.field("type"), "unsupported tool call type '" + std::string(type) + "'");
  }
  Path fn_path = path.field("function");
  const json::value* fn = obj.if_contains("function");
  if (fn == nullptr) return path_error(fn_path, "is required");
  if (!fn->is_object()) return expected(fn_path, "an object");
  const json::object& f = fn->get_object();
  Path name_path = fn_path.field("name");
  const json::value* name = f.if_contains("name");
  if (name == nullptr) return path_error(name_path, "is required");
  if (Status s = read_string(*name, name_path, out.name); !s) return s;
  const json::value* args = f.if_contains("arguments");
  if (args == nullptr || args->is_null()) return Status::OK();
  // Arguments are JSON text in a string; an object (as Ollama-style clients send) is accepted.
  if (args->is_object()) {
    out.arguments = to_json_text(*args);
    return Status::OK();
  }
  return read_string(*args, fn_path.field("arguments"), out.arguments);
}

Status decode_messages(const json::value& v, const Path& path, std::vector<Message>& out) {
  if (!v.is_array()) return expected(path, "an array of messages");
  const json::array& messages = v.get_array();
  if (messages.empty()) return path_error(path, "must contain at least one message");
  out.resize(messages.size());
  for (std::size_t i = 0; i < messages.size(); ++i) {
    Path item = path.at(i);
    if (Status s = decode_message(messages[i], item, out[i]); !s) return s;
  }
  return Status::OK();
}

std::optional<std::string_view> normalized_role(std::string_view role) {
  if (role == "developer") return "system";
  if (role == "system" || role == "user" || role == "assistant" || role == "tool") return role;
  return std::nullopt;
}

}  // namespace splitpoint::wire::openai::detail
