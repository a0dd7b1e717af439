// Provider side: ChatRequest -> an Ollama /api/chat request body.
#include <array>
#include <type_traits>

#include "wire/ollama/codec.h"
#include "wire/ollama/internal.h"

namespace splitpoint::wire::ollama {

using namespace internal;  // NOLINT(google-build-using-namespace): this module's own helpers

namespace {

constexpr StatusCode kBad = StatusCode::kInvalidArgument;
constexpr std::string_view kOptionsPrefix = "options.";

// Top-level and options keys this encoder writes itself; extras never override them.
constexpr std::array<std::string_view, 6> kOwnKeys = {"model",  "messages", "stream",
                                                      "format", "options",  "tools"};
constexpr std::array<std::string_view, 8> kOwnOptions = {
    "temperature",      "top_p", "top_k", "num_predict", "seed", "stop", "presence_penalty",
    "frequency_penalty"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& keys, std::string_view k) {
  for (std::string_view key : keys) {
    if (key == k) return true;
  }
  return false;
}

// The base64 payload of an image part: a data URI's payload, or bare base64.
Status image_payload(const ContentPart& part, std::string_view path, std::string_view& out) {
  std::string_view s = part.text;
  if (s.starts_with("data:")) {
    const std::size_t comma = s.find(',');
    if (comma == std::string_view::npos || !s.substr(0, comma).ends_with(";base64")) {
      return field_error(kBad, path, "image data URI must be base64-encoded");
    }
    out = s.substr(comma + 1);
    return Status::OK();
  }
  if (is_base64(s)) {
    out = s;
    return Status::OK();
  }
  return field_error(kBad, path, "the Ollama provider accepts only inline (data URI) images");
}

// The tool name for a tool-result message: Message::name, else the name of the assistant tool
// call whose id the message answers (OpenAI clients send only tool_call_id).
std::string_view tool_name(const ChatRequest& r, std::size_t index) {
  const Message& m = r.messages[index];
  if (!m.name.empty() || m.tool_call_id.empty()) return m.name;
  for (std::size_t i = index; i-- > 0;) {
    for (const ToolCall& c : r.messages[i].tool_calls) {
      if (c.id == m.tool_call_id) return c.name;
    }
  }
  return {};
}

void append_content(std::string& out, const Message& m) {
  const ContentPart* only = nullptr;
  int text_parts = 0;
  for (const ContentPart& p : m.parts) {
    if (p.kind == ContentPart::Kind::kText && text_parts++ == 0) only = &p;
  }
  if (text_parts <= 1) {
    append_string(out, only ? std::string_view(only->text) : std::string_view());
  } else {
    append_string(out, m.text());
  }
}

Status append_message(std::string& out, const ChatRequest& r, std::size_t index) {
  const Message& m = r.messages[index];
  out.append(R"({"role":)");
  append_string(out, m.role);
  out.append(R"(,"content":)");
  append_content(out, m);
  if (m.has_image()) {
    out.append(R"(,"images":[)");
    bool first = true;
    std::size_t image_index = 0;
    for (const ContentPart& p : m.parts) {
      if (p.kind != ContentPart::Kind::kImage) continue;
      std::string_view payload;
      SP_OLLAMA_TRY(image_payload(
          p, index_path(key_path(index_path("messages", index), "images"), image_index++),
          payload));
      if (!first) out.push_back(',');
      first = false;
      append_string(out, payload);
    }
    out.push_back(']');
  }
  if (!m.thinking.empty()) {
    out.append(R"(,"thinking":)");
    append_string(out, m.thinking);
  }
  if (!m.tool_calls.empty()) {
    out.append(R"(,"tool_calls":[)");
    for (std::size_t i = 0; i < m.tool_calls.size(); ++i) {
      if (i > 0) out.push_back(',');
      append_tool_call(out, m.tool_calls[i].name, m.tool_calls[i].arguments);
    }
    out.push_back(']');
  }
  if (m.role == "tool") {
    if (std::string_view name = tool_name(r, index); !name.empty()) {
      out.append(R"(,"tool_name":)");
      append_string(out, name);
    }
  }
  out.push_back('}');
  return Status::OK();
}

Status append_tools(std::string& out, const std::vector<Tool>& tools) {
  out.append(R"(,"tools":[)");
  for (std::size_t i = 0; i < tools.size(); ++i) {
    const Tool& t = tools[i];
    if (i > 0) out.push_back(',');
    out.append(R"({"type":"function","function":{"name":)");
    append_string(out, t.name);
    if (!t.description.empty()) {
      out.append(R"(,"description":)");
      append_string(out, t.description);
    }
    if (!t.parameters.empty()) {
      out.append(R"(,"parameters":)");
      if (!append_json_text(out, t.parameters)) {
        return field_error(kBad, key_path(index_path("tools", i), "parameters"), "invalid JSON");
      }
    }
    out.append("}}");
  }
  out.push_back(']');
  return Status::OK();
}

template <typename T>
void append_option(std::string& out, bool& first, std::string_view key, const std::optional<T>& v) {
  if (!v) return;
  out.append(first ? "{\"" : ",\"").append(key).append("\":");
  first = false;
  if constexpr (std::is_floating_point_v<T>) {
    append_double(out, *v);
  } else {
    append_int(out, *v);
  }
}

// ,"options":{...} when there is anything to send.
Status append_options(std::string& out, const ChatRequest& r) {
  const SamplingOptions& o = r.options;
  bool first = true;
  out.append(R"(,"options":)");
  const std::size_t mark = out.size();
  append_option(out, first, "temperature", o.temperature);
  append_option(out, first, "top_p", o.top_p);
  append_option(out, first, "top_k", o.top_k);
  append_option(out, first, "num_predict", o.max_tokens);
  append_option(out, first, "seed", o.seed);
  if (!o.stop.empty()) {
    out.append(first ? R"({"stop":[)" : R"(,"stop":[)");
    first = false;
    for (std::size_t i = 0; i < o.stop.size(); ++i) {
      if (i > 0) out.push_back(',');
      append_string(out, o.stop[i]);
    }
    out.push_back(']');
  }
  append_option(out, first, "presence_penalty", o.presence_penalty);
  append_option(out, first, "frequency_penalty", o.frequency_penalty);
  if (r.origin == Protocol::kOllama) {
    for (const ExtraField& e : r.extra) {
      if (!e.name.starts_with(kOptionsPrefix)) continue;
      const std::string_view key = std::string_view(e.name).substr(kOptionsPrefix.size());
      if (key.empty() || contains(kOwnOptions, key)) continue;
      out.append(first ? "{" : ",");
      first = false;
      append_string(out, key);
      out.push_back(':');
      if (!append_json_text(out, e.json)) return field_error(kBad, e.name, "invalid JSON");
    }
  }
  if (first) {
    out.resize(mark - std::string_view(R"(,"options":)").size());  // nothing to send
  } else {
    out.push_back('}');
  }
  return Status::OK();
}

Status append_extras(std::string& out, const ChatRequest& r) {
  if (r.origin != Protocol::kOllama) return Status::OK();
  for (const ExtraField& e : r.extra) {
    if (e.name.empty() || e.name.starts_with(kOptionsPrefix) || contains(kOwnKeys, e.name)) {
      continue;
    }
    out.push_back(',');
    append_string(out, e.name);
    out.push_back(':');
    if (!append_json_text(out, e.json)) return field_error(kBad, e.name, "invalid JSON");
  }
  return Status::OK();
}

}  // namespace

Result<std::string> encode_chat_request(const ChatRequest& request, std::string_view model) {
  std::string out;
  std::size_t size_hint = 256;
  for (const Message& m : request.messages) {
    for (const ContentPart& p : m.parts) size_hint += p.text.size() + 16;
  }
  out.reserve(size_hint);
  out.append(R"({"model":)");
  append_string(out, model);
  out.append(R"(,"messages":[)");
  for (std::size_t i = 0; i < request.messages.size(); ++i) {
    if (i > 0) out.push_back(',');
    SP_OLLAMA_TRY(append_message(out, request, i));
  }
  out.append(request.stream ? R"(],"stream":true)" : R"(],"stream":false)");
  switch (request.response_format.kind) {
    case ResponseFormat::Kind::kText: break;
    case ResponseFormat::Kind::kJsonObject: out.append(R"(,"format":"json")"); break;
    case ResponseFormat::Kind::kJsonSchema:
      if (request.response_format.schema.empty()) {  // no schema: plain JSON mode
        out.append(R"(,"format":"json")");
        break;
      }
      out.append(R"(,"format":)");
      if (!append_json_text(out, request.response_format.schema)) {
        return field_error(kBad, "response_format.schema", "invalid JSON");
      }
      break;
  }
  SP_OLLAMA_TRY(append_options(out, request));
  if (!request.tools.empty()) SP_OLLAMA_TRY(append_tools(out, request.tools));
  SP_OLLAMA_TRY(append_extras(out, request));
  out.push_back('}');
  return out;
}

}  // namespace splitpoint::wire::ollama
