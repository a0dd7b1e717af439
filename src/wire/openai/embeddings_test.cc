#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "wire/openai/codec.h"

namespace splitpoint::wire::openai {
namespace {

namespace json = boost::json;

TEST(DecodeEmbedRequest, StringAndArrayInput) {
  Result<EmbedRequest> a = decode_embed_request(
      R"({"model":"text-embedding-3-small","input":"hello","encoding_format":"float"})");
  ASSERT_TRUE(a.ok()) << a.status().to_string();
  EXPECT_EQ(a->model, "text-embedding-3-small");
  EXPECT_EQ(a->inputs, std::vector<std::string>{"hello"});
  EXPECT_FALSE(a->input_was_array);
  EXPECT_FALSE(a->dimensions.has_value());

  Result<EmbedRequest> b =
      decode_embed_request(R"({"input":["a","b"],"model":"m","dimensions":256,"user":"u"})");
  ASSERT_TRUE(b.ok()) << b.status().to_string();
  EXPECT_EQ(b->inputs, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(b->input_was_array);
  EXPECT_EQ(*b->dimensions, 256);
}

TEST(DecodeEmbedRequest, Errors) {
  struct Case {
    const char* body;
    const char* message;
  };
  const Case cases[] = {
      {R"({"model":"m","input":[1,2,3]})", "input: token-array input is not supported"},
      {R"({"model":"m","input":[[1,2],[3]]})", "input: token-array input is not supported"},
      {R"({"model":"m","input":"x","encoding_format":"int8"})",
       "encoding_format: expected \"float\" or \"base64\""},
      {R"({"model":"m","input":[]})", "input: must not be empty"},
      {R"({"model":"m","input":{}})", "input: expected a string or an array of strings"},
      {R"({"model":"m","input":["a",null]})", "input[1]: expected a string"},
      {R"({"model":"m"})", "input: is required"},
      {R"({"input":"x"})", "model: is required"},
      {R"({"model":"m","input":"x","dimensions":"big"})", "dimensions: expected an integer"},
      {R"({"model":"m",)", "invalid JSON: incomplete JSON at offset 13"},
  };
  for (const Case& c : cases) {
    Result<EmbedRequest> r = decode_embed_request(c.body);
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), c.message);
  }
}

TEST(EncodeEmbedResponse, Shape) {
  EmbedResponse r;
  r.model = "nomic-embed-text";
  r.embeddings = {{0.1f, -2.5f}, {1e-7f, 3.0f}};
  r.usage.prompt_tokens = 6;
  std::string body = encode_embed_response(r);
  EXPECT_NE(body.find("[0.1,-2.5]"), std::string::npos) << body;
  EXPECT_NE(body.find("[1e-07,3]"), std::string::npos) << body;
  json::value v = json::parse(body);
  EXPECT_EQ(v.at("object").as_string(), "list");
  EXPECT_EQ(v.at("model").as_string(), "nomic-embed-text");
  EXPECT_EQ(v.at("data").at(1).at("object").as_string(), "embedding");
  EXPECT_EQ(v.at("data").at(1).at("index").as_int64(), 1);
  EXPECT_EQ(v.at("usage").at("prompt_tokens").as_int64(), 6);
  EXPECT_EQ(v.at("usage").at("total_tokens").as_int64(), 6);
}

TEST(Embeddings, FloatsRoundTripBitExactly) {
  std::mt19937 rng(12345);
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
  std::uniform_int_distribution<int> exp(-30, 10);
  EmbedResponse r;
  r.model = "m";
  r.embeddings.resize(3);
  for (auto& e : r.embeddings) {
    for (int i = 0; i < 2000; ++i) e.push_back(std::ldexp(unit(rng), exp(rng)));
  }
  r.embeddings[0].push_back(std::numeric_limits<float>::min());
  r.embeddings[0].push_back(std::numeric_limits<float>::max());
  r.embeddings[0].push_back(0.0f);
  Result<EmbedResponse> back = decode_embed_response(encode_embed_response(r));
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  ASSERT_EQ(back->embeddings.size(), r.embeddings.size());
  int mismatches = 0;
  for (std::size_t i = 0; i < r.embeddings.size(); ++i) {
    ASSERT_EQ(back->embeddings[i].size(), r.embeddings[i].size());
    mismatches += std::memcmp(back->embeddings[i].data(), r.embeddings[i].data(),
                              r.embeddings[i].size() * sizeof(float)) != 0;
  }
  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(back->model, "m");
}

TEST(EncodeEmbedRequest, KeepsInputShape) {
  EmbedRequest single;
  single.inputs = {"hello"};
  json::value a = json::parse(encode_embed_request(single, "up-model"));
  EXPECT_EQ(a.at("model").as_string(), "up-model");
  EXPECT_EQ(a.at("input").as_string(), "hello");
  EXPECT_EQ(a.at("encoding_format").as_string(), "float");
  EXPECT_FALSE(a.as_object().contains("dimensions"));

  EmbedRequest many;
  many.inputs = {"a", "b"};
  many.input_was_array = true;
  many.dimensions = 64;
  json::value b = json::parse(encode_embed_request(many, "m"));
  EXPECT_EQ(b.at("input").as_array().size(), 2u);
  EXPECT_EQ(b.at("dimensions").as_int64(), 64);
  Result<EmbedRequest> back = decode_embed_request(encode_embed_request(many, "m"));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->inputs, many.inputs);
  EXPECT_EQ(back->dimensions, many.dimensions);
}

TEST(DecodeEmbedResponse, RealOpenAIAnswerOrderedByIndex) {
  Result<EmbedResponse> r = decode_embed_response(R"({
    "object": "list",
    "data": [
      {"object": "embedding", "index": 1, "embedding": [0.5, -1]},
      {"object": "embedding", "index": 0, "embedding": [-0.006929283495992422, 0.25]}
    ],
    "model": "text-embedding-3-small",
    "usage": {"prompt_tokens": 8, "total_tokens": 8}
  })");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  ASSERT_EQ(r->embeddings.size(), 2u);
  EXPECT_EQ(r->embeddings[0][0], -0.006929283495992422f);
  EXPECT_EQ(r->embeddings[1], (std::vector<float>{0.5f, -1.0f}));
  EXPECT_EQ(r->usage.prompt_tokens, 8);
  EXPECT_EQ(r->model, "text-embedding-3-small");
}

TEST(DecodeEmbedResponse, Errors) {
  struct Case {
    const char* body;
    const char* message;
  };
  const Case cases[] = {
      {R"({"model":"m"})", "invalid upstream embeddings response: data: is required"},
      {R"({"data":[{"index":0,"embedding":"AAAA"}]})",
       "invalid upstream embeddings response: data[0].embedding: expected an array of numbers"},
      {R"({"data":[{"index":3,"embedding":[]}]})",
       "invalid upstream embeddings response: data[0].index: out of range"},
      {R"({"data":[{"index":0,"embedding":[1,"x"]}]})",
       "invalid upstream embeddings response: data[0].embedding[1]: expected a number"},
      // Found by openai_wire_fuzz: out of float range, it was answered as null.
      {R"({"data":[{"index":0,"embedding":[0.5,-0.028e495992421]}]})",
       "invalid upstream embeddings response: data[0].embedding[1]: expected a number within "
       "float range"},
      {R"({"data":[{"index":0,"embedding":[1e39]}]})",
       "invalid upstream embeddings response: data[0].embedding[0]: expected a number within "
       "float range"},
      {R"({"data":[{"index":0}]})",
       "invalid upstream embeddings response: data[0].embedding: is required"},
      {R"({"error":{"message":"bad input"}})", "upstream error: bad input"},
      {"<html>", "invalid upstream embeddings response: invalid JSON: syntax error at offset 0"},
  };
  for (const Case& c : cases) {
    Result<EmbedResponse> r = decode_embed_response(c.body);
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(r.status().code(), StatusCode::kUpstream);
    EXPECT_EQ(r.status().message(), c.message);
  }
}

}  // namespace
}  // namespace splitpoint::wire::openai

namespace splitpoint::wire::openai {
namespace {

TEST(EmbeddingsBase64, AcceptsBase64AndAnswersLittleEndianFloat32) {
  auto r = decode_embed_request(R"({"model":"m","input":"x","encoding_format":"base64"})");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_TRUE(r->base64);
  EmbedResponse resp;
  resp.model = "m";
  resp.embeddings = {{1.0f, -2.5f}};
  const std::string out = encode_embed_response(resp, true);
  // 1.0f = 00 00 80 3f, -2.5f = 00 00 20 c0 (little-endian) -> base64 "AACAPwAAIMA="
  EXPECT_NE(out.find("\"embedding\":\"AACAPwAAIMA=\""), std::string::npos) << out;
  EXPECT_FALSE(decode_embed_request(R"({"model":"m","input":"x","encoding_format":"hex"})").ok());
}

}  // namespace
}  // namespace splitpoint::wire::openai
