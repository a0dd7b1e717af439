// Error objects (both directions) and the /v1/models list.
#include <string>
#include <string_view>

#include "wire/openai/codec.h"
#include "wire/openai/internal.h"

namespace splitpoint::wire::openai {
namespace {

using namespace detail;  // NOLINT(google-build-using-namespace): internal helpers of this module

constexpr std::size_t kBodyExcerptBytes = 200;

// The first `n` bytes of `s`, not cutting a UTF-8 sequence in half.
std::string_view utf8_prefix(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

// The upstream's own message: error.message, error (a string), or a top-level "message"
// (some OpenAI-compatible servers); "" when the body is not such JSON.
std::string upstream_message(std::string_view body) {
  unsigned char buffer[2048];
  json::monotonic_resource mr(buffer, sizeof buffer);
  Result<json::value> doc = parse(body, &mr);
  if (!doc.ok() || !doc->is_object()) return {};
  const json::object& obj = doc->get_object();
  if (const json::value* err = obj.if_contains("error")) {
    std::string m = error_message(*err);
    if (!m.empty()) return m;
  }
  return std::string(string_member(obj, "message"));
}

StatusCode code_for_http(int http_status) {
  switch (http_status) {
    case 400: return StatusCode::kInvalidArgument;
    case 408:
    case 504: return StatusCode::kDeadlineExceeded;
    case 413: return StatusCode::kPayloadTooLarge;
    case 429: return StatusCode::kResourceExhausted;
    default: return StatusCode::kUpstream;
  }
}

}  // namespace

std::string encode_error(const Status& status) {
  std::string out;
  out.reserve(96 + status.message().size());
  Writer w(out);
  write_error_object(w, status);
  return out;
}

Status decode_error(int http_status, std::string_view body) {
  std::string detail = upstream_message(body);
  if (detail.empty()) {
    std::string_view excerpt = utf8_prefix(body, kBodyExcerptBytes);
    detail = excerpt.empty() ? std::string("(empty body)") : std::string(excerpt);
  }
  std::string message = "upstream " + std::to_string(http_status) + ": " + detail;
  if (http_status == 401 || http_status == 403) {
    message = "upstream rejected the gateway's credentials: " + message;
  }
  return Status(code_for_http(http_status), std::move(message));
}

std::string encode_model_list(const std::vector<ModelEntry>& models) {
  std::string out;
  out.reserve(32 + models.size() * 80);
  Writer w(out);
  w.begin_object();
  w.key<"object">();
  w.string("list");
  w.key<"data">();
  w.begin_array();
  for (const ModelEntry& m : models) {
    w.begin_object();
    w.key<"id">();
    w.string(m.id);
    w.key<"object">();
    w.string("model");
    w.key<"created">();
    w.integer(m.created);
    w.key<"owned_by">();
    w.string(m.owned_by);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return out;
}

}  // namespace splitpoint::wire::openai
