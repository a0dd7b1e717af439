#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "wire/ollama/codec.h"

namespace splitpoint::wire::ollama {
namespace {

namespace json = boost::json;

// Splits NDJSON into parsed objects; every line must end with '\n' and hold one object.
std::vector<json::object> lines(const std::string& ndjson) {
  std::vector<json::object> out;
  std::size_t start = 0;
  while (start < ndjson.size()) {
    const std::size_t nl = ndjson.find('\n', start);
    EXPECT_NE(nl, std::string::npos) << "unterminated line in: " << ndjson;
    if (nl == std::string::npos) break;
    out.push_back(json::parse(std::string_view(ndjson).substr(start, nl - start)).as_object());
    start = nl + 1;
  }
  return out;
}

StreamChunk text_chunk(std::string content) {
  StreamChunk c;
  c.content = std::move(content);
  return c;
}

TEST(ChatStreamEncoder, ContentLinesAndFinalLine) {
  ChatStreamEncoder enc("llama3.2", false);
  auto l1 = lines(enc.encode(text_chunk("The \"sky\"\n")));
  ASSERT_EQ(l1.size(), 1u);
  EXPECT_EQ(l1[0].at("model").as_string(), "llama3.2");
  EXPECT_EQ(l1[0].at("message").at("role").as_string(), "assistant");
  EXPECT_EQ(l1[0].at("message").at("content").as_string(), "The \"sky\"\n");
  EXPECT_FALSE(l1[0].at("message").as_object().contains("thinking"));
  EXPECT_EQ(l1[0].at("done").as_bool(), false);
  const std::string_view ts = l1[0].at("created_at").as_string();
  EXPECT_EQ(ts.size(), 27u);  // 2024-07-22T20:33:28.123648Z
  EXPECT_EQ(ts.back(), 'Z');
  EXPECT_EQ(ts[10], 'T');

  StreamChunk think;
  think.thinking = "pondering";
  auto l2 = lines(enc.encode(think));
  ASSERT_EQ(l2.size(), 1u);
  EXPECT_EQ(l2[0].at("message").at("content").as_string(), "");
  EXPECT_EQ(l2[0].at("message").at("thinking").as_string(), "pondering");

  StreamChunk last;
  last.finish_reason = FinishReason::kLength;
  EXPECT_EQ(enc.encode(last), "");  // nothing to say yet
  StreamChunk usage;
  usage.usage = Usage{26, 282};
  usage.total_duration_ns = 4883583458;
  usage.eval_duration_ns = 4535599000;
  EXPECT_EQ(enc.encode(usage), "");  // only recorded

  auto fin = lines(enc.finish());
  ASSERT_EQ(fin.size(), 1u);
  const json::object& f = fin[0];
  EXPECT_EQ(f.at("message").at("content").as_string(), "");
  EXPECT_EQ(f.at("done_reason").as_string(), "length");
  EXPECT_EQ(f.at("done").as_bool(), true);
  EXPECT_EQ(f.at("prompt_eval_count").as_int64(), 26);
  EXPECT_EQ(f.at("eval_count").as_int64(), 282);
  EXPECT_EQ(f.at("total_duration").as_int64(), 4883583458);
  EXPECT_EQ(f.at("eval_duration").as_int64(), 4535599000);
  EXPECT_EQ(f.at("load_duration").as_int64(), 0);
}

TEST(ChatStreamEncoder, GenerateShape) {
  ChatStreamEncoder enc("gemma4", true);
  auto l = lines(enc.encode(text_chunk("That")));
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].at("response").as_string(), "That");
  EXPECT_FALSE(l[0].contains("message"));
  auto fin = lines(enc.finish());
  ASSERT_EQ(fin.size(), 1u);
  EXPECT_EQ(fin[0].at("response").as_string(), "");
  EXPECT_EQ(fin[0].at("done_reason").as_string(), "stop");
  EXPECT_EQ(fin[0].at("prompt_eval_count").as_int64(), 0);
}

TEST(ChatStreamEncoder, EmptyChunkSendsNothing) {
  ChatStreamEncoder enc("m", false);
  EXPECT_EQ(enc.encode(StreamChunk{}), "");
}

// OpenAI upstream: name first, then the arguments in pieces, two calls interleaved.
TEST(ChatStreamEncoder, ToolCallFragmentsAreEmittedWhole) {
  ChatStreamEncoder enc("m", false);
  auto delta = [](int index, std::string id, std::string name, std::string args) {
    StreamChunk c;
    c.tool_calls.push_back({index, std::move(id), std::move(name), std::move(args)});
    return c;
  };
  EXPECT_EQ(enc.encode(delta(0, "call_a", "get_weather", "")), "");
  EXPECT_EQ(enc.encode(delta(0, "", "", "{\"ci")), "");
  EXPECT_EQ(enc.encode(delta(1, "call_b", "get_time", "{}")), "");
  EXPECT_EQ(enc.encode(delta(0, "", "", "ty\": \"Tok")), "");
  StreamChunk last = delta(0, "", "", "yo\"}");
  last.finish_reason = FinishReason::kToolCalls;
  auto l = lines(enc.encode(last));
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].at("done").as_bool(), false);
  const json::array& calls = l[0].at("message").at("tool_calls").as_array();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].at("function").at("name").as_string(), "get_weather");
  EXPECT_EQ(calls[0].at("function").at("arguments"), json::parse(R"({"city":"Tokyo"})"));
  EXPECT_EQ(calls[1].at("function").at("name").as_string(), "get_time");
  EXPECT_EQ(calls[1].at("function").at("arguments"), json::object());

  auto fin = lines(enc.finish());
  ASSERT_EQ(fin.size(), 1u);  // the calls are not repeated
  EXPECT_EQ(fin[0].at("done_reason").as_string(), "stop");
  EXPECT_FALSE(fin[0].at("message").as_object().contains("tool_calls"));
}

TEST(ChatStreamEncoder, UnfinishedToolCallsAreFlushedByFinish) {
  ChatStreamEncoder enc("m", false);
  StreamChunk c;
  c.tool_calls.push_back({0, "", "f", "not json"});
  EXPECT_EQ(enc.encode(c), "");
  auto l = lines(enc.finish());
  ASSERT_EQ(l.size(), 2u);
  const json::value& args =
      l[0].at("message").at("tool_calls").at(0).at("function").at("arguments");
  EXPECT_EQ(args, json::parse(R"({"_raw":"not json"})"));
  EXPECT_EQ(l[1].at("done").as_bool(), true);
}

TEST(ChatStreamEncoder, HostileToolIndexDoesNotExplode) {
  ChatStreamEncoder enc("m", false);
  StreamChunk c;
  c.tool_calls.push_back({1 << 30, "", "f", "{}"});
  c.tool_calls.push_back({-5, "", "g", "{}"});
  c.finish_reason = FinishReason::kToolCalls;
  auto l = lines(enc.encode(c));
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].at("message").at("tool_calls").as_array().size(), 2u);
}

TEST(ChatStreamEncoder, ContentOnFinishingChunkWithCalls) {
  ChatStreamEncoder enc("m", false);
  StreamChunk c;
  c.content = "calling";
  c.tool_calls.push_back({0, "", "f", R"({"a":1})"});
  c.finish_reason = FinishReason::kToolCalls;
  auto l = lines(enc.encode(c));
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].at("message").at("content").as_string(), "calling");
  EXPECT_EQ(l[0].at("message").at("tool_calls").at(0).at("function").at("arguments").at("a"), 1);
}

TEST(ChatStreamEncoder, ErrorLine) {
  ChatStreamEncoder enc("m", false);
  EXPECT_EQ(enc.error(Status::upstream("boom \"x\"")), "{\"error\":\"boom \\\"x\\\"\"}\n");
}

TEST(EncodeChatResponse, ChatShapeWithToolCalls) {
  ChatResponse r;
  r.model = "llama3.2";
  r.message.role = "assistant";
  r.message.thinking = "t";
  r.message.tool_calls.push_back({"call_0", "get_weather", R"({"city": "Tokyo"})"});
  r.message.tool_calls.push_back({"call_1", "noargs", ""});
  r.finish_reason = FinishReason::kToolCalls;
  r.usage = Usage{169, 18};
  r.total_duration_ns = 3244883583;
  r.load_duration_ns = 2969184542;
  r.prompt_eval_duration_ns = 141656333;
  r.eval_duration_ns = 133293625;
  auto v = json::parse(encode_chat_response(r, false)).as_object();
  EXPECT_EQ(v.at("model").as_string(), "llama3.2");
  EXPECT_TRUE(v.at("created_at").is_string());
  const json::object& m = v.at("message").as_object();
  EXPECT_EQ(m.at("role").as_string(), "assistant");
  EXPECT_EQ(m.at("content").as_string(), "");
  EXPECT_EQ(m.at("thinking").as_string(), "t");
  EXPECT_EQ(m.at("tool_calls").at(0).at("function").at("arguments"),
            json::parse(R"({"city":"Tokyo"})"));
  EXPECT_EQ(m.at("tool_calls").at(1).at("function").at("arguments"), json::object());
  EXPECT_EQ(v.at("done_reason").as_string(), "stop");
  EXPECT_EQ(v.at("done").as_bool(), true);
  EXPECT_EQ(v.at("total_duration").as_int64(), 3244883583);
  EXPECT_EQ(v.at("load_duration").as_int64(), 2969184542);
  EXPECT_EQ(v.at("prompt_eval_count").as_int64(), 169);
  EXPECT_EQ(v.at("prompt_eval_duration").as_int64(), 141656333);
  EXPECT_EQ(v.at("eval_count").as_int64(), 18);
  EXPECT_EQ(v.at("eval_duration").as_int64(), 133293625);
}

TEST(EncodeChatResponse, GenerateShapeAndReasons) {
  ChatResponse r;
  r.model = "llama3.2";
  r.message.parts.push_back({ContentPart::Kind::kText, "The sky is blue", {}});
  r.finish_reason = FinishReason::kLength;
  auto v = json::parse(encode_chat_response(r, true)).as_object();
  EXPECT_EQ(v.at("response").as_string(), "The sky is blue");
  EXPECT_FALSE(v.contains("message"));
  EXPECT_EQ(v.at("done_reason").as_string(), "length");
  EXPECT_EQ(v.at("eval_count").as_int64(), 0);  // no usage known
  r.finish_reason = FinishReason::kContentFilter;
  EXPECT_EQ(json::parse(encode_chat_response(r, true)).at("done_reason").as_string(), "stop");
}

TEST(EncodeError, Shape) {
  EXPECT_EQ(encode_error(Status::invalid("model: required")), R"({"error":"model: required"})");
  EXPECT_EQ(encode_error(Status::internal("a\tb\x01")), R"({"error":"a\tb\u0001"})");
}

}  // namespace
}  // namespace splitpoint::wire::ollama
