// Provider side: Ollama /api/chat answers (whole or one NDJSON line) -> core model.
#include <optional>
#include <utility>

#include "wire/ollama/codec.h"
#include "wire/ollama/internal.h"

namespace splitpoint::wire::ollama {

using namespace internal;  // NOLINT(google-build-using-namespace): this module's own helpers

namespace {

constexpr StatusCode kUp = StatusCode::kUpstream;

// The statistics of a final ({"done":true}) answer.
struct Stats {
  std::optional<Usage> usage;
  int64_t total = 0, load = 0, prompt_eval = 0, eval = 0;
};

Status read_stats(const json::object& o, Stats& s) {
  std::optional<int64_t> prompt, completion;
  for (const auto& [key, val] : o) {
    Status st;
    if (key == "prompt_eval_count") {
      st = read_int(val, kUp, key, prompt);
    } else if (key == "eval_count") {
      st = read_int(val, kUp, key, completion);
    } else if (key == "total_duration") {
      st = read_int(val, kUp, key, s.total);
    } else if (key == "load_duration") {
      st = read_int(val, kUp, key, s.load);
    } else if (key == "prompt_eval_duration") {
      st = read_int(val, kUp, key, s.prompt_eval);
    } else if (key == "eval_duration") {
      st = read_int(val, kUp, key, s.eval);
    }
    if (!st.is_ok()) return st;
  }
  if (prompt || completion) s.usage = Usage{prompt.value_or(0), completion.value_or(0)};
  return Status::OK();
}

// The message text, thinking and tool calls of an answer ("message", or "response" for the
// /api/generate shape).
Status read_message(const json::object& o, std::string& content, std::string& thinking,
                    std::vector<ToolCall>& calls) {
  if (const json::value* r = o.if_contains("response")) {
    SP_OLLAMA_TRY(read_string(*r, kUp, "response", content));
  }
  if (const json::value* t = o.if_contains("thinking")) {
    SP_OLLAMA_TRY(read_string(*t, kUp, "thinking", thinking));
  }
  const json::value* mv = o.if_contains("message");
  if (mv == nullptr || mv->is_null()) return Status::OK();
  const json::object* m = mv->if_object();
  if (m == nullptr) return field_error(kUp, "message", "expected an object");
  if (const json::value* c = m->if_contains("content")) {
    SP_OLLAMA_TRY(read_string(*c, kUp, "message.content", content));
  }
  if (const json::value* t = m->if_contains("thinking")) {
    SP_OLLAMA_TRY(read_string(*t, kUp, "message.thinking", thinking));
  }
  if (const json::value* tc = m->if_contains("tool_calls")) {
    SP_OLLAMA_TRY(read_tool_calls(*tc, kUp, "message.tool_calls", calls));
  }
  return Status::OK();
}

Status read_done_reason(const json::object& o, std::string& reason) {
  const json::value* v = o.if_contains("done_reason");
  return v == nullptr ? Status::OK() : read_string(*v, kUp, "done_reason", reason);
}

std::string synthesized_id(int index) {
  return "call_" + std::to_string(index);
}

}  // namespace

// The common answer takes the DOM-free path; everything else the full decoder.
Result<ChatResponse> decode_chat_response(std::string_view body) {
  if (std::optional<ChatResponse> fast = decode_chat_response_fast(body)) return std::move(*fast);
  return decode_chat_response_full(body);
}

Result<ChatResponse> internal::decode_chat_response_full(std::string_view body) {
  auto parsed = parse_object(body, kUp, "chat response");
  if (!parsed.ok()) return parsed.status();
  const json::object& o = parsed->get_object();
  if (auto err = error_text(o)) return Status::upstream(*err);
  ChatResponse r;
  r.message.role = "assistant";
  if (const json::value* m = o.if_contains("model"))
    SP_OLLAMA_TRY(read_string(*m, kUp, "model", r.model));
  if (const json::value* c = o.if_contains("created_at"); c != nullptr && c->is_string()) {
    r.created = parse_rfc3339(c->get_string());
  }
  std::string content;
  SP_OLLAMA_TRY(read_message(o, content, r.message.thinking, r.message.tool_calls));
  if (!content.empty())
    r.message.parts.push_back({ContentPart::Kind::kText, std::move(content), {}});
  for (std::size_t i = 0; i < r.message.tool_calls.size(); ++i) {
    ToolCall& c = r.message.tool_calls[i];
    if (c.id.empty()) c.id = synthesized_id(static_cast<int>(i));
  }
  std::string reason;
  SP_OLLAMA_TRY(read_done_reason(o, reason));
  if (!r.message.tool_calls.empty()) {
    r.finish_reason = FinishReason::kToolCalls;
  } else if (reason == "length") {
    r.finish_reason = FinishReason::kLength;
  } else {
    r.finish_reason = FinishReason::kStop;
  }
  Stats s;
  SP_OLLAMA_TRY(read_stats(o, s));
  r.usage = s.usage;
  r.total_duration_ns = s.total;
  r.load_duration_ns = s.load;
  r.prompt_eval_duration_ns = s.prompt_eval;
  r.eval_duration_ns = s.eval;
  return r;
}

// The common line takes the DOM-free path; everything else the full decoder.
Result<StreamChunk> decode_stream_line(std::string_view line, int& next_tool_index) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) {
    line.remove_suffix(1);
  }
  if (line.empty()) return StreamChunk();
  if (std::optional<StreamChunk> fast = decode_stream_line_fast(line)) return std::move(*fast);
  return decode_stream_line_full(line, next_tool_index);
}

namespace internal {

Result<StreamChunk> decode_stream_line_full(std::string_view line, int& next_tool_index) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) {
    line.remove_suffix(1);
  }
  StreamChunk chunk;
  if (line.empty()) return chunk;
  // Stream lines are small: parse into a stack buffer, spilling to the heap only if needed.
  unsigned char buffer[4096];
  json::monotonic_resource mr(buffer, sizeof buffer);
  auto parsed = parse_json(line, kUp, json::storage_ptr(&mr));
  if (!parsed.ok()) return Status::upstream("stream line: " + parsed.status().message());
  const json::object* o = parsed->if_object();
  if (o == nullptr) return Status::upstream("stream line: expected a JSON object");
  if (auto err = error_text(*o)) return Status::upstream(*err);

  if (const json::value* m = o->if_contains("model")) {
    SP_OLLAMA_TRY(read_string(*m, kUp, "model", chunk.model));
  }
  std::vector<ToolCall> calls;
  SP_OLLAMA_TRY(read_message(*o, chunk.content, chunk.thinking, calls));
  chunk.tool_calls.reserve(calls.size());
  for (ToolCall& c : calls) {
    ToolCallDelta d;
    d.index = next_tool_index++;
    d.id = c.id.empty() ? synthesized_id(d.index) : std::move(c.id);
    d.name = std::move(c.name);
    d.arguments = std::move(c.arguments);
    chunk.tool_calls.push_back(std::move(d));
  }
  bool done = false;
  if (const json::value* d = o->if_contains("done"))
    SP_OLLAMA_TRY(read_bool(*d, kUp, "done", done));
  if (!done) return chunk;

  std::string reason;
  SP_OLLAMA_TRY(read_done_reason(*o, reason));
  if (reason == "length") {
    chunk.finish_reason = FinishReason::kLength;
  } else if (next_tool_index > 0) {  // the stream carried tool calls
    chunk.finish_reason = FinishReason::kToolCalls;
  } else {
    chunk.finish_reason = FinishReason::kStop;
  }
  Stats s;
  SP_OLLAMA_TRY(read_stats(*o, s));
  chunk.usage = s.usage;
  chunk.total_duration_ns = s.total;
  chunk.load_duration_ns = s.load;
  chunk.prompt_eval_duration_ns = s.prompt_eval;
  chunk.eval_duration_ns = s.eval;
  return chunk;
}

}  // namespace internal

}  // namespace splitpoint::wire::ollama
