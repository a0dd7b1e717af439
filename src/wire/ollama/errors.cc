// Error bodies: {"error":"..."} in both directions.
#include "wire/ollama/codec.h"
#include "wire/ollama/internal.h"

namespace splitpoint::wire::ollama {

using namespace internal;  // NOLINT(google-build-using-namespace): this module's own helpers

namespace {

constexpr std::size_t kMaxQuotedBody = 200;

StatusCode code_for(int http_status) {
  switch (http_status) {
    case 400: return StatusCode::kInvalidArgument;
    case 408:
    case 504: return StatusCode::kDeadlineExceeded;
    case 413: return StatusCode::kPayloadTooLarge;
    case 429: return StatusCode::kResourceExhausted;
    default:
      return StatusCode::kUpstream;  // 404 (model not found) included: the upstream's
                                     // model list is not the gateway's
  }
}

// At most kMaxQuotedBody bytes of `body`, cut on a UTF-8 character boundary, trimmed.
std::string_view body_excerpt(std::string_view body) {
  if (body.size() > kMaxQuotedBody) {
    std::size_t n = kMaxQuotedBody;
    while (n > 0 && (static_cast<unsigned char>(body[n]) & 0xC0) == 0x80) --n;
    body = body.substr(0, n);
  }
  const auto first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = body.find_last_not_of(" \t\r\n");
  return body.substr(first, last - first + 1);
}

}  // namespace

std::string encode_error(const Status& status) {
  std::string out = R"({"error":)";
  append_string(out, status.message());
  out.push_back('}');
  return out;
}

Status decode_error(int http_status, std::string_view body) {
  std::string message = "upstream " + std::to_string(http_status) + ": ";
  std::optional<std::string> text;
  if (auto v = parse_json(body, StatusCode::kUpstream); v.ok() && v->is_object()) {
    text = error_text(v->get_object());
  }
  if (text) {
    message.append(*text);
  } else if (std::string_view excerpt = body_excerpt(body); !excerpt.empty()) {
    message.append(excerpt);
  } else {
    message.append("(empty body)");
  }
  return Status(code_for(http_status), std::move(message));
}

}  // namespace splitpoint::wire::ollama
