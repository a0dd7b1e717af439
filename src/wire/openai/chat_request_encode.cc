// encode_chat_request: ChatRequest -> an OpenAI /v1/chat/completions body (provider side).
#include <algorithm>
#include <array>
#include <deque>
#include <string>
#include <string_view>

#include "wire/openai/codec.h"
#include "wire/openai/internal.h"

namespace splitpoint::wire::openai {
namespace {

using namespace detail;  // NOLINT(google-build-using-namespace): internal helpers of this module

// Members this encoder writes itself; an extra field of the same name is not passed on.
constexpr std::array<std::string_view, 15> kModelled = {"model",
                                                        "messages",
                                                        "temperature",
                                                        "top_p",
                                                        "max_tokens",
                                                        "max_completion_tokens",
                                                        "seed",
                                                        "stop",
                                                        "presence_penalty",
                                                        "frequency_penalty",
                                                        "stream",
                                                        "stream_options",
                                                        "tools",
                                                        "tool_choice",
                                                        "response_format"};

// Tool call ids synthesized for calls that came without one (Ollama), so that later tool
// messages without a tool_call_id can be matched to them (by name, else in order).
struct PendingCall {
  std::string id;
  std::string name;
};

void write_content(Writer& w, const Message& m) {
  if (m.parts.empty()) {
    if (m.role == "assistant" && !m.tool_calls.empty()) {
      w.null();
    } else {
      w.string("");
    }
    return;
  }
  if (m.parts.size() == 1 && m.parts[0].kind == ContentPart::Kind::kText) {
    w.string(m.parts[0].text);
    return;
  }
  w.begin_array();
  for (const ContentPart& p : m.parts) {
    w.begin_object();
    if (p.kind == ContentPart::Kind::kText) {
      w.key<"type">();
      w.string("text");
      w.key<"text">();
      w.string(p.text);
    } else {
      w.key<"type">();
      w.string("image_url");
      w.key<"image_url">();
      w.begin_object();
      w.key<"url">();
      w.string(p.text);
      if (!p.detail.empty()) {
        w.key<"detail">();
        w.string(p.detail);
      }
      w.end_object();
    }
    w.end_object();
  }
  w.end_array();
}

std::string take_pending_id(std::deque<PendingCall>& pending, const std::string& name) {
  if (pending.empty()) return {};
  auto it = std::find_if(pending.begin(), pending.end(),
                         [&](const PendingCall& c) { return !name.empty() && c.name == name; });
  if (it == pending.end()) it = pending.begin();
  std::string id = std::move(it->id);
  pending.erase(it);
  return id;
}

void write_message(Writer& w, const Message& m, std::deque<PendingCall>& pending) {
  w.begin_object();
  w.key<"role">();
  w.string(m.role);
  w.key<"content">();
  write_content(w, m);
  if (!m.name.empty() && m.role != "tool") {
    w.key<"name">();
    w.string(m.name);
  }
  if (!m.tool_calls.empty()) {
    pending.clear();
    w.key<"tool_calls">();
    w.begin_array();
    for (const ToolCall& call : m.tool_calls) {
      if (!call.id.empty()) {
        write_tool_call(w, call);
        continue;
      }
      ToolCall named = call;
      named.id = new_call_id();
      pending.push_back(PendingCall{named.id, named.name});
      write_tool_call(w, named);
    }
    w.end_array();
  }
  if (m.role == "tool") {
    std::string id = m.tool_call_id.empty() ? take_pending_id(pending, m.name) : m.tool_call_id;
    w.key<"tool_call_id">();
    w.string(id);
  }
  w.end_object();
}

void write_options(Writer& w, const SamplingOptions& o) {
  auto number = [&w](std::string_view key, const std::optional<double>& v) {
    if (!v) return;
    w.key(key);
    w.number(*v);
  };
  auto integer = [&w](std::string_view key, const std::optional<int64_t>& v) {
    if (!v) return;
    w.key(key);
    w.integer(*v);
  };
  number("temperature", o.temperature);
  number("top_p", o.top_p);
  integer("max_completion_tokens", o.max_tokens);
  integer("seed", o.seed);
  number("presence_penalty", o.presence_penalty);
  number("frequency_penalty", o.frequency_penalty);
  if (!o.stop.empty()) {
    w.key<"stop">();
    w.begin_array();
    for (const std::string& s : o.stop) w.string(s);
    w.end_array();
  }
}

void write_tools(Writer& w, const std::vector<Tool>& tools) {
  w.key<"tools">();
  w.begin_array();
  for (const Tool& t : tools) {
    w.begin_object();
    w.key<"type">();
    w.string("function");
    w.key<"function">();
    w.begin_object();
    w.key<"name">();
    w.string(t.name);
    if (!t.description.empty()) {
      w.key<"description">();
      w.string(t.description);
    }
    if (!t.parameters.empty()) {
      w.key<"parameters">();
      w.raw(t.parameters);
    }
    w.end_object();
    w.end_object();
  }
  w.end_array();
}

void write_response_format(Writer& w, const ResponseFormat& f) {
  if (f.kind == ResponseFormat::Kind::kText) return;
  w.key<"response_format">();
  w.begin_object();
  w.key<"type">();
  if (f.kind == ResponseFormat::Kind::kJsonObject) {
    w.string("json_object");
  } else {
    w.string("json_schema");
    w.key<"json_schema">();
    w.begin_object();
    w.key<"name">();
    w.string(f.name.empty() ? std::string_view("response") : std::string_view(f.name));
    if (!f.schema.empty()) {
      w.key<"schema">();
      w.raw(f.schema);
    }
    w.key<"strict">();
    w.boolean(f.strict);
    w.end_object();
  }
  w.end_object();
}

}  // namespace

std::string encode_chat_request(const ChatRequest& request, std::string_view model) {
  std::string out;
  out.reserve(1024);
  Writer w(out);
  w.begin_object();
  w.key<"model">();
  w.string(model);
  w.key<"messages">();
  w.begin_array();
  std::deque<PendingCall> pending;
  for (const Message& m : request.messages) write_message(w, m, pending);
  w.end_array();
  write_options(w, request.options);
  if (!request.tools.empty()) write_tools(w, request.tools);
  if (!request.tool_choice.empty()) {
    w.key<"tool_choice">();
    w.raw(request.tool_choice);
  }
  write_response_format(w, request.response_format);
  if (request.stream) {
    w.key<"stream">();
    w.boolean(true);
    w.key<"stream_options">();
    w.raw(R"({"include_usage":true})");
  }
  if (request.origin == Protocol::kOpenAI) {
    for (const ExtraField& f : request.extra) {
      if (std::find(kModelled.begin(), kModelled.end(), f.name) != kModelled.end()) continue;
      w.key(f.name);
      w.raw(f.json);
    }
  }
  w.end_object();
  return out;
}

}  // namespace splitpoint::wire::openai
