// Helpers shared by the Ollama codec's translation units. Not part of the module's interface.
// Readers report errors as "<path>: expected ..." with the caller's StatusCode (kInvalidArgument
// on the front-door side, kUpstream on the provider side). Writers append to a std::string
// without a DOM round trip. All functions are pure and thread-safe.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "splitpoint/model.h"
#include "splitpoint/status.h"

// Returns the Status of `expr` from the enclosing function if it is not OK.
#define SP_OLLAMA_TRY(expr)                                   \
  do {                                                        \
    ::splitpoint::Status sp_ollama_status_ = (expr);          \
    if (!sp_ollama_status_.is_ok()) return sp_ollama_status_; \
  } while (0)

namespace splitpoint::wire::scan {
class Scanner;
}  // namespace splitpoint::wire::scan

namespace splitpoint::wire::ollama::internal {

namespace json = boost::json;

// --- reading ---------------------------------------------------------------------------------
// Parses a complete JSON text. Errors: `code`, "invalid JSON: <reason> at offset <n>".
Result<json::value> parse_json(std::string_view text, StatusCode code, json::storage_ptr sp = {});
// Like parse_json, but the text must be a JSON object ("<what>: expected a JSON object").
Result<json::value> parse_object(std::string_view text, StatusCode code, std::string_view what,
                                 json::storage_ptr sp = {});

// "<path>[<i>]" and "<path>.<key>" ("<key>" when path is empty).
std::string index_path(std::string_view path, std::size_t i);
std::string key_path(std::string_view path, std::string_view key);

// "<path>: <what>" with `code`.
Status field_error(StatusCode code, std::string_view path, std::string_view what);

// Typed reads of one value. JSON null leaves `out` unchanged and is not an error.
Status read_string(const json::value& v, StatusCode code, std::string_view path, std::string& out);
Status read_bool(const json::value& v, StatusCode code, std::string_view path, bool& out);
// Accepts integers and integral doubles within int64 range.
Status read_int(const json::value& v, StatusCode code, std::string_view path,
                std::optional<int64_t>& out);
Status read_int(const json::value& v, StatusCode code, std::string_view path, int64_t& out);
Status read_double(const json::value& v, StatusCode code, std::string_view path,
                   std::optional<double>& out);
// An array of strings, or a single string (one element).
Status read_string_list(const json::value& v, StatusCode code, std::string_view path,
                        std::vector<std::string>& out);

// Ollama tool calls [{"id"?, "function":{"name","arguments":{...}}}] -> ToolCall (arguments as
// compact JSON text; ids as given, else empty).
Status read_tool_calls(const json::value& v, StatusCode code, std::string_view path,
                       std::vector<ToolCall>& out);

// The "error" text of an Ollama error object ({"error":"..."}, or {"error":{"message":...}}).
std::optional<std::string> error_text(const json::object& o);

// Parses an RFC 3339 timestamp to unix seconds; 0 if it is not one.
int64_t parse_rfc3339(std::string_view s);

// --- images ----------------------------------------------------------------------------------
// True if `s` is non-empty standard base64 (A-Z a-z 0-9 + / with trailing '=' padding).
bool is_base64(std::string_view s);
// "image/jpeg" | "image/png" | "image/gif" | "image/webp", sniffed from the base64 text's first
// characters; "image/png" when unknown.
std::string_view sniff_image_mime(std::string_view b64);
// "data:<mime>;base64,<b64>".
std::string to_data_uri(std::string_view b64);

// --- writing ---------------------------------------------------------------------------------
// Appends `s` as a quoted JSON string (s must be UTF-8; control characters are escaped).
void append_string(std::string& out, std::string_view s);
void append_int(std::string& out, int64_t v);
// Shortest round-trip decimal form; non-finite values are written as 0 (JSON has no NaN).
void append_double(std::string& out, double v);
void append_float(std::string& out, float v);
// Appends `text` (JSON) in compact form. False (nothing appended) if it is not valid JSON.
bool append_json_text(std::string& out, std::string_view text);
// Appends tool-call arguments as a JSON object. Ollama requires an object, while OpenAI carries
// arguments as free text: an object is passed on (compacted), empty text becomes {}, and anything
// else becomes {"_raw":"<text>"} so nothing the model produced is lost.
void append_arguments_object(std::string& out, std::string_view text);
// Appends {"function":{"name":<name>,"arguments":{...}}} (see append_arguments_object).
void append_tool_call(std::string& out, std::string_view name, std::string_view arguments);
// Appends the current time, RFC 3339 UTC with microseconds: 2024-07-22T20:33:28.123648Z.
void append_now_rfc3339(std::string& out);

// Ollama's done_reason for a finish reason ("stop" | "length"; kNone -> "stop").
std::string_view done_reason(FinishReason r);

// Appends ,"total_duration":..,"load_duration":..,"prompt_eval_count":..,
// "prompt_eval_duration":..,"eval_count":..,"eval_duration":.. (counts 0 without usage).
void append_stats(std::string& out, const std::optional<Usage>& usage, int64_t total_ns,
                  int64_t load_ns, int64_t prompt_eval_ns, int64_t eval_ns);

// --- stream lines ----------------------------------------------------------------------------
// decode_stream_line in two parts. The full decoder parses a DOM and handles every line. The fast
// one (stream_fast.cc) reads only the common {"model","created_at","message","done":false} line,
// without a DOM: it returns nullopt for anything it does not recognise exactly (the caller then
// uses the full decoder), and otherwise exactly the chunk the full decoder returns (such a line
// has no tool calls, so the full decoder's next_tool_index would not change).
Result<StreamChunk> decode_stream_line_full(std::string_view line, int& next_tool_index);
std::optional<StreamChunk> decode_stream_line_fast(std::string_view line);

// decode_chat_response in two parts, likewise: the full decoder parses a DOM and handles every
// answer; the fast one (chat_response_fast.cc) reads only the common /api/chat answer without a
// DOM and returns nullopt for anything it does not recognise exactly, otherwise exactly the
// response the full decoder returns.
Result<ChatResponse> decode_chat_response_full(std::string_view body);
std::optional<ChatResponse> decode_chat_response_fast(std::string_view body);

// The "message" member both fast decoders read: null, or an object of at most "content", "role"
// and "thinking" (each a string or null, once); false for anything else (stream_fast.cc).
bool scan_message(scan::Scanner& s, std::string& content, std::string& thinking);

}  // namespace splitpoint::wire::ollama::internal
