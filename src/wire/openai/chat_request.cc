// decode_chat_request: a /v1/chat/completions body -> ChatRequest (front door side).
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "wire/openai/codec.h"
#include "wire/openai/internal.h"

namespace splitpoint::wire::openai {
namespace {

using namespace detail;  // NOLINT(google-build-using-namespace): internal helpers of this module

Status decode_stop(const json::value& v, const Path& path, std::vector<std::string>& out) {
  if (v.is_null()) return Status::OK();
  if (v.is_string()) {
    out.emplace_back(v.get_string().data(), v.get_string().size());
    return Status::OK();
  }
  if (!v.is_array()) return expected(path, "a string or an array of strings");
  const json::array& arr = v.get_array();
  out.resize(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    Path item = path.at(i);
    if (Status s = read_string(arr[i], item, out[i]); !s) return s;
  }
  return Status::OK();
}

Status decode_tool(const json::value& v, const Path& path, Tool& out) {
  if (!v.is_object()) return expected(path, "a tool object");
  const json::object& obj = v.get_object();
  std::string_view type = string_member(obj, "type");
  if (!obj.contains("type")) return path_error(path.field("type"), "is required");
  if (type != "function") {
    return path_error(path.field("type"), "unsupported tool type '" + std::string(type) + "'");
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
  if (const json::value* d = f.if_contains("description")) {
    if (Status s = read_opt_string(*d, fn_path.field("description"), out.description); !s) return s;
  }
  if (const json::value* p = f.if_contains("parameters"); p != nullptr && !p->is_null()) {
    if (!p->is_object()) return expected(fn_path.field("parameters"), "an object");
    out.parameters = to_json_text(*p);
  }
  return Status::OK();
}

Status decode_tools(const json::value& v, const Path& path, std::vector<Tool>& out) {
  if (v.is_null()) return Status::OK();
  if (!v.is_array()) return expected(path, "an array of tools");
  const json::array& arr = v.get_array();
  out.resize(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    Path item = path.at(i);
    if (Status s = decode_tool(arr[i], item, out[i]); !s) return s;
  }
  return Status::OK();
}

Status decode_json_schema(const json::value& v, const Path& path, ResponseFormat& out) {
  if (!v.is_object()) return expected(path, "an object");
  const json::object& obj = v.get_object();
  if (const json::value* n = obj.if_contains("name")) {
    if (Status s = read_opt_string(*n, path.field("name"), out.name); !s) return s;
  }
  if (const json::value* sc = obj.if_contains("schema"); sc != nullptr && !sc->is_null()) {
    if (!sc->is_object()) return expected(path.field("schema"), "an object");
    out.schema = to_json_text(*sc);
  }
  if (const json::value* st = obj.if_contains("strict")) {
    return read_opt_bool(*st, path.field("strict"), out.strict);
  }
  return Status::OK();
}

Status decode_response_format(const json::value& v, const Path& path, ResponseFormat& out) {
  if (v.is_null()) return Status::OK();
  if (!v.is_object()) return expected(path, "an object");
  const json::object& obj = v.get_object();
  std::string_view type = string_member(obj, "type");
  if (!obj.contains("type")) return path_error(path.field("type"), "is required");
  if (type == "text") {
    out.kind = ResponseFormat::Kind::kText;
  } else if (type == "json_object") {
    out.kind = ResponseFormat::Kind::kJsonObject;
  } else if (type == "json_schema") {
    out.kind = ResponseFormat::Kind::kJsonSchema;
    Path schema_path = path.field("json_schema");
    const json::value* js = obj.if_contains("json_schema");
    if (js == nullptr) return path_error(schema_path, "is required");
    return decode_json_schema(*js, schema_path, out);
  } else {
    return path_error(path.field("type"),
                      "unsupported response format type '" + std::string(type) + "'");
  }
  return Status::OK();
}

Status decode_stream_options(const json::value& v, const Path& path, bool& include_usage) {
  if (v.is_null()) return Status::OK();
  if (!v.is_object()) return expected(path, "an object");
  const json::value* iu = v.get_object().if_contains("include_usage");
  if (iu == nullptr) return Status::OK();
  return read_opt_bool(*iu, path.field("include_usage"), include_usage);
}

Status decode_tool_choice(const json::value& v, const Path& path, std::string& out) {
  if (v.is_null()) return Status::OK();
  if (!v.is_string() && !v.is_object()) return expected(path, "a string or an object");
  out = to_json_text(v);
  return Status::OK();
}

// Dispatches one top-level member. `max_completion` collects max_completion_tokens, which wins
// over max_tokens whatever the member order.
Status decode_member(std::string_view key, const json::value& v, ChatRequest& req,
                     std::optional<int64_t>& max_completion) {
  Path path = root_path(key);
  SamplingOptions& o = req.options;
  if (key == "model") return read_string(v, path, req.model);
  if (key == "messages") return decode_messages(v, path, req.messages);
  if (key == "temperature") return read_opt_double(v, path, o.temperature);
  if (key == "top_p") return read_opt_double(v, path, o.top_p);
  if (key == "max_tokens") return read_opt_int(v, path, o.max_tokens);
  if (key == "max_completion_tokens") return read_opt_int(v, path, max_completion);
  if (key == "seed") return read_opt_int(v, path, o.seed);
  if (key == "stop") return decode_stop(v, path, o.stop);
  if (key == "presence_penalty") return read_opt_double(v, path, o.presence_penalty);
  if (key == "frequency_penalty") return read_opt_double(v, path, o.frequency_penalty);
  if (key == "stream") return read_opt_bool(v, path, req.stream);
  if (key == "stream_options") return decode_stream_options(v, path, req.include_usage);
  if (key == "tools") return decode_tools(v, path, req.tools);
  if (key == "tool_choice") return decode_tool_choice(v, path, req.tool_choice);
  if (key == "response_format") return decode_response_format(v, path, req.response_format);
  req.extra.push_back(ExtraField{std::string(key), to_json_text(v)});
  return Status::OK();
}

}  // namespace

// The common request shape takes the DOM-free path; everything else the full decoder.
Result<ChatRequest> decode_chat_request(std::string_view body) {
  if (std::optional<ChatRequest> fast = decode_chat_request_fast(body)) return std::move(*fast);
  return decode_chat_request_full(body);
}

Result<ChatRequest> detail::decode_chat_request_full(std::string_view body) {
  unsigned char buffer[kParseBufferBytes];
  json::monotonic_resource mr(buffer, sizeof buffer);
  Result<json::value> doc = parse(body, &mr);
  if (!doc.ok()) return doc.status();
  if (!doc->is_object()) return Status::invalid("request body: expected a JSON object");
  ChatRequest req;
  req.origin = Protocol::kOpenAI;
  std::optional<int64_t> max_completion;
  bool has_model = false, has_messages = false;
  for (const auto& kv : doc->get_object()) {
    std::string_view key = kv.key();
    has_model |= key == "model";
    has_messages |= key == "messages";
    if (Status s = decode_member(key, kv.value(), req, max_completion); !s) return s;
  }
  if (!has_model) return Status::invalid("model: is required");
  if (req.model.empty()) return Status::invalid("model: must not be empty");
  if (!has_messages) return Status::invalid("messages: is required");
  if (max_completion) req.options.max_tokens = max_completion;
  return req;
}

}  // namespace splitpoint::wire::openai
