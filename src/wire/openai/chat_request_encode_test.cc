#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "wire/openai/codec.h"

namespace splitpoint::wire::openai {
namespace {

namespace json = boost::json;

json::object encode_to_object(const ChatRequest& r, std::string_view model) {
  std::string body = encode_chat_request(r, model);
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  EXPECT_FALSE(ec) << body;
  return v.is_object() ? v.get_object() : json::object{};
}

Message text_message(std::string role, std::string text) {
  Message m;
  m.role = std::move(role);
  m.parts.push_back(ContentPart{ContentPart::Kind::kText, std::move(text), {}});
  return m;
}

TEST(EncodeChatRequest, RoundTripsThroughDecode) {
  const std::string body = R"({"model":"client-model","messages":[
    {"role":"system","content":"sys"},
    {"role":"user","name":"bob","content":[{"type":"text","text":"look"},
      {"type":"image_url","image_url":{"url":"https://x/a.png","detail":"low"}}]},
    {"role":"assistant","content":null,"tool_calls":[{"id":"call_9","type":"function",
      "function":{"name":"f","arguments":"{\"q\":\"\\n\"}"}}]},
    {"role":"tool","tool_call_id":"call_9","content":"result"}],
    "temperature":0.2,"top_p":0.9,"max_completion_tokens":64,"seed":-3,"stop":["x"],
    "presence_penalty":0.1,"frequency_penalty":0.25,
    "tools":[{"type":"function","function":{"name":"f","description":"d",
      "parameters":{"type":"object"}}}],"tool_choice":"required",
    "response_format":{"type":"json_schema","json_schema":{"name":"n","schema":{"type":"object"},
      "strict":true}},"n":1,"user":"u"})";
  Result<ChatRequest> first = decode_chat_request(body);
  ASSERT_TRUE(first.ok()) << first.status().to_string();
  std::string encoded = encode_chat_request(*first, "upstream-model");
  Result<ChatRequest> second = decode_chat_request(encoded);
  ASSERT_TRUE(second.ok()) << second.status().to_string() << "\n" << encoded;
  const ChatRequest& a = *first;
  const ChatRequest& b = *second;
  EXPECT_EQ(b.model, "upstream-model");
  ASSERT_EQ(b.messages.size(), a.messages.size());
  for (std::size_t i = 0; i < a.messages.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(b.messages[i].role, a.messages[i].role);
    EXPECT_EQ(b.messages[i].name, a.messages[i].name);
    EXPECT_EQ(b.messages[i].tool_call_id, a.messages[i].tool_call_id);
    ASSERT_EQ(b.messages[i].parts.size(), a.messages[i].parts.size());
    for (std::size_t j = 0; j < a.messages[i].parts.size(); ++j) {
      EXPECT_EQ(b.messages[i].parts[j].kind, a.messages[i].parts[j].kind);
      EXPECT_EQ(b.messages[i].parts[j].text, a.messages[i].parts[j].text);
      EXPECT_EQ(b.messages[i].parts[j].detail, a.messages[i].parts[j].detail);
    }
    ASSERT_EQ(b.messages[i].tool_calls.size(), a.messages[i].tool_calls.size());
    for (std::size_t j = 0; j < a.messages[i].tool_calls.size(); ++j) {
      EXPECT_EQ(b.messages[i].tool_calls[j].id, a.messages[i].tool_calls[j].id);
      EXPECT_EQ(b.messages[i].tool_calls[j].name, a.messages[i].tool_calls[j].name);
      EXPECT_EQ(b.messages[i].tool_calls[j].arguments, a.messages[i].tool_calls[j].arguments);
    }
  }
  EXPECT_EQ(b.options.temperature, a.options.temperature);
  EXPECT_EQ(b.options.top_p, a.options.top_p);
  EXPECT_EQ(b.options.max_tokens, a.options.max_tokens);
  EXPECT_EQ(b.options.seed, a.options.seed);
  EXPECT_EQ(b.options.stop, a.options.stop);
  EXPECT_EQ(b.options.presence_penalty, a.options.presence_penalty);
  EXPECT_EQ(b.options.frequency_penalty, a.options.frequency_penalty);
  ASSERT_EQ(b.tools.size(), 1u);
  EXPECT_EQ(b.tools[0].name, "f");
  EXPECT_EQ(b.tools[0].description, "d");
  EXPECT_EQ(b.tools[0].parameters, a.tools[0].parameters);
  EXPECT_EQ(b.tool_choice, a.tool_choice);
  EXPECT_EQ(b.response_format.kind, ResponseFormat::Kind::kJsonSchema);
  EXPECT_EQ(b.response_format.name, "n");
  EXPECT_EQ(b.response_format.schema, a.response_format.schema);
  EXPECT_TRUE(b.response_format.strict);
  ASSERT_EQ(b.extra.size(), 2u);
  EXPECT_EQ(b.extra[0].name, "n");
  EXPECT_EQ(b.extra[1].json, R"("u")");
}

TEST(EncodeChatRequest, ShapesOfTheBody) {
  ChatRequest r;
  r.model = "client";
  r.messages.push_back(text_message("user", "hi"));
  r.options.temperature = 0.7;
  r.options.max_tokens = 10;
  json::object o = encode_to_object(r, "gpt-4o-mini");
  EXPECT_EQ(o.at("model").as_string(), "gpt-4o-mini");
  EXPECT_EQ(o.at("messages").at(0).at("content").as_string(), "hi");
  EXPECT_EQ(o.at("max_completion_tokens").as_int64(), 10);
  EXPECT_FALSE(o.contains("max_tokens"));
  EXPECT_FALSE(o.contains("stream"));
  EXPECT_FALSE(o.contains("stream_options"));
  EXPECT_FALSE(o.contains("response_format"));
  EXPECT_FALSE(o.contains("tools"));
  // The shortest round-trip form, not Boost.JSON's "7E-1".
  EXPECT_NE(encode_chat_request(r, "m").find(R"("temperature":0.7)"), std::string::npos);
}

TEST(EncodeChatRequest, StreamAlwaysAsksForUsage) {
  ChatRequest r;
  r.messages.push_back(text_message("user", "hi"));
  r.stream = true;
  r.include_usage = false;
  json::object o = encode_to_object(r, "m");
  EXPECT_TRUE(o.at("stream").as_bool());
  EXPECT_TRUE(o.at("stream_options").at("include_usage").as_bool());
}

TEST(EncodeChatRequest, ExtraOnlyFromOpenAIOrigin) {
  ChatRequest r;
  r.messages.push_back(text_message("user", "hi"));
  r.extra.push_back(ExtraField{"logprobs", "true"});
  r.extra.push_back(ExtraField{"model", R"("sneaky")"});  // never duplicates a modelled key
  r.origin = Protocol::kOpenAI;
  json::object o = encode_to_object(r, "m");
  EXPECT_TRUE(o.at("logprobs").as_bool());
  EXPECT_EQ(o.at("model").as_string(), "m");
  r.origin = Protocol::kOllama;
  r.extra = {ExtraField{"keep_alive", R"("5m")"}};
  json::object p = encode_to_object(r, "m");
  EXPECT_FALSE(p.contains("keep_alive"));
}

TEST(EncodeChatRequest, JsonSchemaWithoutNameIsNamedResponse) {
  ChatRequest r;
  r.messages.push_back(text_message("user", "hi"));
  r.response_format.kind = ResponseFormat::Kind::kJsonSchema;
  r.response_format.schema = R"({"type":"object"})";
  json::object o = encode_to_object(r, "m");
  const json::value& js = o.at("response_format").at("json_schema");
  EXPECT_EQ(o.at("response_format").at("type").as_string(), "json_schema");
  EXPECT_EQ(js.at("name").as_string(), "response");
  EXPECT_EQ(js.at("schema").at("type").as_string(), "object");
  EXPECT_FALSE(js.at("strict").as_bool());

  r.response_format.kind = ResponseFormat::Kind::kJsonObject;
  json::object q = encode_to_object(r, "m");
  EXPECT_EQ(json::serialize(q.at("response_format")), R"({"type":"json_object"})");
}

TEST(EncodeChatRequest, ToolCallsWithoutIdsGetIdsMatchedByToolMessages) {
  // An Ollama-origin conversation: calls without ids, tool answers named by tool.
  ChatRequest r;
  r.origin = Protocol::kOllama;
  r.messages.push_back(text_message("user", "weather and time?"));
  Message a;
  a.role = "assistant";
  a.tool_calls = {ToolCall{"", "weather", R"({"city":"Oslo"})"}, ToolCall{"", "time", ""}};
  r.messages.push_back(a);
  Message t1 = text_message("tool", "12:00");
  t1.name = "time";
  Message t2 = text_message("tool", "rain");
  t2.name = "weather";
  r.messages.push_back(t1);
  r.messages.push_back(t2);
  json::object o = encode_to_object(r, "m");
  const json::array& msgs = o.at("messages").as_array();
  const json::value& calls = msgs[1].at("tool_calls");
  EXPECT_TRUE(msgs[1].at("content").is_null());
  std::string weather_id(calls.at(0).at("id").as_string());
  std::string time_id(calls.at(1).at("id").as_string());
  EXPECT_EQ(weather_id.rfind("call_", 0), 0u);
  EXPECT_NE(weather_id, time_id);
  EXPECT_EQ(calls.at(1).at("function").at("arguments").as_string(), "{}");
  EXPECT_EQ(calls.at(0).at("type").as_string(), "function");
  EXPECT_EQ(msgs[2].at("tool_call_id").as_string(), time_id);
  EXPECT_EQ(msgs[3].at("tool_call_id").as_string(), weather_id);
  EXPECT_FALSE(msgs[2].as_object().contains("name"));
}

TEST(EncodeChatRequest, EscapesStrings) {
  ChatRequest r;
  r.messages.push_back(text_message("user", std::string("q\"\\\n\t\x01 \xC3\xA9")));
  std::string body = encode_chat_request(r, "m");
  EXPECT_NE(body.find(R"("q\"\\\n\t\u0001 )"), std::string::npos) << body;
  Result<ChatRequest> back = decode_chat_request(body);
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(back->messages[0].text(), r.messages[0].text());
}

}  // namespace
}  // namespace splitpoint::wire::openai
