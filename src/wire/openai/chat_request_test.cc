#include <gtest/gtest.h>

#include <string>

#include "wire/openai/codec.h"

namespace splitpoint::wire::openai {
namespace {

ChatRequest decode_ok(std::string_view body) {
  Result<ChatRequest> r = decode_chat_request(body);
  EXPECT_TRUE(r.ok()) << r.status().to_string();
  return r.ok() ? std::move(r).value() : ChatRequest{};
}

std::string decode_error_message(std::string_view body) {
  Result<ChatRequest> r = decode_chat_request(body);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return {};
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  return r.status().message();
}

TEST(DecodeChatRequest, MinimalRequest) {
  ChatRequest r = decode_ok(R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]})");
  EXPECT_EQ(r.model, "gpt-4o");
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].role, "user");
  EXPECT_EQ(r.messages[0].text(), "hi");
  EXPECT_FALSE(r.stream);
  EXPECT_FALSE(r.include_usage);
  EXPECT_EQ(r.origin, Protocol::kOpenAI);
  EXPECT_TRUE(r.extra.empty());
  EXPECT_FALSE(r.options.temperature.has_value());
}

TEST(DecodeChatRequest, SamplingOptions) {
  ChatRequest r = decode_ok(R"({"model":"m","messages":[{"role":"user","content":"x"}],
    "temperature":0.7,"top_p":1,"max_tokens":100,"seed":42,"stop":["a","b"],
    "presence_penalty":-0.5,"frequency_penalty":1.5,"stream":true,
    "stream_options":{"include_usage":true}})");
  EXPECT_DOUBLE_EQ(*r.options.temperature, 0.7);
  EXPECT_DOUBLE_EQ(*r.options.top_p, 1.0);
  EXPECT_EQ(*r.options.max_tokens, 100);
  EXPECT_EQ(*r.options.seed, 42);
  EXPECT_EQ(r.options.stop, (std::vector<std::string>{"a", "b"}));
  EXPECT_DOUBLE_EQ(*r.options.presence_penalty, -0.5);
  EXPECT_DOUBLE_EQ(*r.options.frequency_penalty, 1.5);
  EXPECT_TRUE(r.stream);
  EXPECT_TRUE(r.include_usage);
}

TEST(DecodeChatRequest, StopStringAndNullsAreAbsent) {
  ChatRequest r = decode_ok(R"({"model":"m","messages":[{"role":"user","content":"x"}],
    "stop":"END","temperature":null,"max_tokens":null,"stream":null,"tools":null})");
  EXPECT_EQ(r.options.stop, std::vector<std::string>{"END"});
  EXPECT_FALSE(r.options.temperature.has_value());
  EXPECT_FALSE(r.options.max_tokens.has_value());
  EXPECT_FALSE(r.stream);
  EXPECT_TRUE(r.extra.empty());
}

TEST(DecodeChatRequest, MaxCompletionTokensWinsWhateverTheOrder) {
  ChatRequest a = decode_ok(R"({"model":"m","messages":[{"role":"user","content":"x"}],
    "max_completion_tokens":5,"max_tokens":100})");
  EXPECT_EQ(*a.options.max_tokens, 5);
  ChatRequest b = decode_ok(R"({"model":"m","messages":[{"role":"user","content":"x"}],
    "max_tokens":100,"max_completion_tokens":7})");
  EXPECT_EQ(*b.options.max_tokens, 7);
}

TEST(DecodeChatRequest, RolesAndDeveloperMapsToSystem) {
  ChatRequest r = decode_ok(R"({"model":"m","messages":[
    {"role":"developer","content":"be brief"},{"role":"system","content":"s"},
    {"role":"user","content":"u","name":"alice"},{"role":"assistant","content":"a"}]})");
  ASSERT_EQ(r.messages.size(), 4u);
  EXPECT_EQ(r.messages[0].role, "system");
  EXPECT_EQ(r.messages[0].text(), "be brief");
  EXPECT_EQ(r.messages[1].role, "system");
  EXPECT_EQ(r.messages[2].name, "alice");
  EXPECT_EQ(r.messages[3].role, "assistant");
}

TEST(DecodeChatRequest, MultiPartContentWithImages) {
  ChatRequest r = decode_ok(R"({"model":"m","messages":[{"role":"user","content":[
    {"type":"text","text":"What is in "},
    {"type":"image_url","image_url":{"url":"https://x/cat.png","detail":"high"}},
    {"type":"text","text":"this?"},
    {"type":"image_url","image_url":"data:image/png;base64,AAAA"}]}]})");
  const Message& m = r.messages[0];
  ASSERT_EQ(m.parts.size(), 4u);
  EXPECT_EQ(m.parts[0].kind, ContentPart::Kind::kText);
  EXPECT_EQ(m.parts[1].kind, ContentPart::Kind::kImage);
  EXPECT_EQ(m.parts[1].text, "https://x/cat.png");
  EXPECT_EQ(m.parts[1].detail, "high");
  EXPECT_EQ(m.parts[3].kind, ContentPart::Kind::kImage);
  EXPECT_EQ(m.parts[3].text, "data:image/png;base64,AAAA");
  EXPECT_EQ(m.parts[3].detail, "");
  EXPECT_EQ(m.text(), "What is in this?");
  EXPECT_TRUE(r.has_image());
}

TEST(DecodeChatRequest, ToolCallsAndToolMessages) {
  ChatRequest r = decode_ok(R"({"model":"m","messages":[
    {"role":"user","content":"weather?"},
    {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
      "function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
    {"role":"tool","tool_call_id":"call_1","content":"sunny"}]})");
  const Message& a = r.messages[1];
  EXPECT_TRUE(a.parts.empty());
  ASSERT_EQ(a.tool_calls.size(), 1u);
  EXPECT_EQ(a.tool_calls[0].id, "call_1");
  EXPECT_EQ(a.tool_calls[0].name, "get_weather");
  EXPECT_EQ(a.tool_calls[0].arguments, R"({"city":"Paris"})");
  EXPECT_EQ(r.messages[2].role, "tool");
  EXPECT_EQ(r.messages[2].tool_call_id, "call_1");
  EXPECT_EQ(r.messages[2].text(), "sunny");
}

TEST(DecodeChatRequest, ToolCallArgumentsAsObjectAreAccepted) {
  ChatRequest r = decode_ok(R"({"model":"m","messages":[{"role":"assistant","tool_calls":[
    {"id":"c","type":"function","function":{"name":"f","arguments":{"a":1}}}]}]})");
  EXPECT_EQ(r.messages[0].tool_calls[0].arguments, R"({"a":1})");
}

TEST(DecodeChatRequest, ToolsAndToolChoice) {
  ChatRequest r = decode_ok(R"({"model":"m","messages":[{"role":"user","content":"x"}],
    "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather",
      "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
      {"type":"function","function":{"name":"noop"}}],
    "tool_choice":{"type":"function","function":{"name":"get_weather"}}})");
  ASSERT_EQ(r.tools.size(), 2u);
  EXPECT_EQ(r.tools[0].name, "get_weather");
  EXPECT_EQ(r.tools[0].description, "Weather");
  EXPECT_EQ(r.tools[0].parameters,
            R"({"type":"object","properties":{"city":{"type":"string"}},"required":["city"]})");
  EXPECT_EQ(r.tools[1].parameters, "");
  EXPECT_EQ(r.tool_choice, R"({"type":"function","function":{"name":"get_weather"}})");

  ChatRequest s = decode_ok(R"({"model":"m","messages":[{"role":"user","content":"x"}],
    "tool_choice":"auto"})");
  EXPECT_EQ(s.tool_choice, R"("auto")");
}

TEST(DecodeChatRequest, ResponseFormats) {
  ChatRequest js = decode_ok(R"({"model":"m","messages":[{"role":"user","content":"x"}],
    "response_format":{"type":"json_schema","json_schema":{"name":"person","strict":true,
      "schema":{"type":"object","properties":{"age":{"type":"number","minimum":0.5}}}}}})");
  EXPECT_EQ(js.response_format.kind, ResponseFormat::Kind::kJsonSchema);
  EXPECT_EQ(js.response_format.name, "person");
  EXPECT_TRUE(js.response_format.strict);
  EXPECT_EQ(js.response_format.schema,
            R"({"type":"object","properties":{"age":{"type":"number","minimum":0.5}}})");

  ChatRequest jo = decode_ok(R"({"model":"m","messages":[{"role":"user","content":"x"}],
    "response_format":{"type":"json_object"}})");
  EXPECT_EQ(jo.response_format.kind, ResponseFormat::Kind::kJsonObject);
  ChatRequest t = decode_ok(R"({"model":"m","messages":[{"role":"user","content":"x"}],
    "response_format":{"type":"text"}})");
  EXPECT_EQ(t.response_format.kind, ResponseFormat::Kind::kText);
}

TEST(DecodeChatRequest, UnknownFieldsGoToExtraVerbatim) {
  ChatRequest r = decode_ok(R"({"n":2,"model":"m","user":"u-1","messages":[
    {"role":"user","content":"x"}],"logit_bias":{"50256":-100},"logprobs":true,
    "parallel_tool_calls":false,"metadata":{"k":"v"},"store":null,"service_tier":"auto"})");
  ASSERT_EQ(r.extra.size(), 8u);
  EXPECT_EQ(r.extra[0].name, "n");
  EXPECT_EQ(r.extra[0].json, "2");
  EXPECT_EQ(r.extra[1].name, "user");
  EXPECT_EQ(r.extra[1].json, R"("u-1")");
  EXPECT_EQ(r.extra[2].name, "logit_bias");
  EXPECT_EQ(r.extra[2].json, R"({"50256":-100})");
  EXPECT_EQ(r.extra[3].json, "true");
  EXPECT_EQ(r.extra[4].json, "false");
  EXPECT_EQ(r.extra[5].json, R"({"k":"v"})");
  EXPECT_EQ(r.extra[6].json, "null");
  EXPECT_EQ(r.extra[7].name, "service_tier");
  EXPECT_EQ(r.origin, Protocol::kOpenAI);
}

TEST(DecodeChatRequest, InvalidJsonNamesParserMessageAndOffset) {
  EXPECT_EQ(decode_error_message(R"({"model":"m",})"), "invalid JSON: syntax error at offset 13");
  EXPECT_EQ(decode_error_message(R"({"model":)"), "invalid JSON: incomplete JSON at offset 9");
  EXPECT_EQ(decode_error_message(""), "invalid JSON: incomplete JSON at offset 0");
  EXPECT_EQ(decode_error_message(R"({} x)"), "invalid JSON: extra data at offset 3");
}

TEST(DecodeChatRequest, StructuralErrors) {
  EXPECT_EQ(decode_error_message("[1]"), "request body: expected a JSON object");
  EXPECT_EQ(decode_error_message(R"({"messages":[{"role":"user","content":"x"}]})"),
            "model: is required");
  EXPECT_EQ(decode_error_message(R"({"model":"","messages":[{"role":"user","content":"x"}]})"),
            "model: must not be empty");
  EXPECT_EQ(decode_error_message(R"({"model":"m"})"), "messages: is required");
  EXPECT_EQ(decode_error_message(R"({"model":"m","messages":[]})"),
            "messages: must contain at least one message");
  EXPECT_EQ(decode_error_message(R"({"model":"m","messages":{}})"),
            "messages: expected an array of messages");
  EXPECT_EQ(decode_error_message(R"({"model":7,"messages":[]})"), "model: expected a string");
}

TEST(DecodeChatRequest, MessageErrorsNameThePath) {
  EXPECT_EQ(decode_error_message(R"({"model":"m","messages":[{"role":"user","content":"a"},
    {"role":"user","content":"b"},{"role":"user","content":5}]})"),
            "messages[2].content: expected a string or an array of content parts");
  EXPECT_EQ(decode_error_message(R"({"model":"m","messages":[{"role":"wizard","content":"a"}]})"),
            "messages[0].role: unsupported role 'wizard'");
  EXPECT_EQ(decode_error_message(R"({"model":"m","messages":[{"content":"a"}]})"),
            "messages[0].role: is required");
  EXPECT_EQ(decode_error_message(R"({"model":"m","messages":[{"role":"user"}]})"),
            "messages[0].content: is required");
  EXPECT_EQ(decode_error_message(R"({"model":"m","messages":[{"role":"user","content":null}]})"),
            "messages[0].content: expected a string or an array of content parts");
  EXPECT_EQ(decode_error_message(R"({"model":"m","messages":["hi"]})"),
            "messages[0]: expected a message object");
  EXPECT_EQ(decode_error_message(R"({"model":"m","messages":[{"role":"user","content":[
    {"type":"input_audio","input_audio":{}}]}]})"),
            "messages[0].content[0]: unsupported content part type 'input_audio'");
  EXPECT_EQ(decode_error_message(R"({"model":"m","messages":[{"role":"user","content":[
    {"type":"text","text":"a"},{"type":"text"}]}]})"),
            "messages[0].content[1].text: is required");
  EXPECT_EQ(decode_error_message(R"({"model":"m","messages":[{"role":"user","content":[
    {"type":"image_url","image_url":{"detail":"low"}}]}]})"),
            "messages[0].content[0].image_url.url: is required");
  EXPECT_EQ(decode_error_message(R"({"model":"m","messages":[{"role":"assistant","tool_calls":[
    {"id":"c","type":"function","function":{"arguments":"{}"}}]}]})"),
            "messages[0].tool_calls[0].function.name: is required");
  EXPECT_EQ(decode_error_message(R"({"model":"m","messages":[{"role":"user","content":"x",
    "name":3}]})"),
            "messages[0].name: expected a string");
}

TEST(DecodeChatRequest, FieldTypeErrors) {
  const std::string pre = R"({"model":"m","messages":[{"role":"user","content":"x"}],)";
  EXPECT_EQ(decode_error_message(pre + R"("temperature":"hot"})"),
            "temperature: expected a number");
  EXPECT_EQ(decode_error_message(pre + R"("max_tokens":1.5})"), "max_tokens: expected an integer");
  EXPECT_EQ(decode_error_message(pre + R"("stream":"yes"})"), "stream: expected a boolean");
  EXPECT_EQ(decode_error_message(pre + R"("stop":[1]})"), "stop[0]: expected a string");
  EXPECT_EQ(decode_error_message(pre + R"("stream_options":{"include_usage":1}})"),
            "stream_options.include_usage: expected a boolean");
  EXPECT_EQ(decode_error_message(pre + R"("tools":[{"type":"code_interpreter"}]})"),
            "tools[0].type: unsupported tool type 'code_interpreter'");
  EXPECT_EQ(decode_error_message(pre + R"("tools":[{"type":"function","function":
    {"name":"f","parameters":"{}"}}]})"),
            "tools[0].function.parameters: expected an object");
  EXPECT_EQ(decode_error_message(pre + R"("tools":[{"function":{"name":"f"}}]})"),
            "tools[0].type: is required");
  EXPECT_EQ(decode_error_message(pre + R"("response_format":{}})"),
            "response_format.type: is required");
  EXPECT_EQ(decode_error_message(pre + R"("tool_choice":3})"),
            "tool_choice: expected a string or an object");
  EXPECT_EQ(decode_error_message(pre + R"("response_format":{"type":"yaml"}})"),
            "response_format.type: unsupported response format type 'yaml'");
  EXPECT_EQ(decode_error_message(pre + R"("response_format":{"type":"json_schema"}})"),
            "response_format.json_schema: is required");
  EXPECT_EQ(decode_error_message(pre + R"("response_format":{"type":"json_schema",
    "json_schema":{"name":"x","strict":"yes"}}})"),
            "response_format.json_schema.strict: expected a boolean");
}

}  // namespace
}  // namespace splitpoint::wire::openai
