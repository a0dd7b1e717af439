// Ollama API: embeddings and model listing/metadata.
#include <boost/json.hpp>

#include "answer.h"
#include "handlers.h"
#include "json_read.h"
#include "json_text.h"
#include "ollama_internal.h"

namespace splitpoint::emulator::ollama {
namespace {

namespace json = boost::json;
constexpr int kMaxDimensions = 1 << 16;
constexpr std::string_view kModifiedAt = "2025-01-01T00:00:00Z";

const json::object* parse_object(const Exchange& ex, json::value& doc, json::error_code& ec) {
  doc = json::parse(ex.request().body(), ec);
  return ec ? nullptr : doc.if_object();
}

std::string digest(std::string_view model) {
  char buf[65];
  uint64_t h = fnv1a(model);
  for (int i = 0; i < 64; i += 16) {
    std::snprintf(buf + i, 17, "%016llx", static_cast<unsigned long long>(h));
    h = fnv1a(std::string_view(buf, i + 16));
  }
  return std::string(buf, 64);
}

json::object details(std::string_view model) {
  const bool embedding = is_embedding_model(model);
  return {{"parent_model", ""},
          {"format", "gguf"},
          {"family", embedding ? "bert" : "llama"},
          {"families", json::array{embedding ? "bert" : "llama"}},
          {"parameter_size", embedding ? "23M" : "8.0B"},
          {"quantization_level", "Q4_K_M"}};
}

json::object listing(std::string_view model) {
  const std::string name = tagged(model);
  return {{"name", name},
          {"model", name},
          {"modified_at", kModifiedAt},
          {"size", is_embedding_model(model) ? 45960996 : 4920753328},
          {"digest", digest(name)},
          {"details", details(model)}};
}

// GET /api/tags (running = false) and GET /api/ps (running = true) bodies.
std::string models_body(const std::vector<std::string>& names, bool running) {
  json::array models;
  for (const std::string& m : names) {
    json::object entry = listing(m);
    if (running) {
      entry.erase("modified_at");
      entry["expires_at"] = "2099-01-01T00:00:00Z";
      entry["size_vram"] = entry["size"];
    }
    models.push_back(std::move(entry));
  }
  return json::serialize(json::object{{"models", std::move(models)}});
}

std::string show_body(const std::string& model, int embedding_dim) {
  const bool embedding = is_embedding_model(model);
  json::array capabilities;
  if (embedding) {
    capabilities.push_back("embedding");
  } else {
    capabilities = {"completion", "tools", "vision"};
  }
  const json::object info{
      {"general.architecture", embedding ? "bert" : "llama"},
      {"general.parameter_count", embedding ? 22565376 : 8030261248},
      {embedding ? "bert.context_length" : "llama.context_length", embedding ? 512 : 131072},
      {embedding ? "bert.embedding_length" : "llama.embedding_length", embedding_dim}};
  const json::object body{{"modelfile", "# emulated\nFROM " + tagged(model) + "\n"},
                          {"parameters", ""},
                          {"template", "{{ .Prompt }}"},
                          {"details", details(model)},
                          {"model_info", info},
                          {"capabilities", std::move(capabilities)},
                          {"modified_at", kModifiedAt}};
  return json::serialize(body);
}

int dimensions(const Exchange& ex, const json::object& o) {
  const auto d = int_field(o, "dimensions");
  if (d && *d > 0) return static_cast<int>(std::min<int64_t>(*d, kMaxDimensions));
  return ex.emulator().options().embedding_dim;
}

// Validates the body and the model of an embedding request; nullptr after answering an error.
Task<const json::object*> embedding_request(Exchange& ex, json::value& doc) {
  json::error_code ec;
  const json::object* o = parse_object(ex, doc, ec);
  if (o == nullptr) {
    co_await fail(ex, 400, "invalid JSON body: " + ec.message());
    co_return nullptr;
  }
  const std::string_view model = str_field(*o, "model");
  if (model.empty()) {
    co_await fail(ex, 400, "model is required");
    co_return nullptr;
  }
  if (resolve_model(ex.emulator(), model).empty()) {
    co_await fail_unknown_model(ex, model);
    co_return nullptr;
  }
  co_return o;
}

}  // namespace

std::string resolve_model(const Emulator& emu, std::string_view requested) {
  if (emu.has_model(requested)) return std::string(requested);
  constexpr std::string_view kLatest = ":latest";
  if (requested.find(':') == std::string_view::npos) {
    std::string with_tag = std::string(requested) + std::string(kLatest);
    if (emu.has_model(with_tag)) return with_tag;
  } else if (requested.ends_with(kLatest)) {
    std::string_view bare = requested.substr(0, requested.size() - kLatest.size());
    if (emu.has_model(bare)) return std::string(bare);
  }
  return {};
}

std::string tagged(std::string_view model) {
  std::string name(model);
  if (name.find(':') == std::string::npos) name.append(":latest");
  return name;
}

bool is_embedding_model(std::string_view model) {
  for (std::string_view hint : {"embed", "minilm", "bge", "e5-"}) {
    if (model.find(hint) != std::string_view::npos) return true;
  }
  return false;
}

Task<> fail(Exchange& ex, unsigned status, std::string_view message) {
  co_await ex.reply(status, kJson, ollama_error_body(message));
}

Task<> fail_unknown_model(Exchange& ex, std::string_view model) {
  co_await fail(ex, 404, "model \"" + std::string(model) + "\" not found, try pulling it first");
}

Task<> embed(Exchange& ex) {
  json::value doc;
  const json::object* o = co_await embedding_request(ex, doc);
  if (o == nullptr) co_return;
  std::vector<std::string_view> inputs;
  if (const json::value* in = o->if_contains("input")) {
    if (const json::string* s = in->if_string()) inputs.emplace_back(*s);
    if (const json::array* arr = in->if_array()) {
      for (const json::value& v : *arr) {
        if (!v.is_string()) co_return co_await fail(ex, 400, "invalid input type");
        inputs.emplace_back(v.get_string());
      }
    }
  }
  const int dim = dimensions(ex, *o);
  uint64_t words = 0;
  co_await ex.wait_token(0);
  std::string out = "{\"model\":";
  append_json_string(out, str_field(*o, "model"));
  out.append(",\"embeddings\":[");
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_embedding_json(out, inputs[i], dim);
    words += count_words(inputs[i]);
  }
  out.append("],\"total_duration\":");
  append_int(out, std::max<int64_t>(ex.elapsed_ns(), 1));
  out.append(",\"load_duration\":1,\"prompt_eval_count\":");
  append_int(out, static_cast<int64_t>(words));
  out.push_back('}');
  co_await ex.reply(200, kJson, out);
}

Task<> embeddings(Exchange& ex) {
  json::value doc;
  const json::object* o = co_await embedding_request(ex, doc);
  if (o == nullptr) co_return;
  const std::string_view prompt = str_field(*o, "prompt");
  co_await ex.wait_token(0);
  std::string out = "{\"embedding\":";
  if (prompt.empty()) {
    out.append("[]");
  } else {
    append_embedding_json(out, prompt, dimensions(ex, *o));
  }
  out.push_back('}');
  co_await ex.reply(200, kJson, out);
}

Task<> tags(Exchange& ex) {
  co_await ex.reply(200, kJson, models_body(ex.emulator().options().models, false));
}

Task<> ps(Exchange& ex) {
  co_await ex.reply(200, kJson, models_body(ex.emulator().options().models, true));
}

Task<> show(Exchange& ex) {
  json::value doc;
  json::error_code ec;
  const json::object* o = parse_object(ex, doc, ec);
  if (o == nullptr) co_return co_await fail(ex, 400, "invalid JSON body: " + ec.message());
  std::string_view requested = str_field(*o, "model");
  if (requested.empty()) requested = str_field(*o, "name");
  const std::string model = resolve_model(ex.emulator(), requested);
  if (model.empty()) {
    co_return co_await fail(ex, 404, "model '" + std::string(requested) + "' not found");
  }
  co_await ex.reply(200, kJson, show_body(model, ex.emulator().options().embedding_dim));
}

}  // namespace splitpoint::emulator::ollama
