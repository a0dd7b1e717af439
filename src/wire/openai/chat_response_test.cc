#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "wire/openai/codec.h"

namespace splitpoint::wire::openai {
namespace {

namespace json = boost::json;

json::value parse_ok(const std::string& s) {
  boost::system::error_code ec;
  json::value v = json::parse(s, ec);
  EXPECT_FALSE(ec) << s;
  return v;
}

ChatResponse text_response(std::string text) {
  ChatResponse r;
  r.id = "chatcmpl-abc";
  r.model = "gpt-4o";
  r.created = 1700000000;
  r.message.role = "assistant";
  r.message.parts.push_back(ContentPart{ContentPart::Kind::kText, std::move(text), {}});
  r.finish_reason = FinishReason::kStop;
  r.usage = Usage{12, 5};
  return r;
}

TEST(EncodeChatResponse, ChatCompletionObject) {
  json::value v = parse_ok(encode_chat_response(text_response("Hello!")));
  EXPECT_EQ(v.at("id").as_string(), "chatcmpl-abc");
  EXPECT_EQ(v.at("object").as_string(), "chat.completion");
  EXPECT_EQ(v.at("created").as_int64(), 1700000000);
  EXPECT_EQ(v.at("model").as_string(), "gpt-4o");
  const json::value& choice = v.at("choices").at(0);
  EXPECT_EQ(choice.at("index").as_int64(), 0);
  EXPECT_EQ(choice.at("message").at("role").as_string(), "assistant");
  EXPECT_EQ(choice.at("message").at("content").as_string(), "Hello!");
  EXPECT_TRUE(choice.at("message").at("refusal").is_null());
  EXPECT_FALSE(choice.at("message").as_object().contains("tool_calls"));
  EXPECT_TRUE(choice.at("logprobs").is_null());
  EXPECT_EQ(choice.at("finish_reason").as_string(), "stop");
  EXPECT_EQ(v.at("usage").at("prompt_tokens").as_int64(), 12);
  EXPECT_EQ(v.at("usage").at("completion_tokens").as_int64(), 5);
  EXPECT_EQ(v.at("usage").at("total_tokens").as_int64(), 17);
}

TEST(EncodeChatResponse, SynthesizesIdCreatedAndOmitsUnknownUsage) {
  ChatResponse r = text_response("x");
  r.id.clear();
  r.created = 0;
  r.usage.reset();
  json::value v = parse_ok(encode_chat_response(r));
  std::string id(v.at("id").as_string());
  EXPECT_EQ(id.rfind("chatcmpl-", 0), 0u);
  EXPECT_GT(id.size(), 9u + 16u);
  EXPECT_GT(v.at("created").as_int64(), 1600000000);
  EXPECT_FALSE(v.as_object().contains("usage"));
  json::value w = parse_ok(encode_chat_response(r));
  EXPECT_NE(w.at("id").as_string(), v.at("id").as_string());
}

TEST(EncodeChatResponse, ToolCallsNullContentAndFinishReason) {
  ChatResponse r = text_response("");
  r.message.parts.clear();
  r.message.tool_calls = {ToolCall{"call_1", "get_weather", R"({"city":"Paris"})"},
                          ToolCall{"", "noop", ""}};
  r.finish_reason = FinishReason::kStop;  // as Ollama reports it
  json::value v = parse_ok(encode_chat_response(r));
  const json::value& msg = v.at("choices").at(0).at("message");
  EXPECT_TRUE(msg.at("content").is_null());
  const json::value& calls = msg.at("tool_calls");
  EXPECT_EQ(calls.at(0).at("id").as_string(), "call_1");
  EXPECT_EQ(calls.at(0).at("type").as_string(), "function");
  EXPECT_EQ(calls.at(0).at("function").at("name").as_string(), "get_weather");
  EXPECT_EQ(calls.at(0).at("function").at("arguments").as_string(), R"({"city":"Paris"})");
  EXPECT_EQ(std::string(calls.at(1).at("id").as_string()).rfind("call_", 0), 0u);
  EXPECT_EQ(calls.at(1).at("function").at("arguments").as_string(), "{}");
  EXPECT_EQ(v.at("choices").at(0).at("finish_reason").as_string(), "tool_calls");
}

TEST(EncodeChatResponse, FinishReasons) {
  ChatResponse r = text_response("x");
  r.finish_reason = FinishReason::kLength;
  EXPECT_EQ(parse_ok(encode_chat_response(r)).at("choices").at(0).at("finish_reason"), "length");
  r.finish_reason = FinishReason::kContentFilter;
  EXPECT_EQ(parse_ok(encode_chat_response(r)).at("choices").at(0).at("finish_reason"),
            "content_filter");
  r.finish_reason = FinishReason::kNone;
  EXPECT_EQ(parse_ok(encode_chat_response(r)).at("choices").at(0).at("finish_reason"), "stop");
}

TEST(ChatResponse, EncodeDecodeRoundTrip) {
  ChatResponse r = text_response("Sure: \"quoted\"\nline");
  r.message.thinking = "let me think";
  r.message.tool_calls = {ToolCall{"call_7", "f", R"({"a":[1,2]})"}};
  r.finish_reason = FinishReason::kToolCalls;
  Result<ChatResponse> back = decode_chat_response(encode_chat_response(r));
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(back->id, r.id);
  EXPECT_EQ(back->model, r.model);
  EXPECT_EQ(back->created, r.created);
  EXPECT_EQ(back->message.role, "assistant");
  EXPECT_EQ(back->message.text(), r.message.text());
  EXPECT_EQ(back->message.thinking, "let me think");
  ASSERT_EQ(back->message.tool_calls.size(), 1u);
  EXPECT_EQ(back->message.tool_calls[0].id, "call_7");
  EXPECT_EQ(back->message.tool_calls[0].name, "f");
  EXPECT_EQ(back->message.tool_calls[0].arguments, R"({"a":[1,2]})");
  EXPECT_EQ(back->finish_reason, FinishReason::kToolCalls);
  ASSERT_TRUE(back->usage.has_value());
  EXPECT_EQ(back->usage->prompt_tokens, 12);
  EXPECT_EQ(back->usage->completion_tokens, 5);
}

TEST(DecodeChatResponse, RealOpenAIAnswer) {
  const std::string body = R"({
    "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
    "object": "chat.completion",
    "created": 1741569952,
    "model": "gpt-4.1-2025-04-14",
    "choices": [{
      "index": 0,
      "message": {"role": "assistant", "content": "Hello! How can I assist you today?",
                  "refusal": null, "annotations": []},
      "logprobs": null,
      "finish_reason": "stop"
    }],
    "usage": {"prompt_tokens": 19, "completion_tokens": 10, "total_tokens": 29,
      "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
      "completion_tokens_details": {"reasoning_tokens": 0}},
    "service_tier": "default"
  })";
  Result<ChatResponse> r = decode_chat_response(body);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->id, "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
  EXPECT_EQ(r->model, "gpt-4.1-2025-04-14");
  EXPECT_EQ(r->created, 1741569952);
  EXPECT_EQ(r->message.text(), "Hello! How can I assist you today?");
  EXPECT_EQ(r->finish_reason, FinishReason::kStop);
  EXPECT_EQ(r->usage->prompt_tokens, 19);
  EXPECT_EQ(r->usage->completion_tokens, 10);
}

TEST(DecodeChatResponse, LenientShapes) {
  // Content parts, null finish_reason, no usage, "reasoning" (Ollama's OpenAI layer).
  Result<ChatResponse> r = decode_chat_response(R"({"choices":[{"message":{"content":[
    {"type":"text","text":"a"},{"type":"text","text":"b"}],"reasoning":"hmm"},
    "finish_reason":null}]})");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->message.text(), "ab");
  EXPECT_EQ(r->message.thinking, "hmm");
  EXPECT_EQ(r->finish_reason, FinishReason::kStop);
  EXPECT_FALSE(r->usage.has_value());
}

TEST(DecodeChatResponse, ErrorsAreUpstream) {
  struct Case {
    std::string body;
    std::string message;
  };
  const Case cases[] = {
      {"not json", "invalid upstream chat response: invalid JSON: syntax error at offset 0"},
      {"[]", "invalid upstream chat response: expected a JSON object"},
      {R"({"id":"x"})", "invalid upstream chat response: choices: is required"},
      {R"({"choices":[]})", "invalid upstream chat response: choices: is empty"},
      {R"({"choices":[{}]})", "invalid upstream chat response: choices[0].message: is required"},
      {R"({"choices":[{"message":{"content":5}}]})",
       "invalid upstream chat response: choices[0].message.content: expected a string, null or "
       "an array of content parts"},
      {R"({"choices":[{"message":{"tool_calls":[{"function":{}}]}}]})",
       "invalid upstream chat response: choices[0].message.tool_calls[0].function.name: is "
       "required"},
      {R"({"choices":[{"message":{}}],"usage":{"prompt_tokens":"many"}})",
       "invalid upstream chat response: usage.prompt_tokens: expected an integer"},
      {R"({"error":{"message":"The model does not exist","type":"invalid_request_error"}})",
       "upstream error: The model does not exist"},
  };
  for (const Case& c : cases) {
    Result<ChatResponse> r = decode_chat_response(c.body);
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(r.status().code(), StatusCode::kUpstream);
    EXPECT_EQ(r.status().message(), c.message);
  }
}

}  // namespace
}  // namespace splitpoint::wire::openai
