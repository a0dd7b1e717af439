// The normalized core model. Front doors decode wire JSON into these types and providers encode
// them for their upstream (and back): N + M codecs, never N x M converters.
// Plain values: copyable, no behaviour, no thread-safety concerns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace splitpoint {

enum class Tier { kLocal, kCloud };
const char* tier_name(Tier t);  // "local" | "cloud"

// The wire protocol a request arrived in or a provider speaks.
enum class Protocol { kOpenAI, kOllama };

struct ContentPart {
  enum class Kind { kText, kImage };
  Kind kind = Kind::kText;
  // kText: the text. kImage: a URL or a data URI ("data:image/png;base64,...").
  std::string text;
  std::string detail;  // OpenAI image detail ("auto", "low", "high"); empty if not given
};

struct ToolCall {
  std::string id;         // may be empty (Ollama does not send ids); codecs synthesize one
  std::string name;
  std::string arguments;  // JSON text of the arguments object
};

struct Message {
  std::string role;  // system | user | assistant | tool (developer is mapped to system)
  std::vector<ContentPart> parts;
  std::vector<ToolCall> tool_calls;  // assistant messages
  std::string tool_call_id;          // tool messages (OpenAI)
  std::string name;                  // tool messages: the tool's name (Ollama tool_name)
  std::string thinking;              // Ollama thinking models; kept, not sent to OpenAI

  // Concatenated text of all text parts.
  std::string text() const;
  bool has_image() const;
};

struct Tool {
  std::string name;
  std::string description;
  std::string parameters;  // JSON text of the JSON-schema object; empty if none
};

struct ResponseFormat {
  enum class Kind { kText, kJsonObject, kJsonSchema };
  Kind kind = Kind::kText;
  std::string schema;  // JSON text of the schema (kJsonSchema)
  std::string name;    // OpenAI json_schema.name ("response" when synthesized)
  bool strict = false;
};

struct SamplingOptions {
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::optional<int64_t> top_k;  // Ollama only
  std::optional<int64_t> max_tokens;  // OpenAI max_tokens / max_completion_tokens; Ollama num_predict
  std::optional<int64_t> seed;
  std::optional<double> presence_penalty;
  std::optional<double> frequency_penalty;
  std::vector<std::string> stop;
};

// A field a codec does not model, kept verbatim so a same-protocol provider can pass it on.
struct ExtraField {
  std::string name;
  std::string json;  // the value as JSON text
};

struct ChatRequest {
  std::string model;  // as the client sent it
  std::vector<Message> messages;
  SamplingOptions options;
  std::vector<Tool> tools;
  std::string tool_choice;  // JSON text ("\"auto\"", "{...}"); empty if not given
  ResponseFormat response_format;
  bool stream = false;
  bool include_usage = false;  // OpenAI stream_options.include_usage
  // The Ollama /api/generate shape: answers carry "response" instead of "message".
  bool generate = false;
  std::string suffix;  // /api/generate suffix; dropped by providers that cannot honour it

  Protocol origin = Protocol::kOpenAI;  // the protocol `extra` belongs to
  std::vector<ExtraField> extra;

  bool has_image() const;
};

struct Usage {
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  int64_t total() const { return prompt_tokens + completion_tokens; }
};

enum class FinishReason { kNone, kStop, kLength, kToolCalls, kContentFilter };
const char* finish_reason_name(FinishReason r);  // OpenAI spelling: "stop", "length", ...

struct ChatResponse {
  std::string id;
  std::string model;     // the upstream model that answered
  int64_t created = 0;   // unix seconds
  Message message;       // role "assistant"
  FinishReason finish_reason = FinishReason::kStop;
  std::optional<Usage> usage;
  // Upstream-reported durations (Ollama), nanoseconds; 0 if unknown.
  int64_t total_duration_ns = 0;
  int64_t load_duration_ns = 0;
  int64_t prompt_eval_duration_ns = 0;
  int64_t eval_duration_ns = 0;
};

// One increment of a streamed answer. A chunk may carry any subset of the fields.
struct ToolCallDelta {
  int index = 0;  // position of the call in the answer
  std::string id;
  std::string name;
  std::string arguments;  // a fragment of the arguments JSON text (complete for Ollama)
};

struct StreamChunk {
  std::string content;  // text delta
  std::string thinking;
  std::vector<ToolCallDelta> tool_calls;
  FinishReason finish_reason = FinishReason::kNone;  // set on the last content chunk
  std::optional<Usage> usage;                         // usually on the final chunk
  std::string model;                                  // upstream model, if known
  int64_t total_duration_ns = 0;
  int64_t load_duration_ns = 0;
  int64_t prompt_eval_duration_ns = 0;
  int64_t eval_duration_ns = 0;
};

struct EmbedRequest {
  std::string model;
  std::vector<std::string> inputs;
  bool input_was_array = false;  // OpenAI: answer shape does not depend on it; kept for logs
  std::optional<int64_t> dimensions;
  bool truncate = true;          // Ollama truncate
  bool base64 = false;  // OpenAI encoding_format "base64": vectors answered as base64 float32 LE
};

struct EmbedResponse {
  std::string model;
  std::vector<std::vector<float>> embeddings;
  Usage usage;  // prompt_tokens only
  int64_t total_duration_ns = 0;
};

}  // namespace splitpoint
