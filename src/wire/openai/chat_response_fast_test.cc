// Differential test: the DOM-free chat.completion decoder against the full (DOM) decoder. Whenever
// the fast decoder recognises an answer, its response must equal the full decoder's; the cases
// also pin which shapes take the fast path, so the comparison is not vacuous.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "wire/fast_decoder_testing.h"
#include "wire/openai/codec.h"
#include "wire/openai/internal.h"

namespace splitpoint::wire::openai {
namespace {

// "" if the fast decoder agrees with the full one on `body` (or declines it); else the difference.
std::string difference(const std::string& body, const std::optional<ChatResponse>& fast) {
  return testing::difference(fast, detail::decode_chat_response_full(body));
}

void check(const std::string& body, bool fast_expected) {
  testing::check_fast_decoder(body, fast_expected, detail::decode_chat_response_fast,
                              detail::decode_chat_response_full, decode_chat_response);
}

// The emulator's answer (tools/emulator/openai_api.cc) with `content` as the JSON content value.
std::string emulator_answer(const std::string& content, const std::string& finish = "stop") {
  return R"({"id":"chatcmpl-emu1","object":"chat.completion","created":1700000000,)"
         R"("model":"gpt-4o","system_fingerprint":"fp_emulator","choices":[{"index":0,)"
         R"("message":{"role":"assistant","content":)" +
         content + R"(,"refusal":null},"logprobs":null,"finish_reason":")" + finish +
         R"("}],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}})";
}

// OpenAI's documented answer (the OpenAPI spec's example), with usage details.
const std::string kOpenAIAnswer = R"({
  "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
  "object": "chat.completion",
  "created": 1741570283,
  "model": "gpt-4o-2024-08-06",
  "choices": [
    {
      "index": 0,
      "message": {
        "role": "assistant",
        "content": "The image shows a wooden boardwalk.",
        "refusal": null,
        "annotations": []
      },
      "logprobs": null,
      "finish_reason": "stop"
    }
  ],
  "usage": {
    "prompt_tokens": 1117,
    "completion_tokens": 46,
    "total_tokens": 1163,
    "prompt_tokens_details": {
      "cached_tokens": 0,
      "audio_tokens": 0
    },
    "completion_tokens_details": {
      "reasoning_tokens": 0,
      "audio_tokens": 0,
      "accepted_prediction_tokens": 0,
      "rejected_prediction_tokens": 0
    }
  },
  "service_tier": "default",
  "system_fingerprint": "fp_fc9f1d7035"
}
)";

TEST(ChatResponseFastTest, CommonShapesTakeTheFastPath) {
  check(emulator_answer(R"("Hello!")"), true);
  check(emulator_answer(R"("")"), true);
  check(emulator_answer("null"), true);
  check(kOpenAIAnswer, true);
  for (const char* reason :
       {"stop", "length", "tool_calls", "function_call", "content_filter", "something_new"}) {
    check(emulator_answer(R"("x")", reason), true);
  }
  check(R"({"choices":[{"message":{"content":"a"},"finish_reason":null}]})", true);
  check(R"({"choices":[{"message":{}}]})", true);
  check(R"({"id":null,"model":null,"created":null,"usage":null,"service_tier":null,)"
        R"("system_fingerprint":null,"metadata":null,"moderation":null,)"
        R"("choices":[{"message":{"role":"assistant","content":"a","tool_calls":null,)"
        R"("function_call":null,"audio":null,"refusal":"no"}}]})",
        true);
  check(R"({"choices":[{"message":{"content":"a","reasoning_content":"hmm"}}]})", true);
  check(R"({"choices":[{"message":{"reasoning":"hmm","content":null}}]})", true);
  check(R"({"choices":[{"message":{"content":"a"}}],"usage":{}})", true);
  check(R"({"choices":[{"message":{"content":"a"}}],"usage":{"completion_tokens":3}})", true);
  check(
      R"({"choices":[{"message":{"content":"a"}}],"usage":{"prompt_tokens":-0,)"
      R"("completion_tokens":999999999999999999,"prompt_tokens_details":null,)"
      R"("completion_tokens_details":{"text_tokens":1,"image_tokens":2,"cache_write_tokens":3}}})",
      true);
  check(R"({"created":-5,"choices":[{"message":{"content":"a"}}]})", true);
}

TEST(ChatResponseFastTest, StringEscapesAndUnicode) {
  const std::vector<std::string> valid = {
      R"("a\"b\\c\/d")",
      R"("\b\f\n\r\t")",
      R"("\u0041\u00e9\u20AC")",
      R"("\ud83d\ude00")",
      R"("\uD834\uDD1E x")",
      R"("\u0000")",
      "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"",
      "\"\xEF\xBF\xBF\xF4\x8F\xBF\xBF\"",
      "\"\x7f\"",
  };
  for (const std::string& s : valid) check(emulator_answer(s), true);
  const std::vector<std::string> declined = {
      R"("\ud83d")",
      R"("\ud83d x")",
      R"("\ude00")",
      R"("\ud83d\u0041")",
      R"("\x41")",
      R"("\u12")",
      R"("\u12G4")",
      "\"tab\there\"",
      "\"\xC0\xAF\"",
      "\"\xED\xA0\x80\"",
      "\"\xF4\x90\x80\x80\"",
      "\"\xE2\x82\"",
      "\"\x80\"",
      R"("unterminated)",
      R"(["part"])",
      R"([{"type":"text","text":"a"}])",
      "42",
      "true",
  };
  for (const std::string& s : declined) check(emulator_answer(s), false);
}

TEST(ChatResponseFastTest, WhitespaceAndKeyOrder) {
  check(
      " \t\r\n{ \"choices\" :\t[ { \"message\" : { \"content\" : \"x\" } , "
      "\"finish_reason\" : \"length\" } ] ,\n\"usage\" : { \"prompt_tokens\" : 1 } } \r\n",
      true);
  std::vector<std::string> members = {
      R"("id":"chatcmpl-9")", R"("created":17)", R"("model":"gpt-4o-mini")",
      R"("usage":{"completion_tokens":2,"prompt_tokens":1,"total_tokens":3})",
      R"("choices":[{"finish_reason":"length","message":{"content":"\u00e9t\u00e9","role":"assistant"},"index":0}])"};
  EXPECT_EQ(testing::for_each_member_order(members,
                                           [](const std::string& object) { check(object, true); }),
            120);
}

TEST(ChatResponseFastTest, OtherShapesAreLeftToTheFullDecoder) {
  const std::vector<std::string> declined = {
      // tool calls, several or no choices, errors, logprobs, content parts
      R"({"choices":[{"message":{"content":null,"tool_calls":[{"id":"call_1","type":"function",)"
      R"("function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}]})",
      R"({"choices":[{"message":{"content":"a"}},{"message":{"content":"b"}}]})",
      R"({"choices":[]})",
      R"({"id":"x"})",
      "{}",
      R"({"choices":[{"finish_reason":"stop"}]})",
      R"({"choices":[{"message":null}]})",
      R"({"error":{"message":"overloaded"}})",
      R"({"error":null,"choices":[{"message":{}}]})",
      R"({"choices":[{"message":{"content":"a"},"logprobs":{"content":[]}}]})",
      R"({"choices":[{"message":{"content":"a","annotations":[{"type":"url_citation"}]}}]})",
      // unknown fields, escaped keys, duplicates, other value types
      R"({"choices":[{"message":{"content":"a"}}],"x_extra":1})",
      R"({"choices":[{"message":{"content":"a","x":1}}]})",
      R"({"choices":[{"message":{"content":"a"},"x":1}]})",
      R"({"choices":[{"message":{"content":"a"}}],"usage":{"x_tokens":1}})",
      R"({"choices":[{"message":{"content":"a"}}],"usage":{"prompt_tokens_details":{"x":1}}})",
      R"({"cho\u0069ces":[{"message":{}}]})",
      R"({"choices":[{"message":{"c\u006fntent":"a"}}]})",
      R"({"model":"a","model":"b","choices":[{"message":{}}]})",
      R"({"choices":[{"message":{"content":"a","content":"b"}}]})",
      R"({"choices":[{"message":{"reasoning":"a","reasoning_content":"b"}}]})",
      R"({"choices":[{"message":{}}],"usage":{"prompt_tokens":1,"prompt_tokens":2}})",
      R"({"choices":[{"message":{}}],"usage":{"prompt_tokens_details":{"audio_tokens":1,"audio_tokens":2}}})",
      R"({"choices":[{"message":{"role":null}}]})",
      R"({"choices":[{"message":{"role":1}}]})",
      R"({"choices":[{"message":{"content":"a"},"finish_reason":1}]})",
      R"({"choices":[{"message":{}}],"usage":{"prompt_tokens":1.0}})",
      R"({"choices":[{"message":{}}],"usage":{"prompt_tokens":null}})",
      R"({"choices":[{"message":{}}],"created":1.5})",
      R"({"choices":[{"message":{}}],"created":1e3})",
      R"({"choices":[{"message":{}}],"created":12345678901234567890})",
      R"({"choices":[{"message":{}}],"created":1234567890123456789})",
      R"({"choices":[{"message":{}}],"created":9999999999999999999})",
      R"({"choices":[{"message":{}}],"created":-9999999999999999999})",
      R"({"choices":[{"message":{}}],"created":01})",
      R"({"choices":[{"message":{}}],"created":-})",
      R"({"choices":[{"message":{}}],"model":5})",
      R"({"choices":[{"message":{}}],"usage":[]})",
      R"({"choices":{}})",
      R"({"choices":[1]})",
      // not one well-formed object
      R"({"choices":[{"message":{}}],})",
      R"({"choices":[{"message":{}}]} x)",
      R"({"choices":[{"message":{}}]}{})",
      R"({"choices":[{"message":{})",
      "",
      "[]",
      "null",
      "{\"choices\":[{\"message\":{}}]\x01}",
  };
  for (const std::string& b : declined) check(b, false);
}

// Every prefix of a good answer, and every answer with one byte replaced or removed: whenever the
// fast path accepts the text, the full decoder must agree (a small deterministic fuzzer).
TEST(ChatResponseFastTest, MutationsNeverDisagree) {
  const std::string base =
      R"({"id":"c","object":"chat.completion","created":12,"model":"m","choices":[{"index":0,)"
      R"("message":{"role":"assistant","content":"a\u00e9\ud83d\ude00\n\"x","refusal":null,)"
      R"("annotations":[]},"logprobs":null,"finish_reason":"length"}],"usage":{"prompt_tokens":3,)"
      R"("completion_tokens":40,"total_tokens":43,"prompt_tokens_details":{"cached_tokens":0}},)"
      R"("service_tier":"default","system_fingerprint":null})";
  ASSERT_TRUE(detail::decode_chat_response_fast(base).has_value());
  const testing::MutationCounts n = testing::for_each_mutation(base, [](const std::string& text) {
    const std::optional<ChatResponse> fast = detail::decode_chat_response_fast(text);
    EXPECT_EQ(difference(text, fast), "") << text;
    return fast.has_value();
  });
  EXPECT_EQ(n.prefixes, 1);        // only the whole text
  EXPECT_GT(n.replacements, 100);  // the mutations do reach the comparison
}

// The comparison itself can fail: a response differing in any one field is reported.
TEST(ChatResponseFastTest, DifferenceDetectsAWrongResponse) {
  const std::string body = kOpenAIAnswer;
  std::optional<ChatResponse> fast = detail::decode_chat_response_fast(body);
  ASSERT_TRUE(fast.has_value());
  EXPECT_EQ(difference(body, fast), "");
  ChatResponse wrong = *fast;
  wrong.message.parts[0].text += " ";
  EXPECT_NE(difference(body, wrong), "");
  wrong = *fast;
  wrong.finish_reason = FinishReason::kLength;
  EXPECT_NE(difference(body, wrong), "");
  wrong = *fast;
  wrong.usage->completion_tokens = 45;
  EXPECT_NE(difference(body, wrong), "");
  wrong = *fast;
  wrong.created = 0;
  EXPECT_NE(difference(body, wrong), "");
  wrong = *fast;
  wrong.message.role.clear();
  EXPECT_NE(difference(body, wrong), "");
}

}  // namespace
}  // namespace splitpoint::wire::openai
