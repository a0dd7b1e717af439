// Front door: /api/chat and /api/generate request bodies -> ChatRequest.
#include "wire/ollama/codec.h"
#include "wire/ollama/internal.h"

namespace splitpoint::wire::ollama {

using namespace internal;  // NOLINT(google-build-using-namespace): this module's own helpers

namespace {

constexpr StatusCode kBad = StatusCode::kInvalidArgument;

// images: [base64] -> image parts (data URIs).
Status decode_images(const json::value& v, std::string_view path, std::vector<ContentPart>& out) {
  if (v.is_null()) return Status::OK();
  const json::array* a = v.if_array();
  if (a == nullptr) return field_error(kBad, path, "expected an array of base64 strings");
  for (std::size_t i = 0; i < a->size(); ++i) {
    const json::string* s = (*a)[i].if_string();
    if (s == nullptr || !is_base64(*s)) {
      return field_error(kBad, index_path(path, i), "expected a base64 string");
    }
    ContentPart part;
    part.kind = ContentPart::Kind::kImage;
    part.text = to_data_uri(*s);
    out.push_back(std::move(part));
  }
  return Status::OK();
}

Status decode_message(const json::value& v, const std::string& path, Message& m) {
  const json::object* o = v.if_object();
  if (o == nullptr) return field_error(kBad, path, "expected an object");
  std::string content;
  const json::value* images = nullptr;
  for (const auto& [key, val] : *o) {
    if (key == "role") {
      SP_OLLAMA_TRY(read_string(val, kBad, key_path(path, key), m.role));
    } else if (key == "content") {
      SP_OLLAMA_TRY(read_string(val, kBad, key_path(path, key), content));
    } else if (key == "images") {
      images = &val;
    } else if (key == "thinking") {
      SP_OLLAMA_TRY(read_string(val, kBad, key_path(path, key), m.thinking));
    } else if (key == "tool_calls") {
      SP_OLLAMA_TRY(read_tool_calls(val, kBad, key_path(path, key), m.tool_calls));
    } else if (key == "tool_name") {
      SP_OLLAMA_TRY(read_string(val, kBad, key_path(path, key), m.name));
    } else if (key == "tool_call_id") {
      SP_OLLAMA_TRY(read_string(val, kBad, key_path(path, key), m.tool_call_id));
    }
    // Other message fields are ignored, as Ollama does.
  }
  if (m.role.empty()) return field_error(kBad, key_path(path, "role"), "required");
  if (!content.empty()) {
    ContentPart part;
    part.text = std::move(content);
    m.parts.push_back(std::move(part));
  }
  if (images != nullptr) {
    SP_OLLAMA_TRY(decode_images(*images, key_path(path, "images"), m.parts));
  }
  return Status::OK();
}

Status decode_messages(const json::value& v, std::vector<Message>& out) {
  if (v.is_null()) return Status::OK();
  const json::array* a = v.if_array();
  if (a == nullptr) return field_error(kBad, "messages", "expected an array");
  out.resize(a->size());
  for (std::size_t i = 0; i < a->size(); ++i) {
    SP_OLLAMA_TRY(decode_message((*a)[i], index_path("messages", i), out[i]));
  }
  return Status::OK();
}

// options: the modelled keys go to SamplingOptions, the rest to extra as "options.<key>".
Status decode_options(const json::value& v, ChatRequest& r) {
  if (v.is_null()) return Status::OK();
  const json::object* o = v.if_object();
  if (o == nullptr) return field_error(kBad, "options", "expected an object");
  SamplingOptions& s = r.options;
  for (const auto& [key, val] : *o) {
    const std::string path = key_path("options", key);
    if (key == "temperature") {
      SP_OLLAMA_TRY(read_double(val, kBad, path, s.temperature));
    } else if (key == "top_p") {
      SP_OLLAMA_TRY(read_double(val, kBad, path, s.top_p));
    } else if (key == "top_k") {
      SP_OLLAMA_TRY(read_int(val, kBad, path, s.top_k));
    } else if (key == "num_predict") {
      SP_OLLAMA_TRY(read_int(val, kBad, path, s.max_tokens));
    } else if (key == "seed") {
      SP_OLLAMA_TRY(read_int(val, kBad, path, s.seed));
    } else if (key == "stop") {
      SP_OLLAMA_TRY(read_string_list(val, kBad, path, s.stop));
    } else if (key == "presence_penalty") {
      SP_OLLAMA_TRY(read_double(val, kBad, path, s.presence_penalty));
    } else if (key == "frequency_penalty") {
      SP_OLLAMA_TRY(read_double(val, kBad, path, s.frequency_penalty));
    } else {
      r.extra.push_back({path, json::serialize(val)});
    }
  }
  return Status::OK();
}

// format: "json" -> kJsonObject; a schema object -> kJsonSchema; "" or null -> plain text.
Status decode_format(const json::value& v, ResponseFormat& f) {
  if (v.is_null()) return Status::OK();
  if (const json::string* s = v.if_string()) {
    if (s->empty()) return Status::OK();
    if (*s == "json") {
      f.kind = ResponseFormat::Kind::kJsonObject;
      return Status::OK();
    }
  } else if (v.is_object()) {
    f.kind = ResponseFormat::Kind::kJsonSchema;
    f.schema = json::serialize(v);
    f.name = "response";
    return Status::OK();
  }
  return field_error(kBad, "format", R"(expected "json" or a JSON schema object)");
}

Status decode_tool(const json::value& v, const std::string& path, Tool& t) {
  const json::object* o = v.if_object();
  if (o == nullptr) return field_error(kBad, path, "expected an object");
  if (const json::value* type = o->if_contains("type")) {
    if (!type->is_null() && !(type->is_string() && type->get_string() == "function")) {
      return field_error(kBad, key_path(path, "type"), R"(expected "function")");
    }
  }
  const json::value* fn = o->if_contains("function");
  const std::string fpath = key_path(path, "function");
  if (fn == nullptr || !fn->is_object()) return field_error(kBad, fpath, "expected an object");
  const json::object& f = fn->get_object();
  if (const json::value* n = f.if_contains("name")) {
    SP_OLLAMA_TRY(read_string(*n, kBad, key_path(fpath, "name"), t.name));
  }
  if (t.name.empty()) return field_error(kBad, key_path(fpath, "name"), "required");
  if (const json::value* d = f.if_contains("description")) {
    SP_OLLAMA_TRY(read_string(*d, kBad, key_path(fpath, "description"), t.description));
  }
  if (const json::value* p = f.if_contains("parameters"); p != nullptr && !p->is_null()) {
    if (!p->is_object())
      return field_error(kBad, key_path(fpath, "parameters"), "expected an object");
    t.parameters = json::serialize(*p);
  }
  return Status::OK();
}

Status decode_tools(const json::value& v, std::vector<Tool>& out) {
  if (v.is_null()) return Status::OK();
  const json::array* a = v.if_array();
  if (a == nullptr) return field_error(kBad, "tools", "expected an array");
  out.resize(a->size());
  for (std::size_t i = 0; i < a->size(); ++i) {
    SP_OLLAMA_TRY(decode_tool((*a)[i], index_path("tools", i), out[i]));
  }
  return Status::OK();
}

// Fields /api/chat and /api/generate share. Returns false (and leaves `status` OK) if `key` is
// not one of them.
bool decode_common(std::string_view key, const json::value& val, ChatRequest& r, Status& status) {
  if (key == "model") {
    status = read_string(val, kBad, "model", r.model);
  } else if (key == "format") {
    status = decode_format(val, r.response_format);
  } else if (key == "options") {
    status = decode_options(val, r);
  } else if (key == "stream") {
    status = read_bool(val, kBad, "stream", r.stream);
  } else {
    return false;
  }
  return true;
}

Result<json::object> parse_body(std::string_view body) {
  auto v = parse_object(body, kBad, "request body");
  if (!v.ok()) return v.status();
  return std::move(v->get_object());
}

ChatRequest new_request() {
  ChatRequest r;
  r.stream = true;  // Ollama streams unless told otherwise
  r.origin = Protocol::kOllama;
  return r;
}

}  // namespace

Status internal::read_tool_calls(const json::value& v, StatusCode code, std::string_view path,
                                 std::vector<ToolCall>& out) {
  if (v.is_null()) return Status::OK();
  const json::array* a = v.if_array();
  if (a == nullptr) return field_error(code, path, "expected an array");
  out.reserve(out.size() + a->size());
  for (std::size_t i = 0; i < a->size(); ++i) {
    const std::string cpath = index_path(path, i);
    const json::object* call = (*a)[i].if_object();
    if (call == nullptr) return field_error(code, cpath, "expected an object");
    ToolCall tc;
    if (const json::value* id = call->if_contains("id")) {
      SP_OLLAMA_TRY(read_string(*id, code, key_path(cpath, "id"), tc.id));
    }
    const json::value* fn = call->if_contains("function");
    const std::string fpath = key_path(cpath, "function");
    if (fn == nullptr || !fn->is_object()) return field_error(code, fpath, "expected an object");
    const json::object& f = fn->get_object();
    if (const json::value* n = f.if_contains("name")) {
      SP_OLLAMA_TRY(read_string(*n, code, key_path(fpath, "name"), tc.name));
    }
    if (tc.name.empty()) return field_error(code, key_path(fpath, "name"), "required");
    const json::value* args = f.if_contains("arguments");
    if (args == nullptr || args->is_null()) {
      tc.arguments = "{}";
    } else if (args->is_object()) {
      tc.arguments = json::serialize(*args);
    } else {
      return field_error(code, key_path(fpath, "arguments"), "expected an object");
    }
    out.push_back(std::move(tc));
  }
  return Status::OK();
}

Result<ChatRequest> decode_chat_request(std::string_view body) {
  auto parsed = parse_body(body);
  if (!parsed.ok()) return parsed.status();
  ChatRequest r = new_request();
  for (const auto& [key, val] : *parsed) {
    Status s;
    if (decode_common(key, val, r, s)) {
      // handled
    } else if (key == "messages") {
      s = decode_messages(val, r.messages);
    } else if (key == "tools") {
      s = decode_tools(val, r.tools);
    } else {
      r.extra.push_back({std::string(key), json::serialize(val)});
    }
    if (!s.is_ok()) return s;
  }
  if (r.model.empty()) return field_error(kBad, "model", "required");
  return r;
}

Result<ChatRequest> decode_generate_request(std::string_view body) {
  auto parsed = parse_body(body);
  if (!parsed.ok()) return parsed.status();
  ChatRequest r = new_request();
  r.generate = true;
  std::string prompt, system;
  const json::value* images = nullptr;
  for (const auto& [key, val] : *parsed) {
    Status s;
    if (decode_common(key, val, r, s)) {
      // handled
    } else if (key == "prompt") {
      s = read_string(val, kBad, "prompt", prompt);
    } else if (key == "system") {
      s = read_string(val, kBad, "system", system);
    } else if (key == "suffix") {
      s = read_string(val, kBad, "suffix", r.suffix);
    } else if (key == "images") {
      images = &val;
    } else {
      // raw, template, context, keep_alive, think, ...
      r.extra.push_back({std::string(key), json::serialize(val)});
    }
    if (!s.is_ok()) return s;
  }
  if (r.model.empty()) return field_error(kBad, "model", "required");
  if (!system.empty()) {
    Message m;
    m.role = "system";
    m.parts.push_back({ContentPart::Kind::kText, std::move(system), {}});
    r.messages.push_back(std::move(m));
  }
  Message user;
  user.role = "user";
  if (!prompt.empty()) user.parts.push_back({ContentPart::Kind::kText, std::move(prompt), {}});
  if (images != nullptr) SP_OLLAMA_TRY(decode_images(*images, "images", user.parts));
  // An empty prompt without images asks Ollama to load the model: no user message then.
  if (!user.parts.empty()) r.messages.push_back(std::move(user));
  return r;
}

}  // namespace splitpoint::wire::ollama
