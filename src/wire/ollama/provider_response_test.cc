#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "wire/ollama/codec.h"

namespace splitpoint::wire::ollama {
namespace {

namespace json = boost::json;

// api.md "Chat request (No streaming, with tools)" response.
TEST(DecodeChatResponse, SpecToolCallsExample) {
  auto r = decode_chat_response(R"({
    "model": "llama3.2", "created_at": "2025-07-07T20:32:53.844124Z",
    "message": {"role": "assistant", "content": "", "tool_calls": [
      {"function": {"name": "get_weather", "arguments": {"city": "Tokyo"}}}]},
    "done_reason": "stop", "done": true, "total_duration": 3244883583,
    "load_duration": 2969184542, "prompt_eval_count": 169, "prompt_eval_duration": 141656333,
    "eval_count": 18, "eval_duration": 133293625})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->model, "llama3.2");
  EXPECT_EQ(r->created, 1751920373);
  EXPECT_EQ(r->message.role, "assistant");
  EXPECT_TRUE(r->message.parts.empty());
  ASSERT_EQ(r->message.tool_calls.size(), 1u);
  EXPECT_EQ(r->message.tool_calls[0].id, "call_0");
  EXPECT_EQ(r->message.tool_calls[0].name, "get_weather");
  EXPECT_EQ(r->message.tool_calls[0].arguments, R"({"city":"Tokyo"})");
  EXPECT_EQ(r->finish_reason, FinishReason::kToolCalls);
  ASSERT_TRUE(r->usage.has_value());
  EXPECT_EQ(r->usage->prompt_tokens, 169);
  EXPECT_EQ(r->usage->completion_tokens, 18);
  EXPECT_EQ(r->total_duration_ns, 3244883583);
  EXPECT_EQ(r->load_duration_ns, 2969184542);
  EXPECT_EQ(r->prompt_eval_duration_ns, 141656333);
  EXPECT_EQ(r->eval_duration_ns, 133293625);
}

// api.md "Chat request (with images)" response ("images": null) and a length stop.
TEST(DecodeChatResponse, SpecImagesExampleAndLength) {
  auto r = decode_chat_response(R"({"model": "llava",
    "created_at": "2023-12-13T22:42:50.203334Z", "message": {"role": "assistant",
    "content": " The image features a cute, little pig.", "images": null},
    "done": true, "done_reason": "length", "eval_count": 83})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->message.text(), " The image features a cute, little pig.");
  EXPECT_EQ(r->finish_reason, FinishReason::kLength);
  EXPECT_EQ(r->usage->prompt_tokens, 0);
  EXPECT_EQ(r->usage->completion_tokens, 83);
  EXPECT_EQ(r->created, 1702507370);
}

TEST(DecodeChatResponse, NoStatsMeansNoUsage) {
  auto r = decode_chat_response(R"({"model": "llama3.2", "message": {"role": "assistant",
    "content": "", "thinking": "hm"}, "done_reason": "load", "done": true,
    "created_at": "2023-08-04T08:52:19.385406455-07:00"})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->usage.has_value());
  EXPECT_EQ(r->finish_reason, FinishReason::kStop);
  EXPECT_EQ(r->message.thinking, "hm");
  EXPECT_EQ(r->created, 1691164339);
}

TEST(DecodeChatResponse, Errors) {
  auto expect_upstream = [](std::string_view body, std::string_view part) {
    auto r = decode_chat_response(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.status().code(), StatusCode::kUpstream);
    EXPECT_NE(r.status().message().find(part), std::string::npos) << r.status().message();
  };
  expect_upstream("<html>", "invalid JSON");
  expect_upstream("[]", "expected a JSON object");
  expect_upstream(R"({"error": "model 'x' not found"})", "model 'x' not found");
  expect_upstream(R"({"message": "hi"})", "message: expected an object");
  expect_upstream(R"({"message": {"content": 1}})", "message.content: expected a string");
  expect_upstream(R"({"message": {"tool_calls": [{"function": {"name": "f", "arguments": 1}}]}})",
                  "message.tool_calls[0].function.arguments: expected an object");
  expect_upstream(R"({"message": {}, "eval_count": "many"})", "eval_count: expected an integer");
  expect_upstream(R"({"message": {}, "done_reason": 5})", "done_reason: expected a string");
}

// api.md "Chat request (Streaming with tools)": a tool-call line, then the final line.
TEST(DecodeStreamLine, SpecStreamingWithTools) {
  int next = 0;
  auto a =
      decode_stream_line(R"({"model":"llama3.2","created_at":"2025-07-07T20:22:19.184789Z",)"
                         R"("message":{"role":"assistant","content":"","tool_calls":[)"
                         R"({"function":{"name":"get_weather","arguments":{"city":"Tokyo"}}}]},)"
                         R"("done":false})",
                         next);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->model, "llama3.2");
  ASSERT_EQ(a->tool_calls.size(), 1u);
  EXPECT_EQ(a->tool_calls[0].index, 0);
  EXPECT_EQ(a->tool_calls[0].id, "call_0");
  EXPECT_EQ(a->tool_calls[0].name, "get_weather");
  EXPECT_EQ(a->tool_calls[0].arguments, R"({"city":"Tokyo"})");
  EXPECT_EQ(a->finish_reason, FinishReason::kNone);
  EXPECT_EQ(next, 1);

  auto b = decode_stream_line(R"({"model":"llama3.2","created_at":"2025-07-07T20:22:19.19314Z",)"
                              R"("message":{"role":"assistant","content":""},"done_reason":"stop",)"
                              R"("done":true,"total_duration":182242375,"load_duration":41295167,)"
                              R"("prompt_eval_count":169,"prompt_eval_duration":24573166,)"
                              R"("eval_count":15,"eval_duration":115959084})"
                              "\r\n",
                              next);
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->finish_reason, FinishReason::kToolCalls);
  EXPECT_EQ(b->usage->prompt_tokens, 169);
  EXPECT_EQ(b->usage->completion_tokens, 15);
  EXPECT_EQ(b->total_duration_ns, 182242375);
  EXPECT_EQ(b->load_duration_ns, 41295167);
  EXPECT_EQ(b->prompt_eval_duration_ns, 24573166);
  EXPECT_EQ(b->eval_duration_ns, 115959084);
}

TEST(DecodeStreamLine, ContentThinkingAndStops) {
  int next = 0;
  auto c = decode_stream_line(R"({"model":"m","message":{"role":"assistant","content":"The",)"
                              R"("thinking":"t","images":null},"done":false})",
                              next);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->content, "The");
  EXPECT_EQ(c->thinking, "t");
  EXPECT_FALSE(c->usage.has_value());
  auto s = decode_stream_line(R"({"model":"m","done":true,"done_reason":"stop"})", next);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->finish_reason, FinishReason::kStop);
  auto l = decode_stream_line(R"({"model":"m","done":true,"done_reason":"length"})", next);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->finish_reason, FinishReason::kLength);
  // The /api/generate shape (streaming.mdx) is understood too.
  auto g = decode_stream_line(R"({"model":"gemma4","response":" Yes","done":false})", next);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->content, " Yes");
  auto blank = decode_stream_line("  \r\n", next);
  ASSERT_TRUE(blank.ok());
  EXPECT_TRUE(blank->content.empty());
}

TEST(DecodeStreamLine, Errors) {
  int next = 0;
  auto e =
      decode_stream_line(R"({"error":"an error was encountered while running the model"})", next);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kUpstream);
  EXPECT_EQ(e.status().message(), "an error was encountered while running the model");
  auto bad = decode_stream_line("data: {", next);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kUpstream);
  EXPECT_NE(bad.status().message().find("invalid JSON"), std::string::npos);
  auto arr = decode_stream_line("[1]", next);
  ASSERT_FALSE(arr.ok());
  EXPECT_EQ(arr.status().code(), StatusCode::kUpstream);
  auto typ = decode_stream_line(R"({"done":"yes"})", next);
  ASSERT_FALSE(typ.ok());
  EXPECT_NE(typ.status().message().find("done: expected a boolean"), std::string::npos);
}

TEST(DecodeStreamLine, LargeLineSpillsToHeap) {
  int next = 0;
  const std::string big(100000, 'x');
  auto c = decode_stream_line(R"({"message":{"content":")" + big + R"("},"done":false})", next);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->content, big);
}

// Provider answer -> front door answer: stream lines re-encoded by the stream encoder.
TEST(RoundTrip, StreamLinesThroughEncoder) {
  int next = 0;
  ChatStreamEncoder enc("m", false);
  std::string out;
  for (std::string_view l : {R"({"message":{"role":"assistant","content":"Hi"},"done":false})",
                             R"({"message":{"role":"assistant","content":"","tool_calls":[)"
                             R"({"function":{"name":"f","arguments":{"a":1}}}]},"done":false})",
                             R"({"message":{"content":""},"done":true,"done_reason":"stop",)"
                             R"("prompt_eval_count":3,"eval_count":4})"}) {
    auto c = decode_stream_line(l, next);
    ASSERT_TRUE(c.ok()) << c.status().message();
    out += enc.encode(*c);
  }
  out += enc.finish();
  std::vector<json::value> got;
  for (std::size_t start = 0, nl; (nl = out.find('\n', start)) != std::string::npos;
       start = nl + 1) {
    got.push_back(json::parse(std::string_view(out).substr(start, nl - start)));
  }
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].at("message").at("content").as_string(), "Hi");
  EXPECT_EQ(got[1].at("message").at("tool_calls").at(0).at("function").at("arguments").at("a"), 1);
  EXPECT_EQ(got[2].at("done").as_bool(), true);
  EXPECT_EQ(got[2].at("eval_count").as_int64(), 4);
}

// Front-door encode -> provider decode.
TEST(RoundTrip, ResponseEncodeDecode) {
  ChatResponse r;
  r.model = "m";
  r.message.role = "assistant";
  r.message.parts.push_back({ContentPart::Kind::kText, "answer \u00e9", {}});
  r.message.thinking = "because";
  r.message.tool_calls.push_back({"call_0", "f", R"({"q":"x"})"});
  r.finish_reason = FinishReason::kToolCalls;
  r.usage = Usage{5, 6};
  r.eval_duration_ns = 99;
  auto d = decode_chat_response(encode_chat_response(r, false));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->model, "m");
  EXPECT_EQ(d->message.text(), "answer \u00e9");
  EXPECT_EQ(d->message.thinking, "because");
  ASSERT_EQ(d->message.tool_calls.size(), 1u);
  EXPECT_EQ(d->message.tool_calls[0].name, "f");
  EXPECT_EQ(d->message.tool_calls[0].arguments, R"({"q":"x"})");
  EXPECT_EQ(d->finish_reason, FinishReason::kToolCalls);
  EXPECT_EQ(d->usage->prompt_tokens, 5);
  EXPECT_EQ(d->usage->completion_tokens, 6);
  EXPECT_EQ(d->eval_duration_ns, 99);
  EXPECT_GT(d->created, 1700000000);
}

}  // namespace
}  // namespace splitpoint::wire::ollama
