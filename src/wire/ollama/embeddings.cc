// /api/embed and legacy /api/embeddings, both directions.
#include <cmath>

#include "wire/ollama/codec.h"
#include "wire/ollama/internal.h"

namespace splitpoint::wire::ollama {

using namespace internal;  // NOLINT(google-build-using-namespace): this module's own helpers

namespace {

constexpr StatusCode kBad = StatusCode::kInvalidArgument;

Status decode_input(const json::value& v, EmbedRequest& r) {
  if (v.is_null()) return Status::OK();
  if (const json::string* s = v.if_string()) {
    r.inputs.emplace_back(s->data(), s->size());
    return Status::OK();
  }
  const json::array* a = v.if_array();
  if (a == nullptr) return field_error(kBad, "input", "expected a string or an array of strings");
  r.input_was_array = true;
  r.inputs.reserve(a->size());
  for (std::size_t i = 0; i < a->size(); ++i) {
    const json::string* s = (*a)[i].if_string();
    if (s == nullptr) return field_error(kBad, index_path("input", i), "expected a string");
    r.inputs.emplace_back(s->data(), s->size());
  }
  return Status::OK();
}

void append_vector(std::string& out, const std::vector<float>& v) {
  out.push_back('[');
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_float(out, v[i]);
  }
  out.push_back(']');
}

Status decode_vector(const json::value& v, std::string_view path, std::vector<float>& out) {
  const json::array* a = v.if_array();
  if (a == nullptr) return field_error(StatusCode::kUpstream, path, "expected an array of numbers");
  out.reserve(a->size());
  for (std::size_t i = 0; i < a->size(); ++i) {
    if (!(*a)[i].is_number()) {
      return field_error(StatusCode::kUpstream, index_path(path, i), "expected a number");
    }
    // Beyond float's range: refused, not sent on as 0 (nor converted: that is undefined).
    const double d = (*a)[i].to_number<double>();
    if (!(std::fabs(d) < 0x1.ffffffp127)) {
      return field_error(StatusCode::kUpstream, index_path(path, i),
                         "expected a number within float range");
    }
    out.push_back(static_cast<float>(d));
  }
  return Status::OK();
}

}  // namespace

Result<EmbedRequest> decode_embed_request(std::string_view body) {
  auto parsed = parse_object(body, kBad, "request body");
  if (!parsed.ok()) return parsed.status();
  EmbedRequest r;
  for (const auto& [key, val] : parsed->get_object()) {
    Status s;
    if (key == "model") {
      s = read_string(val, kBad, "model", r.model);
    } else if (key == "input") {
      s = decode_input(val, r);
    } else if (key == "truncate") {
      s = read_bool(val, kBad, "truncate", r.truncate);
    } else if (key == "dimensions") {
      s = read_int(val, kBad, "dimensions", r.dimensions);
      if (s.is_ok() && r.dimensions && *r.dimensions <= 0) {
        s = field_error(kBad, "dimensions", "expected a positive integer");
      }
    } else if (key == "options" && !val.is_null() && !val.is_object()) {
      s = field_error(kBad, "options", "expected an object");
    }
    // options and keep_alive are accepted and not modelled.
    if (!s.is_ok()) return s;
  }
  if (r.model.empty()) return field_error(kBad, "model", "required");
  return r;
}

Result<EmbedRequest> decode_legacy_embeddings_request(std::string_view body) {
  auto parsed = parse_object(body, kBad, "request body");
  if (!parsed.ok()) return parsed.status();
  const json::object& o = parsed->get_object();
  EmbedRequest r;
  std::string prompt;
  if (const json::value* m = o.if_contains("model")) {
    SP_OLLAMA_TRY(read_string(*m, kBad, "model", r.model));
  }
  if (r.model.empty()) return field_error(kBad, "model", "required");
  if (const json::value* p = o.if_contains("prompt")) {
    SP_OLLAMA_TRY(read_string(*p, kBad, "prompt", prompt));
  }
  // An empty prompt asks Ollama to load the model; it answers {"embedding":[]}.
  if (!prompt.empty()) r.inputs.push_back(std::move(prompt));
  return r;
}

std::string encode_embed_response(const EmbedResponse& response) {
  std::string out;
  std::size_t dims = response.embeddings.empty() ? 0 : response.embeddings.front().size();
  out.reserve(128 + response.embeddings.size() * (dims * 14 + 2));
  out.append(R"({"model":)");
  append_string(out, response.model);
  out.append(R"(,"embeddings":[)");
  for (std::size_t i = 0; i < response.embeddings.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_vector(out, response.embeddings[i]);
  }
  out.append(R"(],"total_duration":)");
  append_int(out, response.total_duration_ns);
  out.append(R"(,"load_duration":0,"prompt_eval_count":)");
  append_int(out, response.usage.prompt_tokens);
  out.push_back('}');
  return out;
}

std::string encode_legacy_embeddings_response(const EmbedResponse& response) {
  static const std::vector<float> kEmpty;
  const auto& v = response.embeddings.empty() ? kEmpty : response.embeddings.front();
  std::string out;
  out.reserve(16 + v.size() * 14);
  out.append(R"({"embedding":)");
  append_vector(out, v);
  out.push_back('}');
  return out;
}

std::string encode_embed_request(const EmbedRequest& request, std::string_view model) {
  std::string out;
  out.append(R"({"model":)");
  append_string(out, model);
  out.append(R"(,"input":)");
  if (request.inputs.size() == 1 && !request.input_was_array) {
    append_string(out, request.inputs.front());
  } else {
    out.push_back('[');
    for (std::size_t i = 0; i < request.inputs.size(); ++i) {
      if (i > 0) out.push_back(',');
      append_string(out, request.inputs[i]);
    }
    out.push_back(']');
  }
  if (!request.truncate) out.append(R"(,"truncate":false)");
  if (request.dimensions) {
    out.append(R"(,"dimensions":)");
    append_int(out, *request.dimensions);
  }
  out.push_back('}');
  return out;
}

Result<EmbedResponse> decode_embed_response(std::string_view body) {
  constexpr StatusCode kUp = StatusCode::kUpstream;
  auto parsed = parse_object(body, kUp, "embed response");
  if (!parsed.ok()) return parsed.status();
  const json::object& o = parsed->get_object();
  if (auto err = error_text(o)) return Status::upstream(*err);
  EmbedResponse r;
  if (const json::value* m = o.if_contains("model"))
    SP_OLLAMA_TRY(read_string(*m, kUp, "model", r.model));
  const json::value* e = o.if_contains("embeddings");
  if (e == nullptr || !e->is_array()) return field_error(kUp, "embeddings", "expected an array");
  const json::array& a = e->get_array();
  r.embeddings.resize(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    SP_OLLAMA_TRY(decode_vector(a[i], index_path("embeddings", i), r.embeddings[i]));
  }
  if (const json::value* c = o.if_contains("prompt_eval_count")) {
    SP_OLLAMA_TRY(read_int(*c, kUp, "prompt_eval_count", r.usage.prompt_tokens));
  }
  if (const json::value* t = o.if_contains("total_duration")) {
    SP_OLLAMA_TRY(read_int(*t, kUp, "total_duration", r.total_duration_ns));
  }
  return r;
}

}  // namespace splitpoint::wire::ollama
