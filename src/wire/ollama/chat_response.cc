// Front door: ChatResponse -> the non-streaming /api/chat or /api/generate answer.
#include "wire/ollama/codec.h"
#include "wire/ollama/internal.h"

namespace splitpoint::wire::ollama {

using namespace internal;  // NOLINT(google-build-using-namespace): this module's own helpers

std::string encode_chat_response(const ChatResponse& response, bool generate) {
  const Message& m = response.message;
  const std::string text = m.text();
  std::string out;
  out.reserve(256 + text.size() + m.thinking.size());
  out.append(R"({"model":)");
  append_string(out, response.model);
  out.append(R"(,"created_at":")");
  append_now_rfc3339(out);
  out.push_back('"');
  if (generate) {
    // /api/generate has no tool calls; thinking is a top-level field there.
    out.append(R"(,"response":)");
    append_string(out, text);
    if (!m.thinking.empty()) {
      out.append(R"(,"thinking":)");
      append_string(out, m.thinking);
    }
  } else {
    out.append(R"(,"message":{"role":"assistant","content":)");
    append_string(out, text);
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
    out.push_back('}');
  }
  out.append(R"(,"done_reason":")");
  out.append(done_reason(response.finish_reason));
  out.append(R"(","done":true)");
  append_stats(out, response.usage, response.total_duration_ns, response.load_duration_ns,
               response.prompt_eval_duration_ns, response.eval_duration_ns);
  out.push_back('}');
  return out;
}

}  // namespace splitpoint::wire::ollama
