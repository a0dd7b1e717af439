// Pieces shared by the OpenAI codec's translation units. Not part of the module's interface.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "splitpoint/model.h"
#include "splitpoint/status.h"
#include "wire/openai/json_util.h"

namespace splitpoint::wire::scan {
class Scanner;
}

namespace splitpoint::wire::openai::detail {

// Bytes of stack buffer given to the monotonic resource of a per-call DOM.
inline constexpr std::size_t kParseBufferBytes = 8192;

// Decodes the "messages" array of a chat request (non-empty; roles validated).
Status decode_messages(const json::value& v, const Path& path, std::vector<Message>& out);

// Reads one {"id","type":"function","function":{"name","arguments"}} tool call.
Status decode_tool_call(const json::value& v, const Path& path, ToolCall& out);

// Reads the text of a message "content": a string, null, or an array of text parts (provider side;
// images in answers are ignored).
Status read_answer_content(const json::value& v, const Path& path, std::string& out);

// "stop" | "length" | "tool_calls" | "function_call" | "content_filter"; others -> kStop.
FinishReason parse_finish_reason(std::string_view s);
// A message role as the core model keeps it ("developer" is "system"); nullopt if unsupported.
std::optional<std::string_view> normalized_role(std::string_view role);
// For the fast decoders: a finish_reason value, a string or null (left as is). False: not
// recognised (json_scan.h's contract).
bool scan_finish_reason(scan::Scanner& s, FinishReason& out);

// {"prompt_tokens","completion_tokens",...} or null.
Status read_usage(const json::value& v, const Path& path, std::optional<Usage>& out);

// The message of an upstream {"error":...} member: error.message, or the error itself when it is a
// string; "" when neither.
std::string error_message(const json::value& error);

// The top-level object of a parsed upstream answer. kUpstream, prefixed by `what`, when the
// answer did not parse, is not an object, or is an {"error":...} object.
Result<const json::object*> upstream_object(const Result<json::value>& doc, std::string_view what);

// Writes {"id","type":"function","function":{"name","arguments"}}; an empty id becomes
// "call_<hex>".
void write_tool_call(Writer& w, const ToolCall& call);

// {"prompt_tokens","completion_tokens","total_tokens"}.
void write_usage(Writer& w, const Usage& usage);

// {"error":{"message","type","param":null,"code"}}.
void write_error_object(Writer& w, const Status& status);

// decode_stream_event in two parts. The full decoder parses a DOM and handles every shape. The
// fast one (stream_fast.cc) reads only the common chunk shape, without a DOM: it returns nullopt
// for anything it does not recognise exactly (the caller then uses the full decoder), and
// otherwise exactly the chunk the full decoder returns. `data` is one SSE data payload (the fast
// decoder expects it trimmed and not "[DONE]").
Result<std::optional<StreamChunk>> decode_stream_event_full(std::string_view data);
std::optional<StreamChunk> decode_stream_event_fast(std::string_view data);

// decode_chat_response in two parts, like the stream decoders above: the full decoder parses a DOM
// and handles every answer; the fast one (chat_response_fast.cc) reads only the common
// chat.completion shape without a DOM and returns nullopt for anything it does not recognise
// exactly, otherwise exactly the response the full decoder returns.
Result<ChatResponse> decode_chat_response_full(std::string_view body);
std::optional<ChatResponse> decode_chat_response_fast(std::string_view body);

// decode_chat_request in two parts likewise (chat_request_fast.cc: the common request shape).
Result<ChatRequest> decode_chat_request_full(std::string_view body);
std::optional<ChatRequest> decode_chat_request_fast(std::string_view body);

// A fresh tool call id "call_<24 hex>".
std::string new_call_id();

}  // namespace splitpoint::wire::openai::detail
