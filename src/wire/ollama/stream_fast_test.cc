// Differential test: the DOM-free stream line decoder against the full (DOM) decoder. Whenever
// the fast decoder recognises a line, its chunk must equal the full decoder's; the cases also pin
// which shapes take the fast path, so the comparison is not vacuous.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "wire/fast_decoder_testing.h"
#include "wire/model_text.h"
#include "wire/ollama/codec.h"
#include "wire/ollama/internal.h"

namespace splitpoint::wire::ollama {
namespace {

std::string dump(const StreamChunk& c) {
  return testing::chunk_text(c);
}

std::string dump(const Result<StreamChunk>& r, int next_tool_index) {
  if (!r.ok()) return "error: " + r.status().message();
  return dump(*r) + " next_tool_index=" + std::to_string(next_tool_index);
}

std::string full(const std::string& line) {
  int next = 3;
  Result<StreamChunk> r = internal::decode_stream_line_full(line, next);
  return dump(r, next);
}

// "" if the fast decoder agrees with the full one on `line` (or declines it); else the difference.
std::string difference(const std::string& line, const std::optional<StreamChunk>& fast) {
  if (!fast) return {};
  const std::string want = full(line);
  const std::string got = dump(*fast) + " next_tool_index=3";  // the fast path never takes one
  return want == got ? std::string() : "full: " + want + "\nfast: " + got;
}

void check(const std::string& line, bool fast_expected) {
  SCOPED_TRACE(line);
  const std::optional<StreamChunk> fast = internal::decode_stream_line_fast(line);
  EXPECT_EQ(fast.has_value(), fast_expected);
  EXPECT_EQ(difference(line, fast), "");
  int next = 3;
  Result<StreamChunk> r = decode_stream_line(line, next);
  EXPECT_EQ(dump(r, next), full(line));  // the public entry point, whichever path it took
}

std::string content_line(const std::string& json_string) {
  return R"({"model":"llama3.1:8b","created_at":"2024-07-22T20:33:28.123648Z",)"
         R"("message":{"role":"assistant","content":)" +
         json_string + R"(},"done":false})";
}

TEST(OllamaStreamFastTest, CommonShapesTakeTheFastPath) {
  check(content_line(R"("Hello")"), true);
  check(content_line(R"("")"), true);
  check(content_line("null"), true);
  check(R"({"model":"m","created_at":"t","message":{"role":"assistant","content":"",)"
        R"("thinking":"hmm"},"done":false})",
        true);
  check(R"({"model":null,"message":null,"done":null})", true);
  check(R"({"message":{"content":"x"}})", true);
  check("{}", true);
  check(" {\"done\" :false , \"message\" : {\"content\" : \"a\\nb\"}}\t", true);
}

TEST(OllamaStreamFastTest, StringEscapesAndUnicode) {
  for (const std::string& s : std::vector<std::string>{
           R"("a\"b\\c\/d")", R"("\b\f\n\r\t")", R"("\u0041\u00e9\u20AC")", R"("\ud83d\ude00")",
           "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"", R"("\u0000")"}) {
    check(content_line(s), true);
  }
  for (const std::string& s :
       std::vector<std::string>{R"("\ud83d")", R"("\ude00")", R"("\x")", "\"\xC0\xAF\"",
                                "\"\xED\xA0\x80\"", "\"a\tb\"", R"(["x"])", "1"}) {
    check(content_line(s), false);
  }
}

TEST(OllamaStreamFastTest, KeyOrder) {
  std::vector<std::string> members = {R"("model":"m")", R"("created_at":"t")",
                                      R"("message":{"content":"x","role":"assistant"})",
                                      R"("done":false)"};
  testing::for_each_member_order(members, [](const std::string& object) { check(object, true); });
}

TEST(OllamaStreamFastTest, OtherShapesAreLeftToTheFullDecoder) {
  for (const std::string& line : std::vector<std::string>{
           // the final line with statistics, tool calls, errors, the generate shape
           R"({"model":"m","message":{"role":"assistant","content":""},"done":true,)"
           R"("done_reason":"stop","total_duration":5,"prompt_eval_count":3,"eval_count":4})",
           R"({"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"function":)"
           R"({"name":"f","arguments":{"a":1}}}]},"done":false})",
           R"({"error":"model not found"})", R"({"response":"x","done":false})",
           R"({"thinking":"x","message":{"content":"y"}})",
           // unknown fields, duplicates, other value types, malformed text
           R"({"message":{"content":"x","images":null}})", R"({"x":1,"done":false})",
           R"({"done":false,"done":false})", R"({"done":0})", R"({"created_at":5})",
           R"({"model":"m"} x)", R"({"model":"m",})", R"({"model")", "[]", "null"}) {
    check(line, false);
  }
}

TEST(OllamaStreamFastTest, MutationsNeverDisagree) {
  const std::string base = content_line(R"("a\u00e9\ud83d\ude00\n\"x")");
  const testing::MutationCounts n = testing::for_each_mutation(base, [](const std::string& text) {
    const std::optional<StreamChunk> fast = internal::decode_stream_line_fast(text);
    EXPECT_EQ(difference(text, fast), "") << text;
    return fast.has_value();
  });
  EXPECT_EQ(n.prefixes, 1);  // only the whole line
  EXPECT_GT(n.replacements, 0);
}

TEST(OllamaStreamFastTest, DifferenceDetectsAWrongChunk) {
  const std::string line = content_line(R"("Hi")");
  std::optional<StreamChunk> fast = internal::decode_stream_line_fast(line);
  ASSERT_TRUE(fast.has_value());
  EXPECT_EQ(difference(line, fast), "");
  StreamChunk wrong = *fast;
  wrong.thinking = "x";
  EXPECT_NE(difference(line, wrong), "");
  wrong = *fast;
  wrong.finish_reason = FinishReason::kStop;
  EXPECT_NE(difference(line, wrong), "");
}

}  // namespace
}  // namespace splitpoint::wire::ollama
