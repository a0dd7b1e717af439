// libFuzzer target: the Ollama codec's decoders on arbitrary bytes. The first byte picks the
// decoder, the rest is the body. Besides "no crash, no sanitizer report, no exception" it checks:
// - requests (/api/chat, /api/generate, /api/embed, /api/embeddings): decode -> encode (provider
//   side) -> decode succeeds and encodes to the same text (one normalization pass is a fixpoint);
// - upstream answers (chat, embed): decode -> encode (front door side) -> decode likewise, and
//   whenever the DOM-free answer decoder recognises a chat answer, the full decoder decodes it to
//   the same response;
// - stream lines: every NDJSON line ChatStreamEncoder writes for a decoded line decodes again, and
//   whenever the DOM-free decoder recognises a line, the full decoder decodes it to the same chunk;
// - upstream errors: decode_error never returns OK.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "wire/model_text.h"
#include "fuzz_check.h"
#include "json_same.h"
#include "wire/ollama/codec.h"
#include "wire/ollama/internal.h"

namespace splitpoint::wire::ollama {
namespace {

using fuzz::check;
using fuzz::check_same_json;

void chat_round_trip(const Result<ChatRequest>& r) {
  if (!r.ok()) return;
  Result<std::string> once = encode_chat_request(*r, r->model);
  if (!once.ok()) return;  // e.g. an http(s) image URL, which Ollama cannot take
  Result<ChatRequest> again = decode_chat_request(*once);
  if (!again.ok()) fuzz::fail("encoded chat request does not decode", *once, again.status().message());
  Result<std::string> twice = encode_chat_request(*again, again->model);
  if (!twice.ok()) fuzz::fail("decoded chat request does not encode", *once, twice.status().message());
  check_same_json(*once, *twice, "chat request round trip");
}

void embed_round_trip(const Result<EmbedRequest>& r) {
  if (!r.ok()) return;
  std::string once = encode_embed_request(*r, r->model);
  Result<EmbedRequest> again = decode_embed_request(once);
  if (!again.ok()) fuzz::fail("encoded embed request does not decode", once, again.status().message());
  check_same_json(once, encode_embed_request(*again, again->model), "embed request round trip");
}

// created_at is the time of encoding (as Ollama writes it), so it is left out of comparisons.
std::string without_time(std::string text) {
  constexpr std::string_view kKey = R"("created_at":")";
  std::size_t at = text.find(kKey);
  if (at == std::string::npos) return text;
  at += kKey.size();
  return text.erase(at, text.find('"', at) - at);
}

// The fast answer decoder may decline anything, but what it accepts must decode the same in full.
void fast_response_equals_full(std::string_view body) {
  std::optional<ChatResponse> fast = internal::decode_chat_response_fast(body);
  if (!fast) return;
  Result<ChatResponse> full = internal::decode_chat_response_full(body);
  if (!full.ok())
    fuzz::fail("fast decoder accepted what the full one rejects", body, full.status().message());
  fuzz::check_equal(testing::response_text(*full), testing::response_text(*fast),
                    "fast and full answer decoders differ");
}

void chat_response(std::string_view body, bool generate) {
  fast_response_equals_full(body);
  Result<ChatResponse> r = decode_chat_response(body);
  if (!r.ok()) return;
  std::string once = encode_chat_response(*r, generate);
  if (generate) return;  // the /api/generate shape is for clients; the provider reads /api/chat
  Result<ChatResponse> again = decode_chat_response(once);
  if (!again.ok()) fuzz::fail("encoded chat response does not decode", once, again.status().message());
  check_same_json(without_time(once), without_time(encode_chat_response(*again, false)),
              "chat response round trip");
}

void embed_response(std::string_view body) {
  Result<EmbedResponse> r = decode_embed_response(body);
  if (!r.ok()) return;
  encode_legacy_embeddings_response(*r);
  std::string once = encode_embed_response(*r);
  Result<EmbedResponse> again = decode_embed_response(once);
  if (!again.ok()) fuzz::fail("encoded embed response does not decode", once, again.status().message());
  check_same_json(once, encode_embed_response(*again), "embed response round trip");
}

// Each line the encoder wrote must decode as a stream line.
void check_lines(std::string_view ndjson) {
  int index = 0;
  while (!ndjson.empty()) {
    std::size_t end = ndjson.find('\n');
    check(end != std::string_view::npos, "NDJSON line without its newline");
    std::string_view line = ndjson.substr(0, end);
    Result<StreamChunk> c = decode_stream_line(line, index);
    if (!c.ok()) fuzz::fail("encoded stream line does not decode", line, c.status().message());
    ndjson.remove_prefix(end + 1);
  }
}

// The fast decoder may decline anything, but what it accepts must decode the same in full (and
// leave the tool-call index alone).
void fast_equals_full(std::string_view line) {
  std::optional<StreamChunk> fast = internal::decode_stream_line_fast(line);
  if (!fast) return;
  int index = 0;
  Result<StreamChunk> full = internal::decode_stream_line_full(line, index);
  if (!full.ok()) fuzz::fail("fast decoder accepted what the full one rejects", line, full.status().message());
  check(index == 0, "fast decoder accepted a line with tool calls");
  fuzz::check_equal(testing::chunk_text(*full), testing::chunk_text(*fast), "fast and full decoders differ");
}

void stream_line(std::string_view line) {
  fast_equals_full(line);
  int index = 0;
  Result<StreamChunk> r = decode_stream_line(line, index);
  if (!r.ok()) return;
  ChatStreamEncoder encoder("m", false);
  check_lines(encoder.encode(*r));
  check_lines(encoder.finish());
}

void upstream_error(uint8_t selector, std::string_view body) {
  const int status = 400 + selector % 200;
  check(!decode_error(status, body).is_ok(), "decode_error returned OK");
}

}  // namespace
}  // namespace splitpoint::wire::ollama

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace splitpoint::wire::ollama;  // NOLINT(google-build-using-namespace)
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (selector % 9) {
    case 0: chat_round_trip(decode_chat_request(body)); break;
    case 1: chat_round_trip(decode_generate_request(body)); break;
    case 2: embed_round_trip(decode_embed_request(body)); break;
    case 3: embed_round_trip(decode_legacy_embeddings_request(body)); break;
    case 4: chat_response(body, false); break;
    case 5: chat_response(body, true); break;
    case 6: embed_response(body); break;
    case 7: stream_line(body); break;
    default: upstream_error(selector, body); break;
  }
  return 0;
}
