#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "wire/openai/codec.h"

namespace splitpoint::wire::openai {
namespace {

namespace json = boost::json;

TEST(EncodeError, OpenAIErrorObject) {
  json::value v = json::parse(encode_error(Status::invalid("messages: is required")));
  const json::value& e = v.at("error");
  EXPECT_EQ(e.at("message").as_string(), "messages: is required");
  EXPECT_EQ(e.at("type").as_string(), "invalid_request_error");
  EXPECT_TRUE(e.at("param").is_null());
  EXPECT_EQ(e.at("code").as_string(), "invalid_request_error");
  EXPECT_EQ(e.as_object().size(), 4u);

  json::value w =
      json::parse(encode_error(Status(StatusCode::kResourceExhausted, "slow \"down\"")));
  EXPECT_EQ(w.at("error").at("type").as_string(), "rate_limit_error");
  EXPECT_EQ(w.at("error").at("message").as_string(), "slow \"down\"");
}

TEST(EncodeModelList, Shape) {
  std::string body = encode_model_list({{"llama3.2", "local", 1700000000}, {"gpt-4o", "cloud", 0}});
  json::value v = json::parse(body);
  EXPECT_EQ(v.at("object").as_string(), "list");
  ASSERT_EQ(v.at("data").as_array().size(), 2u);
  const json::value& m = v.at("data").at(0);
  EXPECT_EQ(m.at("id").as_string(), "llama3.2");
  EXPECT_EQ(m.at("object").as_string(), "model");
  EXPECT_EQ(m.at("created").as_int64(), 1700000000);
  EXPECT_EQ(m.at("owned_by").as_string(), "local");
  EXPECT_EQ(encode_model_list({}), R"({"object":"list","data":[]})");
}

TEST(DecodeError, MapsStatusCodesAndKeepsTheMessage) {
  const std::string openai_body =
      R"({"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"x"}})";
  struct Case {
    int http;
    StatusCode code;
  };
  const Case cases[] = {
      {400, StatusCode::kInvalidArgument},   {404, StatusCode::kUpstream},
      {408, StatusCode::kDeadlineExceeded},  {413, StatusCode::kPayloadTooLarge},
      {429, StatusCode::kResourceExhausted}, {500, StatusCode::kUpstream},
      {502, StatusCode::kUpstream},          {503, StatusCode::kUpstream},
      {504, StatusCode::kDeadlineExceeded},
  };
  for (const Case& c : cases) {
    Status s = decode_error(c.http, openai_body);
    EXPECT_EQ(s.code(), c.code) << c.http;
    EXPECT_EQ(s.message(), "upstream " + std::to_string(c.http) + ": Rate limit reached");
  }
}

TEST(DecodeError, Credentials) {
  for (int http : {401, 403}) {
    Status s = decode_error(http, R"({"error":{"message":"Incorrect API key provided"}})");
    EXPECT_EQ(s.code(), StatusCode::kUpstream);
    EXPECT_EQ(s.message(), "upstream rejected the gateway's credentials: upstream " +
                               std::to_string(http) + ": Incorrect API key provided");
  }
}

TEST(DecodeError, OtherBodies) {
  EXPECT_EQ(decode_error(500, R"({"error":"model crashed"})").message(),
            "upstream 500: model crashed");
  EXPECT_EQ(decode_error(422, R"({"message":"bad field","object":"error"})").message(),
            "upstream 422: bad field");
  EXPECT_EQ(decode_error(502, "").message(), "upstream 502: (empty body)");
  EXPECT_EQ(decode_error(502, "<html>Bad Gateway</html>").message(),
            "upstream 502: <html>Bad Gateway</html>");
  // Long non-JSON bodies are cut at 200 bytes, never inside a UTF-8 sequence.
  std::string body(199, 'a');
  body += "\xC3\xA9 and more";
  Status s = decode_error(500, body);
  EXPECT_EQ(s.message(), "upstream 500: " + std::string(199, 'a'));
  std::string plain(300, 'b');
  EXPECT_EQ(decode_error(500, plain).message(), "upstream 500: " + std::string(200, 'b'));
}

}  // namespace
}  // namespace splitpoint::wire::openai
