// JSON text as the redactor sees it (internal): string contents decoded (so a value split by an
// escape such as "\n" is still found), everything else kept byte for byte, with a map back to
// the raw offsets. No full JSON validation: only strings and escapes are parsed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace splitpoint::privacy::detail {

struct DecodedJson {
  // The raw text with each string's content unescaped (quotes kept).
  std::string text;
  // raw[i]: raw offset of decoded byte i (bytes of one escape share it); raw[text.size()] is
  // the raw length. Empty when the raw text has no escapes (then offsets are identical).
  std::vector<std::uint32_t> raw;
  // Decoded [begin, end) of each string's content, in order.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> strings;

  std::size_t raw_offset(std::size_t i) const { return raw.empty() ? i : raw[i]; }
  // Index into strings of the string whose content contains [b, e); -1 if none.
  int string_of(std::size_t b, std::size_t e) const;
};

// False if raw is not JSON-like (an unterminated string or a bad escape).
bool decode_json(std::string_view raw, DecodedJson& out);

// Appends s as the content of a JSON string (without quotes): escapes '"', '\\' and controls.
void append_json_escaped(std::string& out, std::string_view s);

}  // namespace splitpoint::privacy::detail
