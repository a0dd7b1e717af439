#include "config/env.h"

#include <cstdlib>

namespace splitpoint::config {
namespace {

bool is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

bool is_valid_name(std::string_view name) {
  if (name.empty() || !is_name_start(name[0])) return false;
  for (char c : name) {
    if (!is_name_char(c)) return false;
  }
  return true;
}

// Expands the body of one "${...}" (without the braces) onto `out`.
Status expand_reference(std::string_view body, const EnvLookup& lookup, std::string& out) {
  std::string_view name = body;
  std::optional<std::string_view> fallback;
  if (auto sep = body.find(":-"); sep != std::string_view::npos) {
    name = body.substr(0, sep);
    fallback = body.substr(sep + 2);
  }
  if (!is_valid_name(name)) {
    return Status::invalid("invalid environment variable name \"" + std::string(name) +
                           "\" in \"${" + std::string(body) +
                           "}\" (expected letters, digits and _; write $$ for a literal $)");
  }
  std::optional<std::string> value = lookup ? lookup(name) : std::nullopt;
  if (fallback && (!value || value->empty())) {
    out.append(*fallback);
  } else if (value) {
    out.append(*value);
  }
  return Status::OK();
}

}  // namespace

std::optional<std::string> process_env(std::string_view name) {
  const char* v = std::getenv(std::string(name).c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

Result<std::string> expand_env(std::string_view text, const EnvLookup& lookup) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t dollar = text.find('$', i);
    if (dollar == std::string_view::npos || dollar + 1 >= text.size()) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, dollar - i));
    char next = text[dollar + 1];
    if (next == '$') {
      out.push_back('$');
      i = dollar + 2;
    } else if (next == '{') {
      std::size_t close = text.find('}', dollar + 2);
      if (close == std::string_view::npos) {
        return Status::invalid("unterminated \"${\" (missing \"}\"; write $$ for a literal $)");
      }
      Status s = expand_reference(text.substr(dollar + 2, close - dollar - 2), lookup, out);
      if (!s.is_ok()) return s;
      i = close + 1;
    } else {
      out.push_back('$');
      i = dollar + 1;
    }
  }
  return out;
}

}  // namespace splitpoint::config
