#include "privacy/json_text.h"

#include <algorithm>
#include <cstring>

namespace splitpoint::privacy::detail {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool read_hex4(std::string_view s, std::size_t i, unsigned& v) {
  if (i + 4 > s.size()) return false;
  v = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    const int h = hex_value(s[k]);
    if (h < 0) return false;
    v = v * 16 + static_cast<unsigned>(h);
  }
  return true;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the escape at raw[i] ('\\') into out; returns the raw length consumed, 0 if bad.
std::size_t decode_escape(std::string_view raw, std::size_t i, std::string& out) {
  if (i + 1 >= raw.size()) return 0;
  switch (raw[i + 1]) {
    case '"': out += '"'; return 2;
    case '\\': out += '\\'; return 2;
    case '/': out += '/'; return 2;
    case 'b': out += '\b'; return 2;
    case 'f': out += '\f'; return 2;
    case 'n': out += '\n'; return 2;
    case 'r': out += '\r'; return 2;
    case 't': out += '\t'; return 2;
    case 'u': break;
    default: return 0;
  }
  unsigned cp = 0;
  if (!read_hex4(raw, i + 2, cp)) return 0;
  std::size_t used = 6;
  unsigned low = 0;
  if (cp >= 0xD800 && cp <= 0xDBFF && raw.substr(i + 6, 2) == "\\u" && read_hex4(raw, i + 8, low) &&
      low >= 0xDC00 && low <= 0xDFFF) {
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    used = 12;
  } else if (cp >= 0xD800 && cp <= 0xDFFF) {
    cp = 0xFFFD;  // a lone surrogate
  }
  append_utf8(out, cp);
  return used;
}

// String ranges of a raw text without escapes.
bool index_strings(std::string_view raw, DecodedJson& out) {
  std::size_t i = 0;
  while (true) {
    const std::size_t open = raw.find('"', i);
    if (open == std::string_view::npos) return true;
    const std::size_t close = raw.find('"', open + 1);
    if (close == std::string_view::npos) return false;
    out.strings.emplace_back(static_cast<std::uint32_t>(open + 1),
                             static_cast<std::uint32_t>(close));
    i = close + 1;
  }
}

}  // namespace

int DecodedJson::string_of(std::size_t b, std::size_t e) const {
  auto it = std::upper_bound(strings.begin(), strings.end(), b,
                             [](std::size_t v, const auto& s) { return v < s.first; });
  if (it == strings.begin()) return -1;
  --it;
  if (b >= it->first && e <= it->second) return static_cast<int>(it - strings.begin());
  return -1;
}

bool decode_json(std::string_view raw, DecodedJson& out) {
  out.text.clear();
  out.raw.clear();
  out.strings.clear();
  if (raw.size() >= UINT32_MAX) return false;
  if (raw.find('\\') == std::string_view::npos) {
    out.text.assign(raw);
    return index_strings(raw, out);
  }
  out.text.reserve(raw.size());
  out.raw.reserve(raw.size() + 1);
  bool in_string = false;
  std::size_t i = 0;
  while (i < raw.size()) {
    const char c = raw[i];
    if (in_string && c == '\\') {
      const std::size_t before = out.text.size();
      const std::size_t used = decode_escape(raw, i, out.text);
      if (used == 0) return false;
      out.raw.insert(out.raw.end(), out.text.size() - before, static_cast<std::uint32_t>(i));
      i += used;
      continue;
    }
    if (c == '"') {
      if (in_string) out.strings.back().second = static_cast<std::uint32_t>(out.text.size());
      in_string = !in_string;
    }
    out.text += c;
    out.raw.push_back(static_cast<std::uint32_t>(i));
    if (c == '"' && in_string) {
      out.strings.emplace_back(static_cast<std::uint32_t>(out.text.size()), 0);
    }
    ++i;
  }
  out.raw.push_back(static_cast<std::uint32_t>(raw.size()));
  return !in_string;
}

void append_json_escaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += kHex[(c >> 4) & 0xF];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
}

}  // namespace splitpoint::privacy::detail
