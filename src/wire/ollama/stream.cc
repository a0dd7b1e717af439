// Front door: StreamChunk sequence -> Ollama NDJSON lines.
#include "wire/ollama/codec.h"
#include "wire/ollama/internal.h"

namespace splitpoint::wire::ollama {

using namespace internal;  // NOLINT(google-build-using-namespace): this module's own helpers

namespace {
// Tool-call indices beyond this many past the known calls are treated as "the next call", so a
// hostile index cannot make the encoder allocate without bound.
constexpr std::size_t kMaxIndexGap = 64;
}  // namespace

// model_ holds the pre-rendered constant prefix of every line, {"model":"<model>","created_at":"
// so a chunk costs one timestamp and the escaping of its own text.
ChatStreamEncoder::ChatStreamEncoder(std::string model, bool generate) : generate_(generate) {
  model_.reserve(model.size() + 32);
  model_.append(R"({"model":)");
  append_string(model_, model);
  model_.append(R"(,"created_at":")");
}

std::string ChatStreamEncoder::encode(const StreamChunk& chunk) {
  std::string out;
  encode_into(chunk, out);
  return out;
}

void ChatStreamEncoder::encode_into(const StreamChunk& chunk, std::string& out) {
  out.clear();
  if (chunk.usage) usage_ = chunk.usage;
  if (chunk.total_duration_ns != 0) total_ns_ = chunk.total_duration_ns;
  if (chunk.load_duration_ns != 0) load_ns_ = chunk.load_duration_ns;
  if (chunk.prompt_eval_duration_ns != 0) prompt_eval_ns_ = chunk.prompt_eval_duration_ns;
  if (chunk.eval_duration_ns != 0) eval_ns_ = chunk.eval_duration_ns;

  for (const ToolCallDelta& d : chunk.tool_calls) {
    std::size_t i = d.index < 0 ? calls_.size() : static_cast<std::size_t>(d.index);
    if (i > calls_.size() + kMaxIndexGap) i = calls_.size();
    if (i >= calls_.size()) calls_.resize(i + 1);
    PendingCall& c = calls_[i];
    if (!d.id.empty() && c.id.empty()) c.id = d.id;
    // OpenAI sends the name once, on the call's first fragment; some servers repeat it.
    if (!d.name.empty() && c.name.empty()) c.name = d.name;
    c.arguments.append(d.arguments);
  }

  const bool emit_calls = chunk.finish_reason != FinishReason::kNone && !calls_.empty();
  if (chunk.finish_reason != FinishReason::kNone) finish_ = chunk.finish_reason;
  if (chunk.content.empty() && chunk.thinking.empty() && !emit_calls) return;
  line(out, chunk.content, chunk.thinking, emit_calls);
}

void ChatStreamEncoder::line(std::string& out, std::string_view content, std::string_view thinking,
                             bool with_calls) {
  out.reserve(out.size() + model_.size() + 96 + content.size() + thinking.size());
  out.append(model_);
  append_now_rfc3339(out);
  if (generate_) {
    out.append(R"(","response":)");
    append_string(out, content);
    if (!thinking.empty()) {
      out.append(R"(,"thinking":)");
      append_string(out, thinking);
    }
  } else {
    out.append(R"(","message":{"role":"assistant","content":)");
    append_string(out, content);
    if (!thinking.empty()) {
      out.append(R"(,"thinking":)");
      append_string(out, thinking);
    }
    if (with_calls) {
      out.append(R"(,"tool_calls":[)");
      bool first = true;
      for (const PendingCall& c : calls_) {
        if (c.name.empty() && c.arguments.empty()) continue;  // a gap in the indices
        if (!first) out.push_back(',');
        first = false;
        append_tool_call(out, c.name, c.arguments);
      }
      out.push_back(']');
    }
    out.push_back('}');
  }
  out.append(",\"done\":false}\n");
  if (with_calls) calls_.clear();
}

std::string ChatStreamEncoder::finish() {
  // Calls whose finishing chunk never came are still sent whole, before the final line.
  std::string out;
  if (!calls_.empty()) line(out, {}, {}, true);
  out.append(model_);
  append_now_rfc3339(out);
  out.append(generate_ ? R"(","response":"")" : R"(","message":{"role":"assistant","content":""})");
  out.append(R"(,"done_reason":")");
  out.append(done_reason(finish_));
  out.append(R"(","done":true)");
  append_stats(out, usage_, total_ns_, load_ns_, prompt_eval_ns_, eval_ns_);
  out.append("}\n");
  return out;
}

std::string ChatStreamEncoder::error(const Status& status) {
  std::string out = encode_error(status);
  out.push_back('\n');
  return out;
}

}  // namespace splitpoint::wire::ollama
