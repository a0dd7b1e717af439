#include "wire/ollama/internal.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace splitpoint::wire::ollama::internal {
namespace {

TEST(Internal, AppendStringEscapes) {
  std::string out;
  constexpr char kIn[] = "a\"b\\c\n\r\t\b\f\x1f\x7f \u00e9";
  append_string(out, std::string_view(kIn, sizeof kIn - 1));
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u001f\x7f \u00e9\"");
  out.clear();
  append_string(out, std::string_view("\0x", 2));
  EXPECT_EQ(out, "\"\\u0000x\"");
  out.clear();
  append_string(out, "");
  EXPECT_EQ(out, "\"\"");
}

// append_string finds the bytes to escape sixteen at a time: each byte value at each offset of a
// 40-byte text (and two specials in one 16-byte block) against the byte-at-a-time definition.
TEST(Internal, AppendStringEveryByteAtEveryOffset) {
  const auto reference = [](std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    for (unsigned char c : s) {
      if (c == '"')
        out += "\\\"";
      else if (c == '\\')
        out += "\\\\";
      else if (c == '\n')
        out += "\\n";
      else if (c == '\r')
        out += "\\r";
      else if (c == '\t')
        out += "\\t";
      else if (c == '\b')
        out += "\\b";
      else if (c == '\f')
        out += "\\f";
      else if (c < 0x20)
        out += std::string("\\u00") + kHex[c >> 4] + kHex[c & 0xf];
      else
        out += static_cast<char>(c);
    }
    return out + "\"";
  };
  for (int b = 0; b < 256; ++b) {
    for (std::size_t pos = 0; pos < 40; ++pos) {
      std::string s(40, 'x');
      s[pos] = static_cast<char>(b);
      s[(pos + 5) % 40] = '"';
      std::string out = "prefix";
      append_string(out, s);
      ASSERT_EQ(out, "prefix" + reference(s)) << "byte " << b << " at " << pos;
    }
  }
}

TEST(Internal, ParseJsonReportsOffset) {
  auto r = parse_json(R"({"a": tru})", StatusCode::kInvalidArgument);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message().rfind("invalid JSON: ", 0), 0u) << r.status().message();
  EXPECT_NE(r.status().message().find(" at offset 6"), std::string::npos) << r.status().message();
  auto deep = parse_json(std::string(40, '[') + std::string(40, ']'), StatusCode::kUpstream);
  EXPECT_TRUE(deep.ok());  // schemas nest deeper than Boost's default limit of 32
  EXPECT_FALSE(
      parse_json(std::string(100, '[') + std::string(100, ']'), StatusCode::kUpstream).ok());
}

TEST(Internal, Base64AndSniffing) {
  EXPECT_TRUE(is_base64("iVBORw0KGgo="));
  EXPECT_TRUE(is_base64("AAAA"));
  EXPECT_TRUE(is_base64("AA=="));
  EXPECT_TRUE(is_base64("AAA"));  // unpadded
  EXPECT_FALSE(is_base64(""));
  EXPECT_FALSE(is_base64("A"));
  EXPECT_FALSE(is_base64("AA==="));
  EXPECT_FALSE(is_base64("AA=A"));
  EXPECT_FALSE(
      is_base64("AAA="
                "A"));
  EXPECT_FALSE(is_base64("data:image/png;base64,AAAA"));
  EXPECT_EQ(sniff_image_mime("/9j/4AAQ"), "image/jpeg");
  EXPECT_EQ(sniff_image_mime("iVBORw0K"), "image/png");
  EXPECT_EQ(sniff_image_mime("R0lGODlh"), "image/gif");
  EXPECT_EQ(sniff_image_mime("UklGRh"), "image/webp");
  EXPECT_EQ(sniff_image_mime("Qk0"), "image/png");
  EXPECT_EQ(to_data_uri("R0lGODlh"), "data:image/gif;base64,R0lGODlh");
}

TEST(Internal, Rfc3339) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339("2024-07-22T20:33:28.123648Z"), 1721680408);
  EXPECT_EQ(parse_rfc3339("2024-07-22T22:33:28+02:00"), 1721680408);
  EXPECT_EQ(parse_rfc3339("2024-02-29T00:00:00Z"), 1709164800);
  EXPECT_EQ(parse_rfc3339("2024-07-22"), 0);
  EXPECT_EQ(parse_rfc3339("2024-07-22T20:33:28"), 0);  // no zone
  EXPECT_EQ(parse_rfc3339("2024-13-22T20:33:28Z"), 0);
  EXPECT_EQ(parse_rfc3339("2024-07-22T20:33:28Zjunk"), 0);
}

TEST(Internal, NowIsRfc3339WithMicroseconds) {
  std::string a;
  append_now_rfc3339(a);
  ASSERT_EQ(a.size(), 27u) << a;
  EXPECT_EQ(a[19], '.');
  EXPECT_GT(parse_rfc3339(a), 1700000000);
}

TEST(Internal, ArgumentsObject) {
  auto args = [](std::string_view text) {
    std::string out;
    append_arguments_object(out, text);
    return out;
  };
  EXPECT_EQ(args(R"( {"a": [1, 2]} )"), R"({"a":[1,2]})");
  EXPECT_EQ(args(""), "{}");
  EXPECT_EQ(args("  \n"), "{}");
  EXPECT_EQ(args("[1]"), R"({"_raw":"[1]"})");
  EXPECT_EQ(args(R"({"a":)"), R"({"_raw":"{\"a\":"})");
}

TEST(Internal, Numbers) {
  std::string out;
  append_double(out, 0.1);
  out.push_back(' ');
  append_double(out, 1e300 * 1e300);  // inf
  out.push_back(' ');
  append_float(out, 0.1f);
  out.push_back(' ');
  append_int(out, -9223372036854775807 - 1);
  EXPECT_EQ(out, "0.1 0 0.1 -9223372036854775808");
}

TEST(Internal, ReadIntRanges) {
  std::optional<int64_t> v;
  EXPECT_TRUE(
      read_int(boost::json::value(18446744073709551615ull), StatusCode::kUpstream, "x", v).code() ==
      StatusCode::kUpstream);
  EXPECT_FALSE(v.has_value());
  EXPECT_TRUE(read_int(boost::json::value(1e19), StatusCode::kUpstream, "x", v).code() ==
              StatusCode::kUpstream);
  EXPECT_TRUE(read_int(boost::json::value(-3.0), StatusCode::kUpstream, "x", v).is_ok());
  EXPECT_EQ(v, -3);
  EXPECT_TRUE(read_int(boost::json::value(nullptr), StatusCode::kUpstream, "x", v).is_ok());
  EXPECT_EQ(v, -3);  // null leaves the value alone
}

}  // namespace
}  // namespace splitpoint::wire::ollama::internal
