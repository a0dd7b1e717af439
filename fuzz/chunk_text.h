// Every field of a StreamChunk (or a ChatResponse) as one text, for the fuzz targets that compare
// two decoders.
#pragma once

#include <string>

#include "splitpoint/model.h"

namespace splitpoint::fuzz {

inline std::string chunk_text(const StreamChunk& c) {
  std::string out = "content=[" + c.content + "] thinking=[" + c.thinking + "] model=[" + c.model +
                    "] finish=" + std::to_string(static_cast<int>(c.finish_reason));
  if (c.usage) {
    out += " usage=" + std::to_string(c.usage->prompt_tokens) + "/" +
           std::to_string(c.usage->completion_tokens);
  }
  for (const ToolCallDelta& d : c.tool_calls) {
    out += " call{" + std::to_string(d.index) + "," + d.id + "," + d.name + "," + d.arguments + "}";
  }
  out += " durations=" + std::to_string(c.total_duration_ns) + "," +
         std::to_string(c.load_duration_ns) + "," + std::to_string(c.prompt_eval_duration_ns) +
         "," + std::to_string(c.eval_duration_ns);
  return out;
}

inline std::string response_text(const ChatResponse& r) {
  std::string out = "id=[" + r.id + "] model=[" + r.model + "] created=" +
                    std::to_string(r.created) + " finish=" +
                    std::to_string(static_cast<int>(r.finish_reason));
  const Message& m = r.message;
  out += " role=[" + m.role + "] thinking=[" + m.thinking + "] tool_call_id=[" + m.tool_call_id +
         "] name=[" + m.name + "]";
  for (const ContentPart& p : m.parts) {
    out += " part{" + std::to_string(static_cast<int>(p.kind)) + "," + p.text + "," + p.detail + "}";
  }
  for (const ToolCall& c : m.tool_calls) out += " call{" + c.id + "," + c.name + "," + c.arguments + "}";
  if (r.usage) {
    out += " usage=" + std::to_string(r.usage->prompt_tokens) + "/" +
           std::to_string(r.usage->completion_tokens);
  }
  out += " durations=" + std::to_string(r.total_duration_ns) + "," +
         std::to_string(r.load_duration_ns) + "," + std::to_string(r.prompt_eval_duration_ns) +
         "," + std::to_string(r.eval_duration_ns);
  return out;
}

}  // namespace splitpoint::fuzz
