// /v1/embeddings: request and response in both directions.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <string_view>

#include "wire/openai/codec.h"
#include "wire/openai/internal.h"

namespace splitpoint::wire::openai {
namespace {

using namespace detail;  // NOLINT(google-build-using-namespace): internal helpers of this module

constexpr std::string_view kWhat = "invalid upstream embeddings response";

Status decode_input(const json::value& v, const Path& path, EmbedRequest& out) {
  if (v.is_string()) {
    out.inputs.emplace_back(v.get_string().data(), v.get_string().size());
    out.input_was_array = false;
    return Status::OK();
  }
  if (!v.is_array()) return expected(path, "a string or an array of strings");
  const json::array& arr = v.get_array();
  if (arr.empty()) return path_error(path, "must not be empty");
  out.input_was_array = true;
  out.inputs.resize(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const json::value& e = arr[i];
    if (e.is_number() || e.is_array())
      return path_error(path, "token-array input is not supported");
    Path item = path.at(i);
    if (Status s = read_string(e, item, out.inputs[i]); !s) return s;
  }
  return Status::OK();
}

Status decode_embed_member(std::string_view key, const json::value& v, EmbedRequest& out) {
  Path path = root_path(key);
  if (key == "model") return read_string(v, path, out.model);
  if (key == "input") return decode_input(v, path, out);
  if (key == "dimensions") return read_opt_int(v, path, out.dimensions);
  if (key == "encoding_format" && !v.is_null()) {
    if (!v.is_string()) return expected(path, "a string");
    const std::string_view format = v.get_string();
    if (format != "float" && format != "base64") {
      return path_error(path, "expected \"float\" or \"base64\"");
    }
    out.base64 = format == "base64";
  }
  return Status::OK();  // "user" and unknown members are ignored
}

// Values at or beyond float's range would become infinities, which encode as null (and the
// double -> float conversion of such a value is undefined): they are refused.
Status decode_embedding(const json::value& v, const Path& path, std::vector<float>& out) {
  if (!v.is_array()) return expected(path, "an array of numbers");
  const json::array& arr = v.get_array();
  out.resize(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const json::value& e = arr[i];
    std::optional<double> d;
    if (e.is_double()) {
      d = e.get_double();
    } else if (e.is_int64()) {
      d = static_cast<double>(e.get_int64());
    } else {
      d = as_double(e);
    }
    if (!d) return expected(path.at(i), "a number");
    if (!(std::fabs(*d) < 0x1.ffffffp127)) return expected(path.at(i), "a number within float range");
    out[i] = static_cast<float>(*d);
  }
  return Status::OK();
}

Status decode_data(const json::value& v, const Path& path, EmbedResponse& out) {
  if (!v.is_array()) return expected(path, "an array");
  const json::array& arr = v.get_array();
  out.embeddings.resize(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    Path item = path.at(i);
    if (!arr[i].is_object()) return expected(item, "an object");
    const json::object& obj = arr[i].get_object();
    std::size_t slot = i;
    if (const json::value* idx = obj.if_contains("index")) {
      std::optional<int64_t> index = as_int(*idx);
      if (!index || *index < 0 || static_cast<std::size_t>(*index) >= arr.size()) {
        return path_error(item.field("index"), "out of range");
      }
      slot = static_cast<std::size_t>(*index);
    }
    const json::value* emb = obj.if_contains("embedding");
    Path emb_path = item.field("embedding");
    if (emb == nullptr) return path_error(emb_path, "is required");
    if (Status s = decode_embedding(*emb, emb_path, out.embeddings[slot]); !s) return s;
  }
  return Status::OK();
}

Status decode_embed_object(const json::object& obj, EmbedResponse& out) {
  bool has_data = false;
  for (const auto& kv : obj) {
    std::string_view key = kv.key();
    Path path = root_path(key);
    Status s;
    if (key == "model") {
      s = read_opt_string(kv.value(), path, out.model);
    } else if (key == "data") {
      has_data = true;
      s = decode_data(kv.value(), path, out);
    } else if (key == "usage" && !kv.value().is_null()) {
      std::optional<Usage> usage;
      s = read_usage(kv.value(), path, usage);
      if (usage) out.usage = *usage;
    }
    if (!s) return s;
  }
  if (!has_data) return path_error(root_path("data"), "is required");
  return Status::OK();
}

}  // namespace

Result<EmbedRequest> decode_embed_request(std::string_view body) {
  unsigned char buffer[kParseBufferBytes];
  json::monotonic_resource mr(buffer, sizeof buffer);
  Result<json::value> doc = parse(body, &mr);
  if (!doc.ok()) return doc.status();
  if (!doc->is_object()) return Status::invalid("request body: expected a JSON object");
  EmbedRequest req;
  bool has_model = false, has_input = false;
  for (const auto& kv : doc->get_object()) {
    has_model |= kv.key() == "model";
    has_input |= kv.key() == "input";
    if (Status s = decode_embed_member(kv.key(), kv.value(), req); !s) return s;
  }
  if (!has_model) return Status::invalid("model: is required");
  if (req.model.empty()) return Status::invalid("model: must not be empty");
  if (!has_input) return Status::invalid("input: is required");
  return req;
}

namespace {

// Little-endian float32 bytes, base64 encoded: what OpenAI answers for encoding_format "base64".
std::string base64_floats(const std::vector<float>& v) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes(v.size() * 4, '\0');
  for (std::size_t i = 0; i < v.size(); ++i) {
    uint32_t u;
    std::memcpy(&u, &v[i], 4);
    for (int b = 0; b < 4; ++b) bytes[i * 4 + b] = static_cast<char>((u >> (8 * b)) & 0xff);
  }
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    uint32_t chunk = 0;
    for (std::size_t k = 0; k < n; ++k) chunk |= uint32_t(uint8_t(bytes[i + k])) << (16 - 8 * k);
    for (std::size_t k = 0; k < 4; ++k) {
      out += k <= n ? kAlphabet[(chunk >> (18 - 6 * k)) & 0x3f] : '=';
    }
  }
  return out;
}

}  // namespace

std::string encode_embed_response(const EmbedResponse& response, bool base64) {
  std::string out;
  std::size_t floats = 0;
  for (const auto& e : response.embeddings) floats += e.size();
  out.reserve(128 + response.embeddings.size() * 64 + floats * 14);
  Writer w(out);
  w.begin_object();
  w.key<"object">();
  w.string("list");
  w.key<"data">();
  w.begin_array();
  for (std::size_t i = 0; i < response.embeddings.size(); ++i) {
    w.begin_object();
    w.key<"object">();
    w.string("embedding");
    w.key<"index">();
    w.integer(static_cast<int64_t>(i));
    w.key<"embedding">();
    if (base64) {
      w.string(base64_floats(response.embeddings[i]));
    } else {
      w.begin_array();
      for (float f : response.embeddings[i]) w.real(f);
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
  w.key<"model">();
  w.string(response.model);
  w.key<"usage">();
  w.begin_object();
  w.key<"prompt_tokens">();
  w.integer(response.usage.prompt_tokens);
  w.key<"total_tokens">();
  w.integer(response.usage.prompt_tokens);
  w.end_object();
  w.end_object();
  return out;
}

std::string encode_embed_request(const EmbedRequest& request, std::string_view model) {
  std::string out;
  Writer w(out);
  w.begin_object();
  w.key<"model">();
  w.string(model);
  w.key<"input">();
  if (!request.input_was_array && request.inputs.size() == 1) {
    w.string(request.inputs[0]);
  } else {
    w.begin_array();
    for (const std::string& s : request.inputs) w.string(s);
    w.end_array();
  }
  w.key<"encoding_format">();
  w.string("float");
  if (request.dimensions) {
    w.key<"dimensions">();
    w.integer(*request.dimensions);
  }
  w.end_object();
  return out;
}

Result<EmbedResponse> decode_embed_response(std::string_view body) {
  // Embedding answers are large: give the DOM a bigger first block than the default.
  json::monotonic_resource mr(body.size() * 2 + 1024);
  Result<json::value> doc = parse(body, &mr);
  Result<const json::object*> top = upstream_object(doc, kWhat);
  if (!top.ok()) return top.status();
  const json::object& obj = **top;
  EmbedResponse out;
  if (Status s = decode_embed_object(obj, out); !s) return to_upstream(s, kWhat);
  return out;
}

}  // namespace splitpoint::wire::openai
