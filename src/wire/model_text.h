// Every field of a StreamChunk, ChatResponse or ChatRequest as one text, for the tests and fuzz
// targets that compare two decoders (doubles by their bits). Test-only: never included by the
// library.
#pragma once

#include <bit>
#include <cstdint>
#include <optional>
#include <string>

#include "splitpoint/model.h"

namespace splitpoint::testing {

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
  std::string out = "id=[" + r.id + "] model=[" + r.model +
                    "] created=" + std::to_string(r.created) +
                    " finish=" + std::to_string(static_cast<int>(r.finish_reason));
  const Message& m = r.message;
  out += " role=[" + m.role + "] thinking=[" + m.thinking + "] tool_call_id=[" + m.tool_call_id +
         "] name=[" + m.name + "]";
  for (const ContentPart& p : m.parts) {
    out +=
        " part{" + std::to_string(static_cast<int>(p.kind)) + "," + p.text + "," + p.detail + "}";
  }
  for (const ToolCall& c : m.tool_calls)
    out += " call{" + c.id + "," + c.name + "," + c.arguments + "}";
  if (r.usage) {
    out += " usage=" + std::to_string(r.usage->prompt_tokens) + "/" +
           std::to_string(r.usage->completion_tokens);
  }
  out += " durations=" + std::to_string(r.total_duration_ns) + "," +
         std::to_string(r.load_duration_ns) + "," + std::to_string(r.prompt_eval_duration_ns) +
         "," + std::to_string(r.eval_duration_ns);
  return out;
}

inline std::string request_text(const ChatRequest& r) {
  const auto bits = [](const std::optional<double>& d) {
    return d ? std::to_string(std::bit_cast<uint64_t>(*d)) : std::string("none");
  };
  const auto num = [](const std::optional<int64_t>& i) {
    return i ? std::to_string(*i) : std::string("none");
  };
  const SamplingOptions& o = r.options;
  std::string out = "model=[" + r.model + "] t=" + bits(o.temperature) + " p=" + bits(o.top_p) +
                    " k=" + num(o.top_k) + " max=" + num(o.max_tokens) + " seed=" + num(o.seed) +
                    " pp=" + bits(o.presence_penalty) + " fp=" + bits(o.frequency_penalty);
  for (const std::string& s : o.stop) out += " stop[" + s + "]";
  for (const Message& m : r.messages) {
    out += " msg{" + m.role + "|" + m.tool_call_id + "|" + m.name + "|" + m.thinking;
    for (const ContentPart& p : m.parts) {
      out +=
          " part(" + std::to_string(static_cast<int>(p.kind)) + "," + p.text + "," + p.detail + ")";
    }
    for (const ToolCall& c : m.tool_calls)
      out += " call(" + c.id + "," + c.name + "," + c.arguments + ")";
    out += "}";
  }
  for (const Tool& t : r.tools)
    out += " tool(" + t.name + "," + t.description + "," + t.parameters + ")";
  out += " tool_choice=[" + r.tool_choice +
         "] format=" + std::to_string(static_cast<int>(r.response_format.kind)) + "," +
         r.response_format.schema + "," + r.response_format.name + "," +
         std::to_string(r.response_format.strict) + " stream=" + std::to_string(r.stream) +
         " usage=" + std::to_string(r.include_usage) + " generate=" + std::to_string(r.generate) +
         " suffix=[" + r.suffix + "] origin=" + std::to_string(static_cast<int>(r.origin));
  for (const ExtraField& e : r.extra) out += " extra(" + e.name + "=" + e.json + ")";
  return out;
}

}  // namespace splitpoint::testing
