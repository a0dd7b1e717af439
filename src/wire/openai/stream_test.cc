#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "wire/openai/codec.h"

namespace splitpoint::wire::openai {
namespace {

namespace json = boost::json;

// Splits SSE bytes into the data payloads of their events; checks the framing.
std::vector<std::string> sse_payloads(const std::string& bytes) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    EXPECT_EQ(bytes.compare(pos, 6, "data: "), 0) << bytes.substr(pos);
    std::size_t end = bytes.find("\n\n", pos);
    if (end == std::string::npos) {
      ADD_FAILURE() << "unterminated event: " << bytes.substr(pos);
      break;
    }
    out.push_back(bytes.substr(pos + 6, end - pos - 6));
    pos = end + 2;
  }
  return out;
}

json::value parse_ok(const std::string& s) {
  boost::system::error_code ec;
  json::value v = json::parse(s, ec);
  EXPECT_FALSE(ec) << s;
  return v;
}

StreamChunk content_chunk(std::string text) {
  StreamChunk c;
  c.content = std::move(text);
  return c;
}

TEST(ChatStreamEncoder, RoleContentFinishDone) {
  ChatStreamEncoder enc("chatcmpl-1", "llama3", 1700000000, false);
  std::string first = enc.encode(content_chunk("Hel"));
  std::vector<std::string> p = sse_payloads(first);
  ASSERT_EQ(p.size(), 1u);
  json::value v = parse_ok(p[0]);
  EXPECT_EQ(v.at("id").as_string(), "chatcmpl-1");
  EXPECT_EQ(v.at("object").as_string(), "chat.completion.chunk");
  EXPECT_EQ(v.at("created").as_int64(), 1700000000);
  EXPECT_EQ(v.at("model").as_string(), "llama3");
  EXPECT_FALSE(v.as_object().contains("usage"));
  const json::value& c0 = v.at("choices").at(0);
  EXPECT_EQ(c0.at("index").as_int64(), 0);
  EXPECT_EQ(c0.at("delta").at("role").as_string(), "assistant");
  EXPECT_EQ(c0.at("delta").at("content").as_string(), "Hel");
  EXPECT_TRUE(c0.at("finish_reason").is_null());

  json::value second = parse_ok(sse_payloads(enc.encode(content_chunk("lo \"x\"\n")))[0]);
  EXPECT_FALSE(second.at("choices").at(0).at("delta").as_object().contains("role"));
  EXPECT_EQ(second.at("choices").at(0).at("delta").at("content").as_string(), "lo \"x\"\n");

  EXPECT_EQ(enc.encode(StreamChunk{}), "");
  StreamChunk fin;
  fin.finish_reason = FinishReason::kLength;
  fin.usage = Usage{3, 4};
  json::value last = parse_ok(sse_payloads(enc.encode(fin))[0]);
  EXPECT_EQ(last.at("choices").at(0).at("finish_reason").as_string(), "length");
  EXPECT_TRUE(last.at("choices").at(0).at("delta").as_object().empty());
  EXPECT_EQ(enc.finish(), "data: [DONE]\n\n");
}

TEST(ChatStreamEncoder, IncludeUsage) {
  ChatStreamEncoder enc("id", "m", 5, true);
  json::value a = parse_ok(sse_payloads(enc.encode(content_chunk("hi")))[0]);
  EXPECT_TRUE(a.at("usage").is_null());
  StreamChunk usage_only;
  usage_only.usage = Usage{10, 2};
  EXPECT_EQ(enc.encode(usage_only), "");
  StreamChunk fin;
  fin.finish_reason = FinishReason::kStop;
  json::value b = parse_ok(sse_payloads(enc.encode(fin))[0]);
  EXPECT_TRUE(b.at("usage").is_null());
  std::vector<std::string> tail = sse_payloads(enc.finish());
  ASSERT_EQ(tail.size(), 2u);
  json::value u = parse_ok(tail[0]);
  EXPECT_TRUE(u.at("choices").as_array().empty());
  EXPECT_EQ(u.at("id").as_string(), "id");
  EXPECT_EQ(u.at("usage").at("prompt_tokens").as_int64(), 10);
  EXPECT_EQ(u.at("usage").at("completion_tokens").as_int64(), 2);
  EXPECT_EQ(u.at("usage").at("total_tokens").as_int64(), 12);
  EXPECT_EQ(tail[1], "[DONE]");
}

TEST(ChatStreamEncoder, SynthesizesIdAndCreatedAndEscapesModel) {
  ChatStreamEncoder enc("", "we\"ird", 0, false);
  json::value v = parse_ok(sse_payloads(enc.encode(content_chunk("x")))[0]);
  EXPECT_EQ(std::string(v.at("id").as_string()).rfind("chatcmpl-", 0), 0u);
  EXPECT_GT(v.at("created").as_int64(), 1600000000);
  EXPECT_EQ(v.at("model").as_string(), "we\"ird");
}

TEST(ChatStreamEncoder, ToolCallDeltas) {
  ChatStreamEncoder enc("id", "m", 1, false);
  StreamChunk start;
  start.tool_calls = {ToolCallDelta{0, "call_a", "get_weather", ""}};
  json::value a = parse_ok(sse_payloads(enc.encode(start))[0]);
  const json::value& d = a.at("choices").at(0).at("delta");
  EXPECT_EQ(d.at("role").as_string(), "assistant");
  const json::value& tc = d.at("tool_calls").at(0);
  EXPECT_EQ(tc.at("index").as_int64(), 0);
  EXPECT_EQ(tc.at("id").as_string(), "call_a");
  EXPECT_EQ(tc.at("type").as_string(), "function");
  EXPECT_EQ(tc.at("function").at("name").as_string(), "get_weather");
  EXPECT_EQ(tc.at("function").at("arguments").as_string(), "");

  StreamChunk frag;
  frag.tool_calls = {ToolCallDelta{0, "", "", R"({"city":)"}};
  json::value b = parse_ok(sse_payloads(enc.encode(frag))[0]);
  const json::value& tb = b.at("choices").at(0).at("delta").at("tool_calls").at(0);
  EXPECT_FALSE(tb.as_object().contains("id"));
  EXPECT_FALSE(tb.at("function").as_object().contains("name"));
  EXPECT_EQ(tb.at("function").at("arguments").as_string(), R"({"city":)");

  // A complete call without an id (Ollama) gets a synthesized one.
  StreamChunk whole;
  whole.tool_calls = {ToolCallDelta{1, "", "time", "{}"}};
  json::value c = parse_ok(sse_payloads(enc.encode(whole))[0]);
  const json::value& tcc = c.at("choices").at(0).at("delta").at("tool_calls").at(0);
  EXPECT_EQ(tcc.at("index").as_int64(), 1);
  EXPECT_EQ(std::string(tcc.at("id").as_string()).rfind("call_", 0), 0u);
}

TEST(ChatStreamEncoder, ErrorEvent) {
  ChatStreamEncoder enc("id", "m", 1, true);
  std::string e = enc.error(Status::upstream("provider hung up"));
  std::vector<std::string> p = sse_payloads(e);
  ASSERT_EQ(p.size(), 1u);
  json::value v = parse_ok(p[0]);
  EXPECT_EQ(v.at("error").at("message").as_string(), "provider hung up");
  EXPECT_EQ(v.at("error").at("type").as_string(), "upstream_error");
  EXPECT_TRUE(v.at("error").at("param").is_null());
  // What the provider side makes of it.
  Result<std::optional<StreamChunk>> back = decode_stream_event(p[0]);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.status().code(), StatusCode::kUpstream);
  EXPECT_EQ(back.status().message(), "upstream error: provider hung up");
}

// A stream as api.openai.com sends it (stream_options.include_usage=true).
const char* const kRealStream[] = {
    R"({"id":"chatcmpl-BCx1","object":"chat.completion.chunk","created":1742300000,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_b8bc95a0ac","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null})",
    R"({"id":"chatcmpl-BCx1","object":"chat.completion.chunk","created":1742300000,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_b8bc95a0ac","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}],"usage":null})",
    R"({"id":"chatcmpl-BCx1","object":"chat.completion.chunk","created":1742300000,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_b8bc95a0ac","choices":[{"index":0,"delta":{"content":"!"},"logprobs":null,"finish_reason":null}],"usage":null})",
    R"({"id":"chatcmpl-BCx1","object":"chat.completion.chunk","created":1742300000,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_b8bc95a0ac","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null})",
    R"({"id":"chatcmpl-BCx1","object":"chat.completion.chunk","created":1742300000,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_b8bc95a0ac","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}})",
    "[DONE]",
};

TEST(DecodeStreamEvent, RealOpenAIStream) {
  std::vector<StreamChunk> chunks;
  bool done = false;
  for (const char* data : kRealStream) {
    ASSERT_FALSE(done);
    Result<std::optional<StreamChunk>> r = decode_stream_event(data);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    if (!r->has_value()) {
      done = true;
      continue;
    }
    chunks.push_back(std::move(**r));
  }
  EXPECT_TRUE(done);
  ASSERT_EQ(chunks.size(), 5u);
  EXPECT_EQ(chunks[0].content, "");
  EXPECT_EQ(chunks[0].model, "gpt-4o-mini-2024-07-18");
  EXPECT_EQ(chunks[1].content, "Hello");
  EXPECT_EQ(chunks[2].content, "!");
  EXPECT_EQ(chunks[3].finish_reason, FinishReason::kStop);
  EXPECT_FALSE(chunks[3].usage.has_value());
  EXPECT_TRUE(chunks[4].content.empty());
  EXPECT_EQ(chunks[4].finish_reason, FinishReason::kNone);
  ASSERT_TRUE(chunks[4].usage.has_value());
  EXPECT_EQ(chunks[4].usage->prompt_tokens, 9);
  EXPECT_EQ(chunks[4].usage->completion_tokens, 2);
}

TEST(DecodeStreamEvent, ToolCallFragments) {
  const char* const events[] = {
      R"({"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_X","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]})",
      R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"lo"}}]},"finish_reason":null}]})",
      R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"cation\":\"Paris\"}"}}]},"finish_reason":null}]})",
      R"({"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})",
  };
  std::string args;
  std::vector<StreamChunk> chunks;
  for (const char* e : events) {
    Result<std::optional<StreamChunk>> r = decode_stream_event(e);
    ASSERT_TRUE(r.ok() && r->has_value()) << r.status().to_string();
    chunks.push_back(**r);
  }
  ASSERT_EQ(chunks[0].tool_calls.size(), 1u);
  EXPECT_EQ(chunks[0].tool_calls[0].id, "call_X");
  EXPECT_EQ(chunks[0].tool_calls[0].name, "get_weather");
  for (const StreamChunk& c : chunks) {
    for (const ToolCallDelta& d : c.tool_calls) args += d.arguments;
  }
  EXPECT_EQ(args, R"({"location":"Paris"})");
  EXPECT_EQ(chunks[3].finish_reason, FinishReason::kToolCalls);
}

TEST(StreamRoundTrip, EncoderOutputDecodesToTheSameChunks) {
  std::vector<StreamChunk> in(5);
  in[0].content = "Hi ";
  in[0].thinking = "hmm";
  in[1].content = "there";
  in[2].tool_calls = {ToolCallDelta{0, "call_1", "f", ""}, ToolCallDelta{1, "call_2", "g", "{}"}};
  in[3].tool_calls = {ToolCallDelta{0, "", "", R"({"a":"\u00e9"})"}};
  in[4].finish_reason = FinishReason::kToolCalls;
  in[4].usage = Usage{7, 8};
  ChatStreamEncoder enc("chatcmpl-rt", "m", 42, true);
  std::string bytes;
  for (const StreamChunk& c : in) bytes += enc.encode(c);
  bytes += enc.finish();
  std::vector<StreamChunk> out;
  bool done = false;
  for (const std::string& data : sse_payloads(bytes)) {
    Result<std::optional<StreamChunk>> r = decode_stream_event(data);
    ASSERT_TRUE(r.ok()) << r.status().to_string();
    if (!r->has_value()) {
      done = true;
      continue;
    }
    out.push_back(**r);
  }
  EXPECT_TRUE(done);
  ASSERT_EQ(out.size(), 6u);  // five chunks plus the usage chunk
  for (std::size_t i = 0; i < in.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(out[i].content, in[i].content);
    EXPECT_EQ(out[i].thinking, in[i].thinking);
    EXPECT_EQ(out[i].finish_reason, in[i].finish_reason);
    EXPECT_EQ(out[i].model, "m");
    EXPECT_FALSE(out[i].usage.has_value());
    ASSERT_EQ(out[i].tool_calls.size(), in[i].tool_calls.size());
    for (std::size_t j = 0; j < in[i].tool_calls.size(); ++j) {
      EXPECT_EQ(out[i].tool_calls[j].index, in[i].tool_calls[j].index);
      EXPECT_EQ(out[i].tool_calls[j].id, in[i].tool_calls[j].id);
      EXPECT_EQ(out[i].tool_calls[j].name, in[i].tool_calls[j].name);
      EXPECT_EQ(out[i].tool_calls[j].arguments, in[i].tool_calls[j].arguments);
    }
  }
  ASSERT_TRUE(out[5].usage.has_value());
  EXPECT_EQ(out[5].usage->prompt_tokens, 7);
  EXPECT_EQ(out[5].usage->completion_tokens, 8);
}

TEST(DecodeStreamEvent, EdgeShapes) {
  Result<std::optional<StreamChunk>> done = decode_stream_event(" [DONE]\r\n");
  ASSERT_TRUE(done.ok());
  EXPECT_FALSE(done->has_value());
  // Azure's first event: no choices yet.
  Result<std::optional<StreamChunk>> azure =
      decode_stream_event(R"({"choices":[],"prompt_filter_results":[]})");
  ASSERT_TRUE(azure.ok() && azure->has_value());
  EXPECT_TRUE((*azure)->content.empty());
  Result<std::optional<StreamChunk>> usage = decode_stream_event(
      R"({"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}})");
  ASSERT_TRUE(usage.ok() && usage->has_value());
  EXPECT_EQ((*usage)->usage->completion_tokens, 2);
  Result<std::optional<StreamChunk>> err = decode_stream_event(R"({"error":"overloaded"})");
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.status().message(), "upstream error: overloaded");
}

TEST(DecodeStreamEvent, ErrorsNameTheField) {
  struct Case {
    const char* data;
    const char* message;
  };
  const Case cases[] = {
      {"{\"choices\":",
       "invalid upstream stream event: invalid JSON: incomplete JSON at offset 11"},
      {"3", "invalid upstream stream event: expected a JSON object"},
      {R"({"choices":{}})", "invalid upstream stream event: choices: expected an array"},
      {R"({"choices":[{"delta":{"content":7}}]})",
       "invalid upstream stream event: choices[0].delta.content: expected a string, null or an "
       "array of content parts"},
      {R"({"choices":[{"delta":{"tool_calls":[{"index":"0"}]}}]})",
       "invalid upstream stream event: choices[0].delta.tool_calls[0].index: expected an integer"},
      {R"({"choices":[{"delta":{},"finish_reason":1}]})",
       "invalid upstream stream event: choices[0].finish_reason: expected a string"},
  };
  for (const Case& c : cases) {
    Result<std::optional<StreamChunk>> r = decode_stream_event(c.data);
    ASSERT_FALSE(r.ok()) << c.data;
    EXPECT_EQ(r.status().code(), StatusCode::kUpstream);
    EXPECT_EQ(r.status().message(), c.message);
  }
}

}  // namespace
}  // namespace splitpoint::wire::openai
