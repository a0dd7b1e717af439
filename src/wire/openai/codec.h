// OpenAI wire format <-> core model. Used by the OpenAI front door (decode requests, encode
// answers) and by the OpenAI-compatible provider (encode requests, decode answers).
// Field names and shapes follow ../shared/specs/openai/openapi.yaml (CreateChatCompletionRequest,
// CreateChatCompletionResponse, CreateChatCompletionStreamResponse, CreateEmbedding*).
// All functions are pure and thread-safe. Decoders return kInvalidArgument (front-door side) or
// kUpstream (provider side) with a message naming the offending field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "splitpoint/model.h"
#include "splitpoint/status.h"

namespace splitpoint::wire::openai {

// --- front door side -------------------------------------------------------------------------
// Decodes a /v1/chat/completions body. Unknown top-level fields go to ChatRequest::extra
// (origin kOpenAI). "developer" role -> "system"; max_completion_tokens -> max_tokens.
Result<ChatRequest> decode_chat_request(std::string_view body);
// `id` and `created` come from the response; `model` is what the answer reports.
std::string encode_chat_response(const ChatResponse& response);

// Encodes a stream as "chat.completion.chunk" SSE events, one call per core chunk.
// Emits the role on the first chunk, a finish_reason chunk, then (if include_usage) a final chunk
// with empty choices and usage, and "data: [DONE]". Output is SSE bytes ready to write.
class ChatStreamEncoder {
 public:
  ChatStreamEncoder(std::string id, std::string model, int64_t created, bool include_usage);
  std::string encode(const StreamChunk& chunk);  // may return "" (nothing to send)
  // encode() into `out` (replacing its contents), reusing its capacity across chunks.
  void encode_into(const StreamChunk& chunk, std::string& out);
  std::string finish();                          // usage chunk (if asked) + [DONE]
  // An error after the stream started: an SSE event carrying an OpenAI error object.
  std::string error(const Status& status);

 private:
  std::string head_;  // data: {"id":..,"object":..,"created":..,"model":.. (object left open)
  bool include_usage_;
  bool sent_role_ = false;
  std::optional<Usage> usage_;
};

Result<EmbedRequest> decode_embed_request(std::string_view body);
// `base64`: vectors as base64 strings of little-endian float32 (encoding_format "base64").
std::string encode_embed_response(const EmbedResponse& response, bool base64 = false);

struct ModelEntry {
  std::string id;
  std::string owned_by;
  int64_t created = 0;
};
std::string encode_model_list(const std::vector<ModelEntry>& models);

// {"error":{"message","type","param":null,"code"}}
std::string encode_error(const Status& status);

// --- provider side ---------------------------------------------------------------------------
// `model` replaces request.model. Stream requests add stream_options.include_usage=true so usage
// is always known. Extra fields are passed on only when request.origin is kOpenAI.
std::string encode_chat_request(const ChatRequest& request, std::string_view model);
Result<ChatResponse> decode_chat_response(std::string_view body);
// Decodes one SSE data payload. Returns nullopt for "[DONE]".
Result<std::optional<StreamChunk>> decode_stream_event(std::string_view data);
std::string encode_embed_request(const EmbedRequest& request, std::string_view model);
Result<EmbedResponse> decode_embed_response(std::string_view body);
// Maps an upstream non-2xx answer to a Status carrying the upstream's message.
Status decode_error(int http_status, std::string_view body);

}  // namespace splitpoint::wire::openai
