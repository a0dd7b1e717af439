#include "complexity/model.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <sstream>

namespace splitpoint::complexity {
namespace {

namespace json = boost::json;

std::string fmt_number(double v) {
  if (!std::isfinite(v)) v = 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

bool get_number(const json::object& o, std::string_view key, double& out) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_number()) return false;
  out = v->to_number<double>();
  return std::isfinite(out);
}

Status parse_feature(const json::value& v, std::size_t pos, Model& m, std::vector<bool>& seen) {
  const std::string where = "features[" + std::to_string(pos) + "]";
  if (!v.is_object()) return Status::invalid(where + ": not an object");
  const auto& o = v.get_object();
  const json::value* name = o.if_contains("name");
  if (name == nullptr || !name->is_string()) return Status::invalid(where + ": no name");
  const auto& names = feature_names();
  const auto it = std::find(names.begin(), names.end(), std::string_view(name->get_string()));
  if (it == names.end()) {
    return Status::invalid(where + ": unknown feature \"" + std::string(name->get_string()) + "\"");
  }
  const auto i = static_cast<std::size_t>(it - names.begin());
  if (seen[i]) return Status::invalid(where + ": duplicate feature " + *it);
  seen[i] = true;
  if (!get_number(o, "weight", m.weights[i]) || !get_number(o, "mean", m.mean[i]) ||
      !get_number(o, "scale", m.scale[i])) {
    return Status::invalid(where + " (" + *it + "): weight, mean and scale must be numbers");
  }
  if (m.scale[i] <= 0) return Status::invalid(where + " (" + *it + "): scale must be > 0");
  return Status::OK();
}

}  // namespace

Result<std::shared_ptr<const Model>> Model::parse(std::string_view json_text) {
  boost::system::error_code ec;
  json::value root = json::parse(json_text, ec);
  if (ec) return Status::invalid("complexity model: " + ec.message());
  if (!root.is_object()) return Status::invalid("complexity model: not a JSON object");
  const auto& o = root.get_object();
  const json::value* format = o.if_contains("format");
  if (format == nullptr || !format->is_string() || format->get_string() != kModelFormat) {
    return Status::invalid("complexity model: format must be \"" + std::string(kModelFormat) +
                           "\"");
  }
  auto m = std::make_shared<Model>();
  m->weights.assign(kFeatureCount, 0);
  m->mean.assign(kFeatureCount, 0);
  m->scale.assign(kFeatureCount, 1);
  if (!get_number(o, "bias", m->bias)) return Status::invalid("complexity model: no bias");
  const json::value* features = o.if_contains("features");
  if (features == nullptr || !features->is_array()) {
    return Status::invalid("complexity model: no features array");
  }
  std::vector<bool> seen(kFeatureCount, false);
  std::size_t pos = 0;
  for (const auto& v : features->get_array()) {
    Status s = parse_feature(v, pos++, *m, seen);
    if (!s) return Status::invalid("complexity model: " + s.message());
  }
  for (std::size_t i = 0; i < kFeatureCount; ++i) {
    if (!seen[i]) {
      return Status::invalid("complexity model: missing feature " + feature_names()[i]);
    }
  }
  if (const json::value* t = o.if_contains("training")) {
    if (!t->is_object()) return Status::invalid("complexity model: training must be an object");
    m->training = json::serialize(*t);
  }
  return std::shared_ptr<const Model>(std::move(m));
}

Result<std::shared_ptr<const Model>> Model::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::not_found("complexity model: cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  auto m = parse(text.str());
  if (!m.ok()) return Status::invalid(path + ": " + m.status().message());
  return m;
}

std::shared_ptr<const Model> Model::builtin() {
  static const std::shared_ptr<const Model> kBuiltin = [] {
    auto m = parse(builtin_model_json());
    if (m.ok()) return m.value();
    // Unreachable while the builtin test passes: a neutral model (score 0.5 everywhere).
    auto neutral = std::make_shared<Model>();
    neutral->weights.assign(kFeatureCount, 0);
    neutral->mean.assign(kFeatureCount, 0);
    neutral->scale.assign(kFeatureCount, 1);
    return std::shared_ptr<const Model>(std::move(neutral));
  }();
  return kBuiltin;
}

std::vector<double> Model::contributions(const Features& f) const {
  std::vector<double> c(kFeatureCount);
  for (std::size_t i = 0; i < kFeatureCount; ++i) {
    c[i] = weights[i] * (static_cast<double>(f[i]) - mean[i]) / scale[i];
  }
  return c;
}

double Model::logit(const Features& f) const {
  double z = bias;
  for (std::size_t i = 0; i < kFeatureCount; ++i) {
    z += weights[i] * (static_cast<double>(f[i]) - mean[i]) / scale[i];
  }
  return z;
}

double Model::score(const Features& f) const {
  return 1.0 / (1.0 + std::exp(-logit(f)));
}

Explanation Model::explain(const Features& f, std::size_t top) const {
  Explanation e;
  e.score = score(f);
  const std::vector<double> c = contributions(f);
  // The `top` largest |c| in stable order (ties: lower index first), by selection: the same
  // result as a stable sort, without sorting all features for every routed request.
  std::array<bool, kFeatureCount> taken{};
  for (std::size_t k = 0; k < std::min(top, kFeatureCount); ++k) {
    std::size_t i = kFeatureCount;
    for (std::size_t j = 0; j < kFeatureCount; ++j) {
      if (!taken[j] && (i == kFeatureCount || std::abs(c[j]) > std::abs(c[i]))) i = j;
    }
    taken[i] = true;
    if (std::abs(c[i]) < 0.005) break;
    char buf[48] = " (";
    buf[2] = c[i] < 0 ? '-' : '+';  // printf's "%+.2f"
    auto r = std::to_chars(buf + 3, buf + sizeof buf - 1, std::abs(c[i]),
                           std::chars_format::fixed, 2);
    *r.ptr++ = ')';
    e.top_factors.push_back(std::string(feature_names()[i]).append(buf, r.ptr));
  }
  return e;
}

std::string Model::to_json() const {
  std::string out = "{\n  \"format\": \"" + std::string(kModelFormat) + "\",\n";
  out += "  \"bias\": " + fmt_number(bias) + ",\n  \"features\": [\n";
  for (std::size_t i = 0; i < kFeatureCount; ++i) {
    out += "    {\"name\": \"" + feature_names()[i] + "\", \"mean\": " + fmt_number(mean[i]) +
           ", \"scale\": " + fmt_number(scale[i]) + ", \"weight\": " + fmt_number(weights[i]) +
           "}" + (i + 1 < kFeatureCount ? ",\n" : "\n");
  }
  out += "  ]";
  if (!training.empty()) out += ",\n  \"training\": " + training;
  out += "\n}\n";
  return out;
}

}  // namespace splitpoint::complexity
