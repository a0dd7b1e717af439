#include "wire/openai/json_util.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

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

// Writer::key and Writer::string write short plain texts in one append and everything else through
// append_escaped: each byte at each offset of texts around the short limit, as keys and as values
// of an object and an array, must give the reference text.
TEST(WriterTest, KeysAndStringsOfEveryLengthAndByte) {
  for (std::size_t len : std::initializer_list<std::size_t>{1, 7, 59, 60, 61, 64, 100}) {
    for (int b :
         std::initializer_list<int>{'a', '"', '\\', '\n', 0x01, 0x1f, 0x20, 0x7f, 0x80, 0xff}) {
      for (std::size_t pos = 0; pos < len; pos += (len > 8 ? 7 : 1)) {
        std::string s(len, 'k');
        s[pos] = static_cast<char>(b);
        const std::string q = "\"" + reference_escape(s) + "\"";
        std::string out;
        Writer w(out);
        w.begin_object();
        w.key(s);
        w.string(s);
        w.key("second");
        w.begin_array();
        w.string(s);
        w.string(s);
        w.end_array();
        w.end_object();
        ASSERT_EQ(out, "{" + q + ":" + q + ",\"second\":[" + q + "," + q + "]}")
            << "byte " << b << " at " << pos << " of " << len;
      }
    }
  }
}

// key<"...">() writes what key("...") writes, with and without a comma, at every depth.
TEST(WriterTest, LiteralKeysMatchRuntimeKeys) {
  std::string fast, slow;
  Writer f(fast), s(slow);
  f.begin_object();
  s.begin_object();
  f.key<"id">();
  s.key("id");
  f.begin_object();
  s.begin_object();
  f.key<"">();
  s.key("");
  f.null();
  s.null();
  f.key<"prompt_tokens_details">();
  s.key("prompt_tokens_details");
  f.integer(1);
  s.integer(1);
  f.end_object();
  s.end_object();
  f.key<"a/b c'd">();
  s.key("a/b c'd");
  f.begin_array();
  s.begin_array();
  f.end_array();
  s.end_array();
  f.end_object();
  s.end_object();
  EXPECT_EQ(fast, slow);
  EXPECT_EQ(fast, R"({"id":{"":null,"prompt_tokens_details":1},"a/b c'd":[]})");
}

}  // namespace
}  // namespace splitpoint::wire::openai::detail
