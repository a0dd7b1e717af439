#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "wire/ollama/codec.h"

namespace splitpoint::wire::ollama {
namespace {

namespace json = boost::json;

// api.md "Generate Embeddings" requests.
TEST(DecodeEmbedRequest, SpecExamples) {
  auto one = decode_embed_request(R"({"model": "all-minilm", "input": "Why is the sky blue?"})");
  ASSERT_TRUE(one.ok()) << one.status().message();
  EXPECT_EQ(one->model, "all-minilm");
  EXPECT_EQ(one->inputs, std::vector<std::string>{"Why is the sky blue?"});
  EXPECT_FALSE(one->input_was_array);
  EXPECT_TRUE(one->truncate);

  auto many = decode_embed_request(R"({"model": "all-minilm",
    "input": ["Why is the sky blue?", "Why is the grass green?"], "truncate": false,
    "dimensions": 256, "options": {"num_ctx": 512}, "keep_alive": "1m"})");
  ASSERT_TRUE(many.ok()) << many.status().message();
  EXPECT_EQ(many->inputs.size(), 2u);
  EXPECT_TRUE(many->input_was_array);
  EXPECT_FALSE(many->truncate);
  EXPECT_EQ(many->dimensions, 256);
}

TEST(DecodeEmbedRequest, Errors) {
  auto expect_invalid = [](std::string_view body, std::string_view part) {
    auto r = decode_embed_request(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find(part), std::string::npos) << r.status().message();
  };
  expect_invalid(R"({"input": "x"})", "model: required");
  expect_invalid(R"({"model": "m", "input": 5})", "input: expected a string or an array");
  expect_invalid(R"({"model": "m", "input": ["a", null]})", "input[1]: expected a string");
  expect_invalid(R"({"model": "m", "truncate": "no"})", "truncate: expected a boolean");
  expect_invalid(R"({"model": "m", "dimensions": 1.5})", "dimensions: expected an integer");
  expect_invalid(R"({"model": "m", "dimensions": 0})", "dimensions: expected a positive");
  expect_invalid(R"({"model": "m", "options": 1})", "options: expected an object");
  expect_invalid("{", "invalid JSON");
}

// api.md "Generate Embedding" (legacy).
TEST(DecodeLegacyEmbeddingsRequest, SpecExampleAndErrors) {
  auto r = decode_legacy_embeddings_request(
      R"({"model": "all-minilm", "prompt": "Here is an article about llamas..."})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->model, "all-minilm");
  EXPECT_EQ(r->inputs, std::vector<std::string>{"Here is an article about llamas..."});
  auto load = decode_legacy_embeddings_request(R"({"model": "all-minilm"})");
  ASSERT_TRUE(load.ok());
  EXPECT_TRUE(load->inputs.empty());
  auto bad = decode_legacy_embeddings_request(R"({"model": "m", "prompt": ["x"]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("prompt: expected a string"), std::string::npos);
  EXPECT_FALSE(decode_legacy_embeddings_request(R"({"prompt": "x"})").ok());
  EXPECT_FALSE(decode_legacy_embeddings_request("null").ok());
}

TEST(EncodeEmbedResponse, ShapesAndShortestFloats) {
  EmbedResponse r;
  r.model = "all-minilm";
  r.embeddings = {{0.010071029f, -0.0017594862f, 0.1f}, {1.0f, 0.0f, -2.5e-8f}};
  r.usage.prompt_tokens = 8;
  r.total_duration_ns = 14143917;
  const std::string body = encode_embed_response(r);
  EXPECT_NE(body.find("[0.010071029,-0.0017594862,0.1]"), std::string::npos) << body;
  auto v = json::parse(body);
  EXPECT_EQ(v.at("model").as_string(), "all-minilm");
  EXPECT_EQ(v.at("embeddings").as_array().size(), 2u);
  EXPECT_EQ(static_cast<float>(v.at("embeddings").at(1).at(2).to_number<double>()), -2.5e-8f);
  EXPECT_EQ(v.at("total_duration").as_int64(), 14143917);
  EXPECT_EQ(v.at("load_duration").as_int64(), 0);
  EXPECT_EQ(v.at("prompt_eval_count").as_int64(), 8);

  EXPECT_EQ(encode_legacy_embeddings_response(r),
            R"({"embedding":[0.010071029,-0.0017594862,0.1]})");
  EXPECT_EQ(encode_legacy_embeddings_response(EmbedResponse{}), R"({"embedding":[]})");
}

TEST(EncodeEmbedRequest, Shapes) {
  EmbedRequest r;
  r.inputs = {"a"};
  EXPECT_EQ(encode_embed_request(r, "up"), R"({"model":"up","input":"a"})");
  r.input_was_array = true;
  r.truncate = false;
  r.dimensions = 64;
  EXPECT_EQ(encode_embed_request(r, "up"),
            R"({"model":"up","input":["a"],"truncate":false,"dimensions":64})");
}

// api.md "Generate Embeddings" response.
TEST(DecodeEmbedResponse, SpecExampleAndErrors) {
  auto r = decode_embed_response(R"({"model": "all-minilm", "embeddings": [[
    0.010071029, -0.0017594862, 0.05007221, 0.04692972, 0.054916814,
    0.008599704, 0.105441414, -0.025878139, 0.12958129, 0.031952348]],
    "total_duration": 14143917, "load_duration": 1019500, "prompt_eval_count": 8})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->model, "all-minilm");
  ASSERT_EQ(r->embeddings.size(), 1u);
  ASSERT_EQ(r->embeddings[0].size(), 10u);
  EXPECT_EQ(r->embeddings[0][1], -0.0017594862f);
  EXPECT_EQ(r->usage.prompt_tokens, 8);
  EXPECT_EQ(r->total_duration_ns, 14143917);

  for (std::string_view bad :
       {R"({"model": "m"})", R"({"embeddings": [[1, "x"]]})", R"({"embeddings": [1]})",
        R"({"error": "model not found"})", "not json"}) {
    auto e = decode_embed_response(bad);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(e.status().code(), StatusCode::kUpstream);
  }
  EXPECT_EQ(decode_embed_response(R"({"embeddings": [[1, "x"]]})").status().message(),
            "embeddings[0][1]: expected a number");
  // Out of float range: refused rather than answered as 0.
  EXPECT_EQ(decode_embed_response(R"({"embeddings": [[1, -1e39]]})").status().message(),
            "embeddings[0][1]: expected a number within float range");
  EXPECT_EQ(decode_embed_response(R"({"embeddings": [[1e400]]})").status().message(),
            "embeddings[0][0]: expected a number within float range");
  EXPECT_TRUE(decode_embed_response(R"({"embeddings": [[3.4028235e38]]})").ok());  // FLT_MAX
}

TEST(RoundTrip, EmbeddingsEncodeDecode) {
  EmbedResponse r;
  r.model = "m";
  r.embeddings = {{0.1f, 0.2f, 0.3f}, {3.4028235e38f, -1.17549435e-38f, 1e-45f}};
  r.usage.prompt_tokens = 4;
  auto d = decode_embed_response(encode_embed_response(r));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->embeddings, r.embeddings);  // bit-exact: shortest round-trip floats
  EXPECT_EQ(d->usage.prompt_tokens, 4);
}

}  // namespace
}  // namespace splitpoint::wire::ollama
