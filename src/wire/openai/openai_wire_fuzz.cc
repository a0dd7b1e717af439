// libFuzzer target: the OpenAI codec's decoders on arbitrary bytes. The first byte picks the
// decoder, the rest is the body. Besides "no crash, no sanitizer report, no exception" it checks:
// - requests: decode -> encode (provider side) -> decode succeeds and encodes to the same text
//   (one normalization pass reaches a fixpoint), for chat and embeddings, and whenever the
//   DOM-free request decoder recognises a chat request, the full decoder decodes it the same;
// - upstream answers: decode -> encode (front door side) -> decode likewise, for chat and
//   embeddings, and whenever the DOM-free answer decoder recognises a chat answer, the full
//   decoder decodes it to the same response;
// - stream events: every SSE event ChatStreamEncoder writes for a decoded chunk decodes again, and
//   whenever the DOM-free decoder recognises an event, the full decoder decodes it to the same
//   chunk;
// - upstream errors: decode_error never returns OK.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "wire/model_text.h"
#include "fuzz_check.h"
#include "json_same.h"
#include "wire/openai/codec.h"
#include "wire/openai/internal.h"

namespace splitpoint::wire::openai {
namespace {

using fuzz::check;
using fuzz::check_equal;
using fuzz::check_same_json;

// The fast request decoder may decline anything, but what it accepts must decode the same in full.
void fast_request_equals_full(std::string_view body) {
  std::optional<ChatRequest> fast = detail::decode_chat_request_fast(body);
  if (!fast) return;
  Result<ChatRequest> full = detail::decode_chat_request_full(body);
  if (!full.ok())
    fuzz::fail("fast decoder accepted what the full one rejects", body, full.status().message());
  check_equal(testing::request_text(*full), testing::request_text(*fast),
              "fast and full request decoders differ");
}

void chat_request(std::string_view body) {
  fast_request_equals_full(body);
  Result<ChatRequest> r = decode_chat_request(body);
  if (!r.ok()) return;
  std::string once = encode_chat_request(*r, r->model);
  Result<ChatRequest> again = decode_chat_request(once);
  if (!again.ok()) fuzz::fail("encoded chat request does not decode", once, again.status().message());
  check_same_json(once, encode_chat_request(*again, again->model), "chat request round trip");
}

void embed_request(std::string_view body) {
  Result<EmbedRequest> r = decode_embed_request(body);
  if (!r.ok()) return;
  std::string once = encode_embed_request(*r, r->model);
  Result<EmbedRequest> again = decode_embed_request(once);
  if (!again.ok()) fuzz::fail("encoded embed request does not decode", once, again.status().message());
  check_same_json(once, encode_embed_request(*again, again->model), "embed request round trip");
}

// The fast answer decoder may decline anything, but what it accepts must decode the same in full.
void fast_response_equals_full(std::string_view body) {
  std::optional<ChatResponse> fast = detail::decode_chat_response_fast(body);
  if (!fast) return;
  Result<ChatResponse> full = detail::decode_chat_response_full(body);
  if (!full.ok())
    fuzz::fail("fast decoder accepted what the full one rejects", body, full.status().message());
  check_equal(testing::response_text(*full), testing::response_text(*fast),
              "fast and full answer decoders differ");
}

void chat_response(std::string_view body) {
  fast_response_equals_full(body);
  Result<ChatResponse> r = decode_chat_response(body);
  if (!r.ok()) return;
  std::string once = encode_chat_response(*r);
  Result<ChatResponse> again = decode_chat_response(once);
  if (!again.ok()) fuzz::fail("encoded chat response does not decode", once, again.status().message());
  check_same_json(once, encode_chat_response(*again), "chat response round trip");
}

void embed_response(std::string_view body) {
  Result<EmbedResponse> r = decode_embed_response(body);
  if (!r.ok()) return;
  std::string once = encode_embed_response(*r);
  Result<EmbedResponse> again = decode_embed_response(once);
  if (!again.ok()) fuzz::fail("encoded embed response does not decode", once, again.status().message());
  check_same_json(once, encode_embed_response(*again), "embed response round trip");
}

// Each "data: X\n\n" event the encoder wrote must decode (X is one line: JSON has no raw '\n').
void check_events(std::string_view sse) {
  constexpr std::string_view kData = "data: ";
  while (!sse.empty()) {
    std::size_t end = sse.find("\n\n");
    check(sse.substr(0, kData.size()) == kData && end != std::string_view::npos, "SSE framing");
    std::string_view data = sse.substr(kData.size(), end - kData.size());
    Result<std::optional<StreamChunk>> c = decode_stream_event(data);
    if (!c.ok()) fuzz::fail("encoded stream event does not decode", data, c.status().message());
    sse.remove_prefix(end + 2);
  }
}

// The fast decoder may decline anything, but what it accepts must decode the same in full.
void fast_equals_full(std::string_view data) {
  std::optional<StreamChunk> fast = detail::decode_stream_event_fast(data);
  if (!fast) return;
  Result<std::optional<StreamChunk>> full = detail::decode_stream_event_full(data);
  if (!full.ok()) fuzz::fail("fast decoder accepted what the full one rejects", data, full.status().message());
  if (!full->has_value()) fuzz::fail("fast decoder accepted [DONE]", data);
  check_equal(testing::chunk_text(**full), testing::chunk_text(*fast), "fast and full decoders differ");
}

void stream_event(std::string_view data) {
  fast_equals_full(data);
  Result<std::optional<StreamChunk>> r = decode_stream_event(data);
  if (!r.ok() || !r->has_value()) return;
  ChatStreamEncoder encoder("chatcmpl-fuzz", "m", 1700000000, true);
  check_events(encoder.encode(**r));
  check_events(encoder.finish());
}

void upstream_error(uint8_t selector, std::string_view body) {
  const int status = 400 + selector % 200;
  check(!decode_error(status, body).is_ok(), "decode_error returned OK");
}

}  // namespace
}  // namespace splitpoint::wire::openai

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace splitpoint::wire::openai;  // NOLINT(google-build-using-namespace)
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (selector % 6) {
    case 0: chat_request(body); break;
    case 1: embed_request(body); break;
    case 2: chat_response(body); break;
    case 3: embed_response(body); break;
    case 4: stream_event(body); break;
    default: upstream_error(selector, body); break;
  }
  return 0;
}
