// Differential test: the DOM-free chat request decoder against the full (DOM) decoder. Whenever
// the fast decoder recognises a request, it must equal the full decoder's (doubles bit for bit);
// the cases also pin which shapes take the fast path, so the comparison is not vacuous.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "wire/fast_decoder_testing.h"
#include "wire/openai/codec.h"
#include "wire/openai/internal.h"

namespace splitpoint::wire::openai {
namespace {

// "" if the fast decoder agrees with the full one on `body` (or declines it); else the difference.
std::string difference(const std::string& body, const std::optional<ChatRequest>& fast) {
  return testing::difference(fast, detail::decode_chat_request_full(body));
}

void check(const std::string& body, bool fast_expected) {
  testing::check_fast_decoder(body, fast_expected, detail::decode_chat_request_fast,
                              detail::decode_chat_request_full, decode_chat_request);
}

// bench/request.json's shape.
const std::string kBenchRequest =
    R"({"model":"auto","messages":[{"role":"system","content":"You are a senior backend engineer."},)"
    R"({"role":"user","content":"Explain briefly why upstream connection pooling matters."}],)"
    R"("temperature":0.7,"top_p":1,"max_tokens":256,"stream":false,"user":"bench-client-0001"})";

// A request whose member `name` has the JSON value `value`.
std::string with(const std::string& name, const std::string& value) {
  return R"({"model":"m","messages":[{"role":"user","content":"hi"}],")" + name + "\":" + value +
         "}";
}

TEST(ChatRequestFastTest, CommonShapesTakeTheFastPath) {
  check(kBenchRequest, true);
  check(R"({"model":"gpt-4o","messages":[{"role":"user","content":""}]})", true);
  check(
      R"({"messages":[{"role":"developer","content":"be brief"},{"role":"assistant","content":null},)"
      R"({"role":"assistant"},{"role":"tool","content":"42","tool_call_id":"call_1","name":"f"},)"
      R"({"role":"user","content":"x","name":null,"tool_call_id":null,"tool_calls":null}],"model":"m"})",
      true);
  check(R"({"model":"m","messages":[{"content":"hi","role":"user"}],"stream":true,)"
        R"("stream_options":{"include_usage":true},"max_completion_tokens":9,"max_tokens":5,)"
        R"("seed":-3,"stop":["a","\n"],"presence_penalty":-0.5,"frequency_penalty":2,)"
        R"("tools":null,"tool_choice":null,"response_format":null})",
        true);
  for (const char* v : {"null", "true", "false", R"("s")", R"("\u00e9\"\n")", "1", "-0", "1.5",
                        "1e3", "-2.5E-3", "12345678901234567890", "0.1"}) {
    check(with("user", v), true);
    check(with("n", v), true);
  }
  for (const char* v : {"null", R"("one")", "[]", R"(["a","b"])"}) check(with("stop", v), true);
  // Integers in other spellings go through Boost.JSON and as_int, as in the full decoder.
  for (const char* v :
       {"256.0", "2.56e2", "-0", "123456789012345678901e-3", "-9223372036854775808"}) {
    check(with("max_tokens", v), true);
  }
  for (const char* v : {"null", "{}", R"({"include_usage":false})", R"({"include_usage":null})"}) {
    check(with("stream_options", v), true);
  }
}

// temperature and the other doubles go through Boost.JSON's own number parsing: random numbers
// in many forms must come out bit-identical, as the last member and in the middle.
TEST(ChatRequestFastTest, DoublesAreBitIdentical) {
  std::mt19937_64 rng(12345);
  std::vector<std::string> numbers = {"0",
                                      "-0",
                                      "0.0",
                                      "-0.0",
                                      "1",
                                      "0.7",
                                      "0.1",
                                      "0.30000000000000004",
                                      "1e-7",
                                      "1E+2",
                                      "2.5e-324",
                                      "1.7976931348623157e308",
                                      "4.9e-324",
                                      "123456789012345678",
                                      "1234567890123456789",
                                      "18446744073709551615",
                                      "18446744073709551616",
                                      "9007199254740993",
                                      "0.000000000000000000000000000001"};
  for (int i = 0; i < 3000; ++i) {
    std::string n = (rng() % 4 == 0) ? "-" : "";
    n += std::to_string(rng() % 1000);
    if (rng() % 2) n += "." + std::to_string(rng() >> (rng() % 64));
    if (rng() % 3 == 0) n += "e" + std::to_string(static_cast<int>(rng() % 40) - 20);
    numbers.push_back(n);
  }
  for (const std::string& n : numbers) {
    SCOPED_TRACE(n);
    check(with("temperature", n), true);
    check(R"({"top_p":)" + n + R"(,"model":"m","messages":[{"role":"user","content":"hi"}]})",
          true);
    check(with("x_number", n), true);
  }
  for (const char* n : {"1e400", "-1e400"}) check(with("temperature", n), false);
}

TEST(ChatRequestFastTest, StringEscapesAndUnicode) {
  const std::vector<std::string> valid = {
      R"("a\"b\\c\/d")",   R"("\b\f\n\r\t")", R"("\u0041\u00e9\u20AC")",
      R"("\ud83d\ude00")", R"("\u0000")",     "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"",
      "\"\x7f\"",
  };
  for (const std::string& s : valid) {
    check(R"({"model":"m","messages":[{"role":"user","content":)" + s + "}]}", true);
    check(R"({"model":)" + s + R"(,"messages":[{"role":"user","content":"x"}]})", true);
  }
  check(R"({"model":"m","messages":[{"role":"us\u0065r","content":"x"}]})", true);
  const std::vector<std::string> declined = {
      R"("\ud83d")",  R"("\ude00")",      R"("\x41")", R"("\u12G4")",      "\"tab\there\"",
      "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\x80\"",  R"("unterminated)",
  };
  for (const std::string& s : declined) {
    check(R"({"model":"m","messages":[{"role":"user","content":)" + s + "}]}", false);
    check(with("user", s), false);
  }
  check(with("user", R"("\u12G4}")"), false);  // a bad string is never read on as a number
}

TEST(ChatRequestFastTest, WhitespaceAndKeyOrder) {
  check(
      " \t\r\n{ \"model\" : \"m\" ,\n\"messages\" :\t[ { \"role\" : \"user\" , \"content\" : \"x\" "
      "} ] "
      ", \"temperature\" : 0.25 } \r\n",
      true);
  std::vector<std::string> members = {
      R"("model":"gpt-4o-mini")", R"("messages":[{"content":"\u00e9t\u00e9","role":"user"}])",
      R"("temperature":0.7)",     R"("max_tokens":256)",
      R"("user":"u1")",           R"("metadata_x":null)"};
  EXPECT_EQ(testing::for_each_member_order(members,
                                           [](const std::string& object) { check(object, true); }),
            720);
}

TEST(ChatRequestFastTest, OtherShapesAreLeftToTheFullDecoder) {
  const std::vector<std::string> declined = {
      R"({"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]})",
      R"({"model":"m","messages":[{"role":"assistant","content":null,"tool_calls":[]}]})",
      R"({"model":"m","messages":[{"role":"user","content":"x","refusal":null}]})",
      R"({"model":"m","messages":[{"role":"user","content":null}]})",
      R"({"model":"m","messages":[{"role":"user"}]})",
      R"({"model":"m","messages":[{"content":"x"}]})",
      R"({"model":"m","messages":[{"role":"robot","content":"x"}]})",
      R"({"model":"m","messages":[{"role":1,"content":"x"}]})",
      R"({"model":"m","messages":[{"role":"user","role":"user","content":"x"}]})",
      R"({"model":"m","messages":[]})",
      R"({"model":"m","messages":{}})",
      R"({"model":"m"})",
      R"({"messages":[{"role":"user","content":"x"}]})",
      R"({"model":"","messages":[{"role":"user","content":"x"}]})",
      R"({"model":null,"messages":[{"role":"user","content":"x"}]})",
      R"({"model":"a","model":"b","messages":[{"role":"user","content":"x"}]})",
      R"({"m\u006fdel":"a","messages":[{"role":"user","content":"x"}]})",
      with("tools", R"([{"type":"function","function":{"name":"f"}}])"),
      with("tool_choice", R"("auto")"),
      with("response_format", R"({"type":"json_object"})"),
      with("x", R"({"a":1})"),
      with("x", "[1]"),
      with("x\\u0041", "1"),
      with("caf\xC3\xA9", "1"),
      R"({"model":"m","messages":[{"role":"user","content":"x"}],"x":1,"x":2})",
      with("temperature", R"("0.5")"),
      with("temperature", "true"),
      with("max_tokens", "1.5"),
      with("max_tokens", "1e30"),
      with("max_tokens", "99999999999999999999"),
      with("stream", "1"),
      with("stream_options", R"({"include_usage":true,"x":1})"),
      with("stop", "[null]"),
      with("stop", "[1]"),
      with("temperature", "01"),
      with("temperature", "1."),
      with("temperature", ".5"),
      with("temperature", "+1"),
      with("temperature", "1e"),
      with("temperature", "NaN"),
      R"({"model":"m","messages":[{"role":"user","content":"x"}],})",
      R"({"model":"m","messages":[{"role":"user","content":"x"}]} x)",
      R"({"model":"m","messages":[{"role":"user","content":"x"}])",
      "",
      "[]",
      "null",
  };
  for (const std::string& b : declined) check(b, false);
}

// Every prefix of a good request, and every request with one byte replaced or removed.
TEST(ChatRequestFastTest, MutationsNeverDisagree) {
  const std::string base = kBenchRequest;
  const testing::MutationCounts n = testing::for_each_mutation(base, [](const std::string& text) {
    const std::optional<ChatRequest> fast = detail::decode_chat_request_fast(text);
    EXPECT_EQ(difference(text, fast), "") << text;
    return fast.has_value();
  });
  EXPECT_EQ(n.prefixes, 1);         // only the whole text
  EXPECT_GT(n.replacements, 1000);  // the mutations do reach the comparison
}

// The comparison itself can fail: a request differing in any one field is reported.
TEST(ChatRequestFastTest, DifferenceDetectsAWrongRequest) {
  std::optional<ChatRequest> fast = detail::decode_chat_request_fast(kBenchRequest);
  ASSERT_TRUE(fast.has_value());
  EXPECT_EQ(difference(kBenchRequest, fast), "");
  ChatRequest wrong = *fast;
  wrong.options.temperature = std::nextafter(*wrong.options.temperature, 1.0);
  EXPECT_NE(difference(kBenchRequest, wrong), "");
  wrong = *fast;
  wrong.extra[0].json = "\"bench-client-0002\"";
  EXPECT_NE(difference(kBenchRequest, wrong), "");
  wrong = *fast;
  wrong.messages[1].parts[0].text += " ";
  EXPECT_NE(difference(kBenchRequest, wrong), "");
  wrong = *fast;
  wrong.stream = true;
  EXPECT_NE(difference(kBenchRequest, wrong), "");
}

}  // namespace
}  // namespace splitpoint::wire::openai
