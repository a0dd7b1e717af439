// Differential test: the DOM-free /api/chat answer decoder against the full (DOM) decoder.
// Whenever the fast decoder recognises an answer, its response must equal the full decoder's; the
// cases also pin which shapes take the fast path, so the comparison is not vacuous.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "wire/fast_decoder_testing.h"
#include "wire/ollama/codec.h"
#include "wire/ollama/internal.h"

namespace splitpoint::wire::ollama {
namespace {

// "" if the fast decoder agrees with the full one on `body` (or declines it); else the difference.
std::string difference(const std::string& body, const std::optional<ChatResponse>& fast) {
  return testing::difference(fast, internal::decode_chat_response_full(body));
}

void check(const std::string& body, bool fast_expected) {
  testing::check_fast_decoder(body, fast_expected, internal::decode_chat_response_fast,
                              internal::decode_chat_response_full, decode_chat_response);
}

// The emulator's answer (tools/emulator/ollama_api.cc) with `content` as the JSON content value.
std::string emulator_answer(const std::string& content, const std::string& reason = "stop") {
  return R"({"model":"llama3.1:8b","created_at":"2026-11-24T20:33:28.123648Z",)"
         R"("message":{"role":"assistant","content":)" +
         content + R"(},"done":true,"done_reason":")" + reason +
         R"(","total_duration":5043500667,"load_duration":1,"prompt_eval_count":26,)"
         R"("prompt_eval_duration":325953000,"eval_count":290,"eval_duration":4709213000})"
         "\n";
}

TEST(ChatResponseFastTest, CommonShapesTakeTheFastPath) {
  check(emulator_answer(R"("Hello!")"), true);
  check(emulator_answer(R"("")"), true);
  check(emulator_answer("null"), true);
  for (const char* reason : {"stop", "length", "load", "unload", ""}) {
    check(emulator_answer(R"("x")", reason), true);
  }
  check("{}", true);
  check(R"({"model":null,"created_at":null,"message":null,"done":null,"done_reason":null,)"
        R"("total_duration":null,"load_duration":null,"prompt_eval_count":null,)"
        R"("prompt_eval_duration":null,"eval_count":null,"eval_duration":null})",
        true);
  check(R"({"message":{"role":null,"content":"a","thinking":"hmm"},"done":false})", true);
  check(R"({"created_at":"2024-07-22T20:33:28+02:00","eval_count":3})", true);
  check(R"({"created_at":"not a time","prompt_eval_count":-0,"eval_duration":-7})", true);
  check(R"({"created_at":"","total_duration":999999999999999999})", true);
}

TEST(ChatResponseFastTest, StringEscapesAndUnicode) {
  const std::vector<std::string> valid = {
      R"("a\"b\\c\/d")",   R"("\b\f\n\r\t")", R"("\u0041\u00e9\u20AC")",
      R"("\ud83d\ude00")", R"("\u0000")",     "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"",
      "\"\x7f\"",
  };
  for (const std::string& s : valid) check(emulator_answer(s), true);
  const std::vector<std::string> declined = {
      R"("\ud83d")",  R"("\ude00")",      R"("\x41")", R"("\u12G4")",      "\"tab\there\"",
      "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\x80\"",  R"("unterminated)", R"(["a"])",
      "42",
  };
  for (const std::string& s : declined) check(emulator_answer(s), false);
}

TEST(ChatResponseFastTest, WhitespaceAndKeyOrder) {
  check(
      " \t\r\n{ \"model\" : \"m\" ,\n\"message\" :\t{ \"content\" : \"x\" } , "
      "\"done\" : true , \"eval_count\" : 4 } \r\n",
      true);
  std::vector<std::string> members = {R"("model":"llama3.2")",
                                      R"("created_at":"2023-12-12T14:13:43.416799Z")",
                                      R"("message":{"content":"\u00e9t\u00e9","role":"assistant"})",
                                      R"("done_reason":"length")", R"("prompt_eval_count":5)"};
  EXPECT_EQ(testing::for_each_member_order(members,
                                           [](const std::string& object) { check(object, true); }),
            120);
}

TEST(ChatResponseFastTest, OtherShapesAreLeftToTheFullDecoder) {
  const std::vector<std::string> declined = {
      R"({"message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f",)"
      R"("arguments":{"a":1}}}]},"done":true})",
      R"({"message":{"content":"a","tool_calls":null}})",
      R"({"message":{"content":"a","images":null}})",
      R"({"response":"a","done":true})",
      R"({"thinking":"a"})",
      R"({"error":"model not found"})",
      R"({"error":null})",
      R"({"x_extra":1})",
      R"({"message":{"content":"a","x":1}})",
      R"({"m\u006fdel":"a"})",
      R"({"model":"a","model":"b"})",
      R"({"message":{"content":"a","content":"b"}})",
      R"({"model":5})",
      R"({"created_at":5})",
      R"({"done":"yes"})",
      R"({"done_reason":1})",
      R"({"message":"a"})",
      R"({"message":{"role":1}})",
      R"({"eval_count":1.0})",
      R"({"eval_count":1e3})",
      R"({"total_duration":12345678901234567890})",
      R"({"total_duration":9999999999999999999})",
      R"({"eval_count":-9929999999999999999})",
      R"({"total_duration":01})",
      R"({"eval_count":"3"})",
      R"({"done":true,})",
      R"({"done":true} x)",
      R"({"done":true)",
      "",
      "[]",
      "null",
      "{\"done\":true\x01}",
  };
  for (const std::string& b : declined) check(b, false);
}

// Every prefix of a good answer, and every answer with one byte replaced or removed.
TEST(ChatResponseFastTest, MutationsNeverDisagree) {
  const std::string base =
      R"({"model":"m","created_at":"2024-07-22T20:33:28.5Z","message":{"role":"assistant",)"
      R"("content":"a\u00e9\ud83d\ude00\n\"x","thinking":"t"},"done_reason":"length","done":true,)"
      R"("total_duration":120,"load_duration":1,"prompt_eval_count":3,"prompt_eval_duration":40,)"
      R"("eval_count":43,"eval_duration":79})";
  ASSERT_TRUE(internal::decode_chat_response_fast(base).has_value());
  const testing::MutationCounts n = testing::for_each_mutation(base, [](const std::string& text) {
    const std::optional<ChatResponse> fast = internal::decode_chat_response_fast(text);
    EXPECT_EQ(difference(text, fast), "") << text;
    return fast.has_value();
  });
  EXPECT_EQ(n.prefixes, 1);        // only the whole text
  EXPECT_GT(n.replacements, 100);  // the mutations do reach the comparison
}

// The comparison itself can fail: a response differing in any one field is reported.
TEST(ChatResponseFastTest, DifferenceDetectsAWrongResponse) {
  const std::string body = emulator_answer(R"("Hi")", "length");
  std::optional<ChatResponse> fast = internal::decode_chat_response_fast(body);
  ASSERT_TRUE(fast.has_value());
  EXPECT_EQ(difference(body, fast), "");
  ChatResponse wrong = *fast;
  wrong.created = 0;
  EXPECT_NE(difference(body, wrong), "");
  wrong = *fast;
  wrong.finish_reason = FinishReason::kStop;
  EXPECT_NE(difference(body, wrong), "");
  wrong = *fast;
  wrong.eval_duration_ns = 0;
  EXPECT_NE(difference(body, wrong), "");
  wrong = *fast;
  wrong.usage.reset();
  EXPECT_NE(difference(body, wrong), "");
}

}  // namespace
}  // namespace splitpoint::wire::ollama
