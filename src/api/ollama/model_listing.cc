#include "api/ollama/model_listing.h"

#include <boost/json.hpp>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <unordered_set>

namespace splitpoint::api::ollama {
namespace {

namespace json = boost::json;

json::object details() {
  return json::object{{"parent_model", ""},   {"format", "gguf"},
                      {"family", ""},         {"families", json::array{}},
                      {"parameter_size", ""}, {"quantization_level", ""}};
}

// Calls `fn` for each model whose name was not seen before, in order.
template <typename Fn>
void for_each_unique(const std::vector<ModelInfo>& models, Fn&& fn) {
  std::unordered_set<std::string_view> seen;
  for (const ModelInfo& model : models) {
    if (seen.insert(model.name).second) fn(model);
  }
}

}  // namespace

std::string format_time(std::chrono::system_clock::time_point time) {
  const auto since_epoch = time.time_since_epoch();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds);
  const std::time_t t = static_cast<std::time_t>(seconds.count());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[48];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%09lldZ", static_cast<long long>(nanos.count()));
  return buf;
}

std::string synthetic_digest(std::string_view name) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (uint64_t seed = 0; seed < 4; ++seed) {
    uint64_t hash = 0xcbf29ce484222325ULL ^ (seed * 0x9e3779b97f4a7c15ULL);  // FNV-1a, seeded
    for (char c : name) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 0x100000001b3ULL;
    }
    for (int i = 0; i < 16; ++i, hash >>= 4) out.push_back(kHex[hash & 0xf]);
  }
  return out;
}

const ModelInfo* find_model(const std::vector<ModelInfo>& models, std::string_view name) {
  constexpr std::string_view kLatest = ":latest";
  for (const ModelInfo& model : models) {
    if (model.name == name) return &model;
  }
  for (const ModelInfo& model : models) {
    const std::string_view have = model.name;
    if (name.ends_with(kLatest) && have == name.substr(0, name.size() - kLatest.size())) {
      return &model;
    }
    if (have.ends_with(kLatest) && have.substr(0, have.size() - kLatest.size()) == name) {
      return &model;
    }
  }
  return nullptr;
}

std::string encode_tags(const std::vector<ModelInfo>& models, std::string_view modified_at) {
  json::array list;
  for_each_unique(models, [&](const ModelInfo& model) {
    list.push_back(json::object{{"name", model.name},
                                {"model", model.name},
                                {"modified_at", modified_at},
                                {"size", 0},
                                {"digest", synthetic_digest(model.name)},
                                {"details", details()}});
  });
  return json::serialize(json::object{{"models", std::move(list)}});
}

std::string encode_ps(const std::vector<ModelInfo>& models, std::string_view expires_at) {
  json::array list;
  for_each_unique(models, [&](const ModelInfo& model) {
    list.push_back(json::object{{"name", model.name},
                                {"model", model.name},
                                {"size", 0},
                                {"digest", synthetic_digest(model.name)},
                                {"details", details()},
                                {"expires_at", expires_at},
                                {"size_vram", 0}});
  });
  return json::serialize(json::object{{"models", std::move(list)}});
}

std::string encode_show(const ModelInfo& model) {
  json::array capabilities{"completion"};
  if (model.embedding) {
    capabilities.push_back("embedding");
  } else {
    capabilities.push_back("tools");
    capabilities.push_back("vision");
  }
  return json::serialize(json::object{{"modelfile", ""},
                                      {"parameters", ""},
                                      {"template", ""},
                                      {"details", details()},
                                      {"model_info", json::object{}},
                                      {"capabilities", std::move(capabilities)}});
}

std::string encode_load(std::string_view model, std::string_view created_at,
                        std::string_view done_reason, bool generate) {
  json::object out{{"model", model}, {"created_at", created_at}};
  if (generate) {
    out["response"] = "";
  } else {
    out["message"] = json::object{{"role", "assistant"}, {"content", ""}};
  }
  out["done"] = true;
  out["done_reason"] = done_reason;
  return json::serialize(out);
}

}  // namespace splitpoint::api::ollama
