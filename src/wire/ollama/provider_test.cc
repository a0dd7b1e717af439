#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "wire/ollama/codec.h"

namespace splitpoint::wire::ollama {
namespace {

namespace json = boost::json;

json::object encode_ok(const ChatRequest& r, std::string_view model = "upstream-model") {
  auto body = encode_chat_request(r, model);
  EXPECT_TRUE(body.ok()) << body.status().message();
  return body.ok() ? json::parse(*body).as_object() : json::object();
}

Message text_message(std::string role, std::string text) {
  Message m;
  m.role = std::move(role);
  m.parts.push_back({ContentPart::Kind::kText, std::move(text), {}});
  return m;
}

TEST(EncodeChatRequest, BasicShape) {
  ChatRequest r;
  r.model = "client-name";
  r.stream = true;
  r.messages.push_back(text_message("system", "be brief"));
  r.messages.push_back(text_message("user", "hi"));
  auto v = encode_ok(r);
  EXPECT_EQ(v.at("model").as_string(), "upstream-model");
  EXPECT_EQ(v.at("stream").as_bool(), true);
  ASSERT_EQ(v.at("messages").as_array().size(), 2u);
  EXPECT_EQ(v.at("messages").at(1).at("role").as_string(), "user");
  EXPECT_EQ(v.at("messages").at(1).at("content").as_string(), "hi");
  EXPECT_FALSE(v.contains("options"));
  EXPECT_FALSE(v.contains("format"));
  EXPECT_FALSE(v.contains("tools"));
}

TEST(EncodeChatRequest, ImagesOptionsFormatTools) {
  ChatRequest r;
  Message m = text_message("user", "what is this?");
  m.parts.push_back({ContentPart::Kind::kText, " and this?", {}});
  m.parts.push_back({ContentPart::Kind::kImage, "data:image/jpeg;base64,/9j/AAAA", "high"});
  r.messages.push_back(m);
  r.options.temperature = 0.25;
  r.options.top_p = 0.5;
  r.options.top_k = 40;
  r.options.max_tokens = 128;
  r.options.seed = 7;
  r.options.stop = {"END"};
  r.options.presence_penalty = 1.5;
  r.options.frequency_penalty = 0.5;
  r.response_format.kind = ResponseFormat::Kind::kJsonSchema;
  r.response_format.schema = R"({"type": "object"})";
  r.tools.push_back({"get_weather", "Get weather", R"({"type":"object","properties":{}})"});
  r.tools.push_back({"noop", "", ""});
  auto v = encode_ok(r);
  const json::value& msg = v.at("messages").at(0);
  EXPECT_EQ(msg.at("content").as_string(), "what is this? and this?");
  EXPECT_EQ(msg.at("images"), json::parse(R"(["/9j/AAAA"])"));
  const json::object& o = v.at("options").as_object();
  EXPECT_EQ(o.at("temperature").as_double(), 0.25);
  EXPECT_EQ(o.at("top_p").as_double(), 0.5);
  EXPECT_EQ(o.at("top_k").as_int64(), 40);
  EXPECT_EQ(o.at("num_predict").as_int64(), 128);
  EXPECT_EQ(o.at("seed").as_int64(), 7);
  EXPECT_EQ(o.at("stop"), json::parse(R"(["END"])"));
  EXPECT_EQ(o.at("presence_penalty").as_double(), 1.5);
  EXPECT_EQ(o.at("frequency_penalty").as_double(), 0.5);
  EXPECT_EQ(v.at("format"), json::parse(R"({"type":"object"})"));
  EXPECT_EQ(v.at("tools").at(0).at("type").as_string(), "function");
  EXPECT_EQ(v.at("tools").at(0).at("function").at("name").as_string(), "get_weather");
  EXPECT_EQ(v.at("tools").at(0).at("function").at("parameters").at("type").as_string(), "object");
  EXPECT_FALSE(v.at("tools").at(1).at("function").as_object().contains("parameters"));

  r.response_format.kind = ResponseFormat::Kind::kJsonObject;
  EXPECT_EQ(encode_ok(r).at("format").as_string(), "json");
}

TEST(EncodeChatRequest, ToolMessagesAndAssistantCalls) {
  ChatRequest r;
  r.messages.push_back(text_message("user", "weather?"));
  Message a;
  a.role = "assistant";
  a.tool_calls.push_back({"call_9", "get_weather", R"({"city":"Paris"})"});
  r.messages.push_back(a);
  Message t = text_message("tool", "11 C");
  t.tool_call_id = "call_9";  // an OpenAI client: no name, only the id
  r.messages.push_back(t);
  Message named = text_message("tool", "12 C");
  named.name = "explicit";
  r.messages.push_back(named);
  auto v = encode_ok(r);
  const json::value& call = v.at("messages").at(1).at("tool_calls").at(0);
  EXPECT_EQ(call.at("function").at("name").as_string(), "get_weather");
  EXPECT_EQ(call.at("function").at("arguments"), json::parse(R"({"city":"Paris"})"));
  EXPECT_EQ(v.at("messages").at(2).at("tool_name").as_string(), "get_weather");
  EXPECT_EQ(v.at("messages").at(3).at("tool_name").as_string(), "explicit");
}

TEST(EncodeChatRequest, ExtrasOnlyForOllamaOrigin) {
  ChatRequest r;
  r.extra = {{"keep_alive", R"("5m")"},
             {"options.num_ctx", "4096"},
             {"model", R"("evil")"},
             {"options.temperature", "2"}};
  r.options.temperature = 0.1;
  r.origin = Protocol::kOpenAI;
  auto v = encode_ok(r);
  EXPECT_FALSE(v.contains("keep_alive"));
  EXPECT_FALSE(v.at("options").as_object().contains("num_ctx"));

  r.origin = Protocol::kOllama;
  v = encode_ok(r);
  EXPECT_EQ(v.at("keep_alive").as_string(), "5m");
  EXPECT_EQ(v.at("options").at("num_ctx").as_int64(), 4096);
  EXPECT_EQ(v.at("options").at("temperature").as_double(), 0.1);  // the modelled value wins
  EXPECT_EQ(v.at("model").as_string(), "upstream-model");         // not overridden
  EXPECT_EQ(v.at("options").as_object().size(), 2u);

  r.options = {};
  r.extra = {{"options.num_ctx", "4096"}};
  EXPECT_EQ(encode_ok(r).at("options").at("num_ctx").as_int64(), 4096);
}

TEST(EncodeChatRequest, GenerateRequestBecomesChat) {
  auto g = decode_generate_request(R"({"model": "m", "prompt": "p", "system": "s",
    "suffix": "end", "stream": false})");
  ASSERT_TRUE(g.ok());
  auto v = encode_ok(*g);
  EXPECT_EQ(v.at("messages").as_array().size(), 2u);
  EXPECT_EQ(v.at("messages").at(0).at("role").as_string(), "system");
  EXPECT_EQ(v.at("messages").at(1).at("content").as_string(), "p");
  EXPECT_FALSE(v.contains("suffix"));
  EXPECT_FALSE(v.contains("prompt"));
  EXPECT_EQ(v.at("stream").as_bool(), false);
}

TEST(EncodeChatRequest, Errors) {
  ChatRequest r;
  Message m = text_message("user", "x");
  m.parts.push_back({ContentPart::Kind::kImage, "https://example.com/cat.png", {}});
  r.messages.push_back(m);
  auto e = encode_chat_request(r, "m");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(e.status().message().find("the Ollama provider accepts only inline (data URI) images"),
            std::string::npos);
  EXPECT_NE(e.status().message().find("messages[0].images[0]"), std::string::npos);

  r.messages[0].parts[1].text = "data:image/png,rawbytes";
  EXPECT_FALSE(encode_chat_request(r, "m").ok());

  r.messages[0].parts.pop_back();
  r.tools.push_back({"f", "", "{not json"});
  e = encode_chat_request(r, "m");
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("tools[0].parameters"), std::string::npos);

  r.tools.clear();
  r.response_format = {ResponseFormat::Kind::kJsonSchema, "[", "response", false};
  EXPECT_FALSE(encode_chat_request(r, "m").ok());

  r.response_format = {};
  r.origin = Protocol::kOllama;
  r.extra = {{"think", "tru"}};
  e = encode_chat_request(r, "m");
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("think"), std::string::npos);
}

// Front door decode -> provider encode -> the same JSON the client sent (modulo defaults).
TEST(RoundTrip, OllamaClientThroughOllamaProvider) {
  const std::string body =
      R"({"model":"m","messages":[{"role":"user","content":"look",)"
      R"("images":["iVBORw0KGgo="]},{"role":"assistant","content":"",)"
      R"("tool_calls":[{"function":{"name":"f","arguments":{"x":[1,2]}}}]},)"
      R"({"role":"tool","content":"ok","tool_name":"f"}],"stream":false,)"
      R"("format":"json","options":{"temperature":0.7,"num_ctx":2048},)"
      R"("keep_alive":"10m","think":false,"tools":[{"type":"function",)"
      R"("function":{"name":"f","description":"d","parameters":{"type":"object"}}}]})";
  auto decoded = decode_chat_request(body);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  auto v = encode_ok(*decoded, "m");
  EXPECT_EQ(json::value(v), json::parse(body));
}

}  // namespace
}  // namespace splitpoint::wire::ollama
