#include "config/yaml_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>

namespace splitpoint::config {
namespace {

constexpr int64_t kMaxMillis = 24LL * 60 * 60 * 1000;
constexpr std::size_t kMaxEcho = 64;  // values echoed in messages are cut (they may be secrets)

const char* type_name(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Scalar: return "a scalar";
    default: return "nothing";
  }
}

std::string quoted(std::string_view s) {
  if (s.size() > kMaxEcho) return "\"" + std::string(s.substr(0, kMaxEcho)) + "...\"";
  return "\"" + std::string(s) + "\"";
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Value child(const YAML::Node& node, std::string path, const YAML::Mark& fallback) {
  YAML::Mark mark = (node.IsNull() || node.Mark().line < 0) ? fallback : node.Mark();
  return Value{node, std::move(path), mark};
}

// Parses all of `text` as a non-negative decimal integer.
bool parse_uint(std::string_view text, uint64_t& out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

uint64_t unit_multiplier(std::string_view unit) {
  static constexpr std::pair<std::string_view, uint64_t> kUnits[] = {{"", 1},
                                                                     {"b", 1},
                                                                     {"kb", 1000},
                                                                     {"mb", 1000000},
                                                                     {"gb", 1000000000},
                                                                     {"kib", 1ULL << 10},
                                                                     {"mib", 1ULL << 20},
                                                                     {"gib", 1ULL << 30}};
  std::string u = lower(unit);
  for (const auto& [name, mult] : kUnits) {
    if (u == name) return mult;
  }
  return 0;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string_view suggest(std::string_view word, std::span<const std::string_view> candidates) {
  std::string_view best;
  std::size_t best_distance = 3;
  for (std::string_view c : candidates) {
    std::size_t d = edit_distance(lower(word), c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

Status Reader::error(const YAML::Mark& at, std::string_view path, std::string_view what) const {
  std::string line = at.line >= 0 ? std::to_string(at.line + 1) : "1";
  std::string msg = file_ + ":" + line + ": ";
  if (!path.empty()) msg.append(path).append(": ");
  msg.append(what);
  return Status::invalid(std::move(msg));
}

Status Reader::for_each_key(
    const Value& map, std::span<const std::string_view> known,
    const std::function<Status(std::string_view key, const Value&)>& fn) const {
  return iterate_map(map, &known, fn);
}

Status Reader::for_each_entry(
    const Value& map, const std::function<Status(std::string_view key, const Value&)>& fn) const {
  return iterate_map(map, nullptr, fn);
}

Status Reader::iterate_map(
    const Value& map, const std::span<const std::string_view>* known,
    const std::function<Status(std::string_view key, const Value&)>& fn) const {
  if (!map.node.IsMap()) {
    return error(map, std::string("expected a mapping, got ") + type_name(map.node));
  }
  std::set<std::string> seen;
  for (auto it = map.node.begin(); it != map.node.end(); ++it) {
    // Copies: yaml-cpp's iterator yields a temporary pair proxy.
    const YAML::Node key = it->first;
    const YAML::Node value = it->second;
    std::string path = map.path.empty() ? "" : map.path + ".";
    if (!key.IsScalar()) return error(key.Mark(), map.path, "keys must be plain strings");
    const std::string& name = key.Scalar();
    path += name;
    if (known != nullptr && std::find(known->begin(), known->end(), name) == known->end()) {
      std::string what = "unknown key";
      if (std::string_view s = suggest(name, *known); !s.empty()) {
        what += "; did you mean \"" + std::string(s) + "\"?";
      }
      return error(key.Mark(), path, what);
    }
    if (!seen.insert(name).second) return error(key.Mark(), path, "key appears twice");
    if (Status s = fn(name, child(value, path, key.Mark())); !s.is_ok()) return s;
  }
  return Status::OK();
}

Status Reader::for_each_item(const Value& seq,
                             const std::function<Status(const Value&)>& fn) const {
  if (seq.node.IsNull()) return Status::OK();
  if (!seq.node.IsSequence()) {
    return error(seq, std::string("expected a list, got ") + type_name(seq.node));
  }
  std::size_t i = 0;
  for (auto it = seq.node.begin(); it != seq.node.end(); ++it, ++i) {
    Value item = child(*it, seq.path + "[" + std::to_string(i) + "]", seq.mark);
    if (Status s = fn(item); !s.is_ok()) return s;
  }
  return Status::OK();
}

Status Reader::scalar(const Value& v, std::string_view what, std::string& out) const {
  if (!v.node.IsScalar()) {
    return error(v, "expected " + std::string(what) + ", got " + type_name(v.node));
  }
  Result<std::string> expanded = expand_env(v.node.Scalar(), env_);
  if (!expanded.ok()) return error(v, expanded.status().message());
  out = std::move(expanded).value();
  return Status::OK();
}

Status Reader::read_string(const Value& v, std::string& out) const {
  if (v.node.IsNull()) {
    out.clear();
    return Status::OK();
  }
  return scalar(v, "a string", out);
}

Status Reader::read_required_string(const Value& v, std::string& out) const {
  std::string text;
  if (Status s = read_string(v, text); !s.is_ok()) return s;
  if (text.empty()) return error(v, "must not be empty");
  out = std::move(text);
  return Status::OK();
}

Status Reader::read_bool(const Value& v, bool& out) const {
  std::string text;
  if (Status s = scalar(v, "true or false", text); !s.is_ok()) return s;
  std::string t = lower(text);
  if (t == "true" || t == "yes" || t == "on") {
    out = true;
  } else if (t == "false" || t == "no" || t == "off") {
    out = false;
  } else {
    return error(v, "expected true or false, got " + quoted(text));
  }
  return Status::OK();
}

Status Reader::read_int(const Value& v, int64_t min, int64_t max, int64_t& out) const {
  std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  std::string text;
  if (Status s = scalar(v, range, text); !s.is_ok()) return s;
  uint64_t n = 0;
  bool ok = parse_uint(text, n) && n <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (!ok || static_cast<int64_t>(n) < min || static_cast<int64_t>(n) > max) {
    return error(v, "expected " + range + ", got " + quoted(text));
  }
  out = static_cast<int64_t>(n);
  return Status::OK();
}

Status Reader::read_double(const Value& v, double min, double max, double& out) const {
  std::ostringstream range;
  range << "a number from " << min << " to " << max;
  std::string text;
  if (Status s = scalar(v, range.str(), text); !s.is_ok()) return s;
  double d = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;
  auto [end, ec] = std::from_chars(first, last, d);
  if (ec != std::errc() || end != last || first == last || !std::isfinite(d) || d < min ||
      d > max) {
    return error(v, "expected " + range.str() + ", got " + quoted(text));
  }
  out = d;
  return Status::OK();
}

Status Reader::read_size(const Value& v, std::size_t& out) const {
  constexpr std::string_view kExpected =
      "a positive byte count such as 33554432, \"32MiB\", \"512KiB\" or \"1MB\"";
  std::string text;
  if (Status s = scalar(v, kExpected, text); !s.is_ok()) return s;
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  std::string_view unit = std::string_view(text).substr(digits);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  uint64_t n = 0;
  uint64_t mult = unit_multiplier(unit);
  bool ok = parse_uint(std::string_view(text).substr(0, digits), n) && mult != 0 && n > 0 &&
            n <= std::numeric_limits<std::size_t>::max() / mult;
  if (!ok) return error(v, "expected " + std::string(kExpected) + ", got " + quoted(text));
  out = static_cast<std::size_t>(n * mult);
  return Status::OK();
}

Status Reader::read_millis(const Value& v, std::chrono::milliseconds& out) const {
  int64_t n = 0;
  if (Status s = read_int(v, 1, kMaxMillis, n); !s.is_ok()) return s;
  out = std::chrono::milliseconds(n);
  return Status::OK();
}

Status Reader::read_string_list(const Value& v, std::vector<std::string>& out,
                                ItemCheck check) const {
  std::vector<std::string> items;
  Status s = for_each_item(v, [&](const Value& item) {
    std::string text;
    if (Status st = scalar(item, "a string", text); !st.is_ok()) return st;
    if (check != nullptr) {
      if (std::string bad = check(text); !bad.empty()) return error(item, bad);
    }
    items.push_back(std::move(text));
    return Status::OK();
  });
  if (!s.is_ok()) return s;
  out = std::move(items);
  return Status::OK();
}

Status Reader::read_tier(const Value& v, Tier& out) const {
  std::string text;
  if (Status s = scalar(v, "\"local\" or \"cloud\"", text); !s.is_ok()) return s;
  if (text == "local") {
    out = Tier::kLocal;
  } else if (text == "cloud") {
    out = Tier::kCloud;
  } else {
    return error(v, "expected \"local\" or \"cloud\", got " + quoted(text));
  }
  return Status::OK();
}

Status Reader::read_protocol(const Value& v, Protocol& out) const {
  std::string text;
  if (Status s = scalar(v, "\"ollama\" or \"openai\"", text); !s.is_ok()) return s;
  if (text == "ollama") {
    out = Protocol::kOllama;
  } else if (text == "openai") {
    out = Protocol::kOpenAI;
  } else {
    return error(v, "expected \"ollama\" or \"openai\", got " + quoted(text));
  }
  return Status::OK();
}

}  // namespace splitpoint::config
