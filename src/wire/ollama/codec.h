// Ollama native wire format <-> core model. Used by the Ollama front door (decode requests,
// encode answers) and by the Ollama provider (encode requests, decode answers).
// Field names follow ../shared/specs/ollama/api.md (/api/chat, /api/generate, /api/embed,
// /api/embeddings). All functions are pure and thread-safe. Decoders return kInvalidArgument
// (front-door side) or kUpstream (provider side) with a message naming the offending field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "splitpoint/model.h"
#include "splitpoint/status.h"

namespace splitpoint::wire::ollama {

// --- front door side -------------------------------------------------------------------------
// /api/chat. "stream" defaults to true. images (base64) -> image parts as data URIs;
// format "json" -> kJsonObject, format {schema} -> kJsonSchema; options.num_predict -> max_tokens.
// Unknown top-level fields (keep_alive, think, ...) go to extra (origin kOllama).
Result<ChatRequest> decode_chat_request(std::string_view body);
// /api/generate: prompt (+ system, images, suffix) become messages; sets ChatRequest::generate.
Result<ChatRequest> decode_generate_request(std::string_view body);
// The non-streaming answer: {"model","created_at","message"|"response","done":true,
// "done_reason", "prompt_eval_count", "eval_count", durations}. Shape chosen by `generate`.
std::string encode_chat_response(const ChatResponse& response, bool generate);

// Encodes a stream as NDJSON lines. Tool-call fragments (OpenAI upstream) are accumulated and
// emitted whole, as Ollama does, on the chunk that finishes the message.
class ChatStreamEncoder {
 public:
  ChatStreamEncoder(std::string model, bool generate);
  std::string encode(const StreamChunk& chunk);  // may return "" (nothing to send)
  // encode() into `out` (replacing its contents), reusing its capacity across chunks.
  void encode_into(const StreamChunk& chunk, std::string& out);
  std::string finish();                          // the final {"done":true,...} line
  std::string error(const Status& status);       // {"error":"..."}\n

 private:
  struct PendingCall {
    std::string id, name, arguments;
  };
  std::string model_;
  bool generate_;
  std::vector<PendingCall> calls_;
  FinishReason finish_ = FinishReason::kNone;
  std::optional<Usage> usage_;
  int64_t total_ns_ = 0, load_ns_ = 0, prompt_eval_ns_ = 0, eval_ns_ = 0;
  // Appends one {"done":false} line to `out`.
  void line(std::string& out, std::string_view content, std::string_view thinking, bool with_calls);
};

// /api/embed ({"model","input": string|[string]}) and legacy /api/embeddings ({"prompt"}).
Result<EmbedRequest> decode_embed_request(std::string_view body);
Result<EmbedRequest> decode_legacy_embeddings_request(std::string_view body);
std::string encode_embed_response(const EmbedResponse& response);         // {"model","embeddings"}
std::string encode_legacy_embeddings_response(const EmbedResponse& response);  // {"embedding"}

std::string encode_error(const Status& status);  // {"error":"..."}

// --- provider side ---------------------------------------------------------------------------
// Always /api/chat. `model` replaces request.model. Extra fields are passed on only when
// request.origin is kOllama. Image parts: data URIs are stripped to their base64 payload; an
// http(s) URL image is kInvalidArgument (Ollama only takes inline images).
Result<std::string> encode_chat_request(const ChatRequest& request, std::string_view model);
Result<ChatResponse> decode_chat_response(std::string_view body);
// Decodes one NDJSON line of a /api/chat stream. Tool calls get indices from `next_tool_index`,
// which the caller keeps per stream. A line with "error" is a kUpstream Status.
Result<StreamChunk> decode_stream_line(std::string_view line, int& next_tool_index);
std::string encode_embed_request(const EmbedRequest& request, std::string_view model);  // /api/embed
Result<EmbedResponse> decode_embed_response(std::string_view body);
Status decode_error(int http_status, std::string_view body);

}  // namespace splitpoint::wire::ollama
