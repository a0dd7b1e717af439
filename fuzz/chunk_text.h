// Every field of a StreamChunk as one text, for the fuzz targets that compare two decoders.
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

}  // namespace splitpoint::fuzz
