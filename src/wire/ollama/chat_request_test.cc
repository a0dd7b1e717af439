#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "wire/ollama/codec.h"

namespace splitpoint::wire::ollama {
namespace {

const ExtraField* find_extra(const ChatRequest& r, std::string_view name) {
  for (const auto& e : r.extra) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

void expect_invalid(std::string_view body, std::string_view message_part, bool generate = false) {
  auto r = generate ? decode_generate_request(body) : decode_chat_request(body);
  ASSERT_FALSE(r.ok()) << body;
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(message_part), std::string::npos)
      << "message: " << r.status().message();
}

// api.md "Chat request (Streaming)".
TEST(DecodeChatRequest, SpecStreamingExample) {
  auto r = decode_chat_request(R"({
    "model": "llama3.2",
    "messages": [{"role": "user", "content": "why is the sky blue?"}]
  })");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->model, "llama3.2");
  EXPECT_TRUE(r->stream);  // Ollama's default
  EXPECT_FALSE(r->generate);
  EXPECT_EQ(r->origin, Protocol::kOllama);
  ASSERT_EQ(r->messages.size(), 1u);
  EXPECT_EQ(r->messages[0].role, "user");
  EXPECT_EQ(r->messages[0].text(), "why is the sky blue?");
  EXPECT_TRUE(r->extra.empty());
}

// api.md "Chat request (With history, with tools)" (comments removed).
TEST(DecodeChatRequest, SpecHistoryWithTools) {
  auto r = decode_chat_request(R"({
    "model": "llama3.2",
    "messages": [
      {"role": "user", "content": "what is the weather in Toronto?"},
      {"role": "assistant", "content": "", "tool_calls": [
        {"function": {"name": "get_weather", "arguments": {"city": "Toronto"}}}]},
      {"role": "tool", "content": "11 degrees celsius", "tool_name": "get_weather"}
    ],
    "stream": false,
    "tools": [{"type": "function", "function": {
      "name": "get_weather", "description": "Get the weather in a given city",
      "parameters": {"type": "object", "properties": {"city": {"type": "string",
        "description": "The city to get the weather for"}}, "required": ["city"]}}}]
  })");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->stream);
  ASSERT_EQ(r->messages.size(), 3u);
  const Message& a = r->messages[1];
  EXPECT_TRUE(a.parts.empty());
  ASSERT_EQ(a.tool_calls.size(), 1u);
  EXPECT_EQ(a.tool_calls[0].name, "get_weather");
  EXPECT_EQ(a.tool_calls[0].arguments, R"({"city":"Toronto"})");
  EXPECT_EQ(r->messages[2].role, "tool");
  EXPECT_EQ(r->messages[2].name, "get_weather");
  EXPECT_EQ(r->messages[2].text(), "11 degrees celsius");
  ASSERT_EQ(r->tools.size(), 1u);
  EXPECT_EQ(r->tools[0].name, "get_weather");
  EXPECT_EQ(r->tools[0].description, "Get the weather in a given city");
  auto params = boost::json::parse(r->tools[0].parameters);
  EXPECT_EQ(params.at("required").at(0).as_string(), "city");
}

// api.md "Chat request (Structured outputs)".
TEST(DecodeChatRequest, SpecStructuredOutputs) {
  auto r = decode_chat_request(R"({
    "model": "llama3.1",
    "messages": [{"role": "user", "content": "Ollama is 22 years old."}],
    "stream": false,
    "format": {"type": "object", "properties": {"age": {"type": "integer"},
      "available": {"type": "boolean"}}, "required": ["age", "available"]},
    "options": {"temperature": 0}
  })");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->response_format.kind, ResponseFormat::Kind::kJsonSchema);
  EXPECT_EQ(r->response_format.name, "response");
  EXPECT_EQ(boost::json::parse(r->response_format.schema).at("type").as_string(), "object");
  ASSERT_TRUE(r->options.temperature.has_value());
  EXPECT_EQ(*r->options.temperature, 0.0);
}

// api.md "Chat request (with images)" (payload shortened).
TEST(DecodeChatRequest, SpecImagesBecomeDataUris) {
  auto r = decode_chat_request(R"({"model": "llava", "messages": [{"role": "user",
    "content": "what is in this image?", "images": ["iVBORw0KGgoAAAANSUhEUgAAAG0AAABm",
    "/9j/4AAQSkZJRg==", "R0lGODlhAQABAAAAACw=", "UklGRhYAAABXRUJQ", "AAAA"]}]})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const auto& parts = r->messages[0].parts;
  ASSERT_EQ(parts.size(), 6u);
  EXPECT_EQ(parts[0].kind, ContentPart::Kind::kText);
  EXPECT_EQ(parts[1].kind, ContentPart::Kind::kImage);
  EXPECT_EQ(parts[1].text, "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAG0AAABm");
  EXPECT_EQ(parts[2].text, "data:image/jpeg;base64,/9j/4AAQSkZJRg==");
  EXPECT_EQ(parts[3].text, "data:image/gif;base64,R0lGODlhAQABAAAAACw=");
  EXPECT_EQ(parts[4].text, "data:image/webp;base64,UklGRhYAAABXRUJQ");
  EXPECT_EQ(parts[5].text, "data:image/png;base64,AAAA");  // unknown: png
  EXPECT_TRUE(r->has_image());
}

// api.md "Chat request (Reproducible outputs)" plus every modelled option and some others.
TEST(DecodeChatRequest, OptionsMapToSamplingAndExtras) {
  auto r = decode_chat_request(R"({"model": "m", "messages": [],
    "options": {"seed": 101, "temperature": 0.5, "top_p": 0.9, "top_k": 20, "num_predict": 100,
      "stop": ["\n", "user:"], "presence_penalty": 1.5, "frequency_penalty": 1.0,
      "num_ctx": 1024, "mirostat": null},
    "keep_alive": "5m", "think": true})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const SamplingOptions& o = r->options;
  EXPECT_EQ(o.seed, 101);
  EXPECT_EQ(o.temperature, 0.5);
  EXPECT_EQ(o.top_p, 0.9);
  EXPECT_EQ(o.top_k, 20);
  EXPECT_EQ(o.max_tokens, 100);
  EXPECT_EQ(o.stop, (std::vector<std::string>{"\n", "user:"}));
  EXPECT_EQ(o.presence_penalty, 1.5);
  EXPECT_EQ(o.frequency_penalty, 1.0);
  ASSERT_NE(find_extra(*r, "options.num_ctx"), nullptr);
  EXPECT_EQ(find_extra(*r, "options.num_ctx")->json, "1024");
  ASSERT_NE(find_extra(*r, "options.mirostat"), nullptr);
  EXPECT_EQ(find_extra(*r, "keep_alive")->json, R"("5m")");
  EXPECT_EQ(find_extra(*r, "think")->json, "true");
  EXPECT_TRUE(r->messages.empty());
}

TEST(DecodeChatRequest, FormatJsonAndThinkingAndIntegralDouble) {
  auto r = decode_chat_request(R"({"model": "m", "format": "json", "messages": [
    {"role": "assistant", "content": "x", "thinking": "hmm"}], "options": {"num_predict": 64.0}})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->response_format.kind, ResponseFormat::Kind::kJsonObject);
  EXPECT_EQ(r->messages[0].thinking, "hmm");
  EXPECT_EQ(r->options.max_tokens, 64);
}

TEST(DecodeChatRequest, Errors) {
  expect_invalid("", "invalid JSON");
  expect_invalid(R"({"model": "m",})", "invalid JSON");
  expect_invalid(R"({"model": "m"} x)", "extra data at offset 15");
  expect_invalid("[1]", "request body: expected a JSON object");
  expect_invalid(R"({"messages": []})", "model: required");
  expect_invalid(R"({"model": 3})", "model: expected a string");
  expect_invalid(R"({"model": "m", "messages": {}})", "messages: expected an array");
  expect_invalid(R"({"model": "m", "messages": [1]})", "messages[0]: expected an object");
  expect_invalid(R"({"model": "m", "messages": [{"content": "x"}]})", "messages[0].role: required");
  expect_invalid(R"({"model": "m", "messages": [{"role": "user", "content": 5}]})",
                 "messages[0].content: expected a string");
  expect_invalid(R"({"model": "m", "messages": [{"role": "user"},
                    {"role": "user", "images": ["iVBORw0K", 7]}]})",
                 "messages[1].images[1]: expected a base64 string");
  expect_invalid(R"({"model": "m", "messages": [{"role": "user", "images": ["not base64!"]}]})",
                 "messages[0].images[0]: expected a base64 string");
  expect_invalid(R"({"model": "m", "messages": [{"role": "user", "images": "iVBOR"}]})",
                 "messages[0].images: expected an array");
  expect_invalid(R"({"model": "m", "messages": [{"role": "assistant",
                    "tool_calls": [{"function": {"name": "f", "arguments": "{}"}}]}]})",
                 "messages[0].tool_calls[0].function.arguments: expected an object");
  expect_invalid(R"({"model": "m", "messages": [{"role": "assistant",
                    "tool_calls": [{"function": {"arguments": {}}}]}]})",
                 "messages[0].tool_calls[0].function.name: required");
  expect_invalid(R"({"model": "m", "messages": [{"role": "assistant", "tool_calls": [{}]}]})",
                 "messages[0].tool_calls[0].function: expected an object");
  expect_invalid(R"({"model": "m", "format": "xml"})", "format: expected");
  expect_invalid(R"({"model": "m", "format": 1})", "format: expected");
  expect_invalid(R"({"model": "m", "options": []})", "options: expected an object");
  expect_invalid(R"({"model": "m", "options": {"temperature": "hot"}})",
                 "options.temperature: expected a number");
  expect_invalid(R"({"model": "m", "options": {"top_k": 1.5}})",
                 "options.top_k: expected an integer");
  expect_invalid(R"({"model": "m", "options": {"stop": [1]}})",
                 "options.stop[0]: expected a string");
  expect_invalid(R"({"model": "m", "stream": "yes"})", "stream: expected a boolean");
  expect_invalid(R"({"model": "m", "tools": {}})", "tools: expected an array");
  expect_invalid(R"({"model": "m", "tools": [{"type": "function"}]})",
                 "tools[0].function: expected an object");
  expect_invalid(R"({"model": "m", "tools": [{"type": "retrieval", "function": {"name": "f"}}]})",
                 "tools[0].type: expected");
  expect_invalid(R"({"model": "m", "tools": [{"function": {"name": "f", "parameters": []}}]})",
                 "tools[0].function.parameters: expected an object");
}

TEST(DecodeGenerateRequest, SpecWithOptionsExample) {
  auto r = decode_generate_request(R"({"model": "llama3.2", "prompt": "Why is the sky blue?",
    "stream": false, "options": {"num_keep": 5, "seed": 42, "num_predict": 100, "top_k": 20,
    "top_p": 0.9, "min_p": 0.0, "temperature": 0.8, "stop": ["\n", "user:"], "numa": false}})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->generate);
  EXPECT_FALSE(r->stream);
  ASSERT_EQ(r->messages.size(), 1u);
  EXPECT_EQ(r->messages[0].role, "user");
  EXPECT_EQ(r->messages[0].text(), "Why is the sky blue?");
  EXPECT_EQ(r->options.seed, 42);
  EXPECT_EQ(r->options.max_tokens, 100);
  EXPECT_EQ(find_extra(*r, "options.num_keep")->json, "5");
  EXPECT_EQ(find_extra(*r, "options.numa")->json, "false");
}

TEST(DecodeGenerateRequest, SystemSuffixImagesAndPassThrough) {
  auto r = decode_generate_request(R"({"model": "codellama:code", "prompt": "def gcd(a, b):",
    "suffix": "    return result", "system": "be terse", "images": ["/9j/AAAA"],
    "raw": true, "template": "{{ .Prompt }}", "context": [1, 2, 3], "keep_alive": 0,
    "format": "json"})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->messages.size(), 2u);
  EXPECT_EQ(r->messages[0].role, "system");
  EXPECT_EQ(r->messages[0].text(), "be terse");
  EXPECT_EQ(r->messages[1].text(), "def gcd(a, b):");
  ASSERT_EQ(r->messages[1].parts.size(), 2u);
  EXPECT_EQ(r->messages[1].parts[1].text, "data:image/jpeg;base64,/9j/AAAA");
  EXPECT_EQ(r->suffix, "    return result");
  EXPECT_EQ(r->response_format.kind, ResponseFormat::Kind::kJsonObject);
  EXPECT_EQ(find_extra(*r, "raw")->json, "true");
  EXPECT_EQ(find_extra(*r, "template")->json, R"("{{ .Prompt }}")");
  EXPECT_EQ(find_extra(*r, "context")->json, "[1,2,3]");
  EXPECT_EQ(find_extra(*r, "keep_alive")->json, "0");
}

TEST(DecodeGenerateRequest, LoadModelHasNoMessages) {
  auto r = decode_generate_request(R"({"model": "llama3.2"})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->messages.empty());
  EXPECT_TRUE(r->stream);
}

TEST(DecodeGenerateRequest, Errors) {
  expect_invalid(R"({"prompt": "x"})", "model: required", true);
  expect_invalid(R"({"model": "m", "prompt": 1})", "prompt: expected a string", true);
  expect_invalid(R"({"model": "m", "system": []})", "system: expected a string", true);
  expect_invalid(R"({"model": "m", "suffix": {}})", "suffix: expected a string", true);
  expect_invalid(R"({"model": "m", "images": [""]})", "images[0]: expected a base64 string", true);
  expect_invalid(R"({"model": "m", "options": {"seed": "x"}})", "options.seed", true);
  expect_invalid(R"({"model": "m")", "invalid JSON", true);
}

}  // namespace
}  // namespace splitpoint::wire::ollama
