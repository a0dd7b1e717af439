#include "wire/openai/json_util.h"

#include <string>

#include <gtest/gtest.h>

namespace splitpoint::wire::openai::detail {
namespace {

// The byte-at-a-time definition the vectorised append_escaped must match.
std::string reference_escape(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

TEST(AppendEscapedTest, EveryByteAtEveryOffsetOfA40ByteText) {
  for (int b = 0; b < 256; ++b) {
    for (std::size_t pos = 0; pos < 40; ++pos) {
      std::string s(40, 'x');
      s[pos] = static_cast<char>(b);
      std::string out = "prefix";
      append_escaped(out, s);
      ASSERT_EQ(out, "prefix" + reference_escape(s)) << "byte " << b << " at " << pos;
    }
  }
}

TEST(AppendEscapedTest, NonAsciiPassesThroughAndRunsOfSpecialsEscape) {
  const std::string s = "Grüße \"quoted\"\\\n\t\x01\x1f\x7f\xff end, and 16 more bytes....";
  std::string out;
  append_escaped(out, s);
  EXPECT_EQ(out, reference_escape(s));
  out.clear();
  append_escaped(out, "");
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace splitpoint::wire::openai::detail
