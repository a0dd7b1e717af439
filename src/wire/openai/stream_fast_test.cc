// Differential test: the DOM-free stream event decoder against the full (DOM) decoder. Whenever
// the fast decoder recognises an event, its chunk must equal the full decoder's; the cases also
// pin which shapes take the fast path, so the comparison is not vacuous.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "wire/fast_decoder_testing.h"
#include "wire/model_text.h"
#include "wire/openai/codec.h"
#include "wire/openai/internal.h"

namespace splitpoint::wire::openai {
namespace {

std::string dump(const StreamChunk& c) {
  return testing::chunk_text(c);
}

std::string dump(const Result<std::optional<StreamChunk>>& r) {
  if (!r.ok()) return "error: " + r.status().message();
  if (!r->has_value()) return "done";
  return dump(**r);
}

// "" if the fast decoder agrees with the full one on `data` (or declines it); else the difference.
std::string difference(const std::string& data, const std::optional<StreamChunk>& fast) {
  if (!fast) return {};
  const std::string want = dump(detail::decode_stream_event_full(data));
  const std::string got = dump(*fast);
  return want == got ? std::string() : "full: " + want + "\nfast: " + got;
}

// Checks agreement on `data`, and that the fast path took it iff `fast_expected`.
void check(const std::string& data, bool fast_expected) {
  SCOPED_TRACE(data);
  const std::optional<StreamChunk> fast = detail::decode_stream_event_fast(data);
  EXPECT_EQ(fast.has_value(), fast_expected);
  EXPECT_EQ(difference(data, fast), "");
  // The public entry point answers what the full decoder answers, whichever path it took.
  EXPECT_EQ(dump(decode_stream_event(data)), dump(detail::decode_stream_event_full(data)));
}

std::string content_event(const std::string& json_string) {
  return R"({"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,)"
         R"("model":"gpt-4o","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":)" +
         json_string + R"(},"logprobs":null,"finish_reason":null}]})";
}

TEST(StreamFastTest, CommonShapesTakeTheFastPath) {
  check(content_event(R"("Hello")"), true);
  check(content_event(R"("")"), true);
  check(content_event("null"), true);
  // The first chunk: role only, and role with empty content and refusal.
  check(R"({"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":)"
        R"([{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]})",
        true);
  check(R"({"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":)"
        R"([{"index":0,"delta":{"role":"assistant","content":"","refusal":null},)"
        R"("logprobs":null,"finish_reason":null}],"usage":null})",
        true);
  // The finishing chunk, each reason.
  for (const char* reason :
       {"stop", "length", "tool_calls", "function_call", "content_filter", "something_new"}) {
    check(std::string(R"({"id":"c","choices":[{"index":0,"delta":{},"finish_reason":")") + reason +
              R"("}]})",
          true);
  }
  check(R"({"id":"c","choices":[{"index":0,"delta":{"reasoning_content":"hmm"}}]})", true);
  check(R"({"id":"c","choices":[{"index":0,"delta":{"reasoning":"hmm","content":null}}]})", true);
  check(R"({"id":"c","choices":[{"delta":null,"finish_reason":"stop"}],"service_tier":"default"})",
        true);
  check(R"({"id":"c","model":null,"choices":null})", true);
  check(R"({"choices":[]})", true);  // Azure's prompt-filter event
  check("{}", true);
  check(R"({"id":"c","created":-0,"choices":[{"index":0,"delta":{"tool_calls":null}}]})", true);
}

TEST(StreamFastTest, StringEscapesAndUnicode) {
  const std::vector<std::string> valid = {
      R"("a\"b\\c\/d")",
      R"("\b\f\n\r\t")",
      R"("\u0041\u00e9\u20AC")",
      R"("\ud83d\ude00")",  // a surrogate pair (U+1F600)
      R"("\uD834\uDD1E x")",
      R"("\u0000")",
      "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"",  // raw UTF-8, 2 to 4 bytes
      "\"\xEF\xBF\xBF\xF4\x8F\xBF\xBF\"",               // U+FFFF, U+10FFFF
      R"("  spaces  ")",
      R"("'single' <tag> & {}[]:,")",
  };
  for (const std::string& s : valid) check(content_event(s), true);
  // Not recognised by the fast path; the full decoder decides (mostly errors).
  const std::vector<std::string> declined = {
      R"("\ud83d")",
      R"("\ud83d x")",
      R"("\ude00")",
      R"("\ud83d\u0041")",
      R"("\x41")",
      R"("\u12")",
      R"("\u12G4")",
      "\"tab\there\"",
      "\"nl\nhere\"",
      "\"\x7f\"",
      "\"\xC0\xAF\"",
      "\"\xED\xA0\x80\"",
      "\"\xF4\x90\x80\x80\"",
      "\"\xE2\x82\"",
      "\"\x80\"",
      "\"\xF8\x88\x80\x80\x80\"",
      R"("unterminated)",
      R"(["array"])",
      "42",
      "true",
  };
  for (const std::string& s : declined) {
    SCOPED_TRACE(s);
    check(content_event(s), s == "\"\x7f\"");  // DEL is a legal raw character
  }
}

// The scanner reads plain text eight bytes at a time: put each kind of special character at each
// position of strings of each length around that stride.
TEST(StreamFastTest, SpecialCharacterAtEveryPosition) {
  struct Special {
    std::string text;  // as written inside the JSON string
    bool valid;
  };
  const std::vector<Special> specials = {
      {R"(\")", true}, {R"(\\)", true},        {R"(\u00e9)", true}, {"\xC3\xA9", true},
      {"\x7F", true},  {"\x1F", false},        {"\t", false},       {"\xC3", false},
      {"\xFF", false}, {"\xE2\x82\xAC", true},
  };
  for (std::size_t len = 0; len <= 24; ++len) {
    for (std::size_t at = 0; at <= len; ++at) {
      for (const Special& sp : specials) {
        std::string text = std::string(len, 'a');
        text.insert(at, sp.text);
        check(content_event("\"" + text + "\""), sp.valid);
      }
    }
  }
}

TEST(StreamFastTest, WhitespaceAndKeyOrder) {
  check(
      " \t\r\n{ \"id\" : \"c\" ,\n\"choices\" :\t[ { \"delta\" : { \"content\" : \"x\" } , "
      "\"finish_reason\" : null } ] } \r\n",
      true);
  std::vector<std::string> members = {
      R"("id":"chatcmpl-9")", R"("object":"chat.completion.chunk")", R"("created":17)",
      R"("model":"gpt-4o-mini")",
      R"("choices":[{"finish_reason":"length","delta":{"content":"\u00e9t\u00e9"},"index":0}])"};
  EXPECT_EQ(testing::for_each_member_order(members,
                                           [](const std::string& object) { check(object, true); }),
            120);
}

TEST(StreamFastTest, OtherShapesAreLeftToTheFullDecoder) {
  const std::vector<std::string> declined = {
      // tool calls, usage, logprobs, several choices, errors
      R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function",)"
      R"("function":{"name":"f","arguments":""}}]}}]})",
      R"({"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}})",
      R"({"choices":[{"delta":{"content":"a"},"logprobs":{"content":[]}}]})",
      R"({"choices":[{"delta":{"content":"a"}},{"delta":{"content":"b"}}]})",
      R"({"error":{"message":"overloaded"}})",
      R"({"error":null,"choices":[]})",
      // unknown fields, escaped keys, duplicates, other value types
      R"({"choices":[],"x_extra":1})",
      R"({"choices":[{"delta":{"content":"a","audio":null}}]})",
      R"({"choices":[{"delta":{"content":"a"},"x":1}]})",
      R"({"cho\u0069ces":[]})",
      R"({"model":"a","model":"b"})",
      R"({"choices":[{"delta":{"reasoning":"a","reasoning_content":"b"}}]})",
      R"({"choices":[{"delta":{"content":["parts"]}}]})",
      R"({"choices":[{"delta":{"content":"a"},"finish_reason":1}]})",
      R"({"created":1.5,"choices":[]})",
      R"({"created":1e3,"choices":[]})",
      R"({"created":12345678901234567890,"choices":[]})",
      R"({"created":01,"choices":[]})",
      R"({"model":5})",
      R"({"choices":{}})",
      R"({"choices":[1]})",
      // not one well-formed object
      R"({"choices":[],})",
      R"({"choices":[]} x)",
      R"({"choices":[]}{})",
      R"({"choices")",
      R"({"choices":[])",
      "",
      "[]",
      "null",
      "[DONE]x",
      "{\"model\":\"m\"\x01}",
  };
  for (const std::string& e : declined) check(e, false);
}

// Every prefix of a good event, and every event with one byte removed or replaced: whenever the
// fast path accepts the text, the full decoder must agree (a small deterministic fuzzer).
TEST(StreamFastTest, MutationsNeverDisagree) {
  const std::string base = R"({"id":"c","object":"chat.completion.chunk","created":12,"model":"m",)"
                           R"("choices":[{"index":0,"delta":{"role":"assistant","content":)"
                           R"("a\u00e9\ud83d\ude00\n\"x"},"logprobs":null,"finish_reason":null}]})";
  const testing::MutationCounts n = testing::for_each_mutation(base, [](const std::string& text) {
    const std::optional<StreamChunk> fast = detail::decode_stream_event_fast(text);
    EXPECT_EQ(difference(text, fast), "") << text;
    return fast.has_value();
  });
  EXPECT_EQ(n.prefixes, 1);  // only the whole event
  EXPECT_GT(n.replacements, 0);
}

// The comparison itself can fail: a chunk differing in any one field is reported.
TEST(StreamFastTest, DifferenceDetectsAWrongChunk) {
  const std::string event = content_event(R"("Hi")");
  std::optional<StreamChunk> fast = detail::decode_stream_event_fast(event);
  ASSERT_TRUE(fast.has_value());
  EXPECT_EQ(difference(event, fast), "");
  StreamChunk wrong = *fast;
  wrong.content = "Hi ";
  EXPECT_NE(difference(event, wrong), "");
  wrong = *fast;
  wrong.finish_reason = FinishReason::kStop;
  EXPECT_NE(difference(event, wrong), "");
  wrong = *fast;
  wrong.model.clear();
  EXPECT_NE(difference(event, wrong), "");
}

}  // namespace
}  // namespace splitpoint::wire::openai
