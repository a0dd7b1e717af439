#include <gtest/gtest.h>

#include "wire/ollama/codec.h"

namespace splitpoint::wire::ollama {
namespace {

TEST(DecodeError, StatusMapping) {
  struct Case {
    int http;
    StatusCode code;
  };
  for (const Case& c :
       {Case{400, StatusCode::kInvalidArgument}, Case{404, StatusCode::kUpstream},
        Case{408, StatusCode::kDeadlineExceeded}, Case{504, StatusCode::kDeadlineExceeded},
        Case{413, StatusCode::kPayloadTooLarge}, Case{429, StatusCode::kResourceExhausted},
        Case{500, StatusCode::kUpstream}, Case{502, StatusCode::kUpstream},
        Case{401, StatusCode::kUpstream}}) {
    Status s = decode_error(c.http, R"({"error":"x"})");
    EXPECT_EQ(s.code(), c.code) << c.http;
    EXPECT_EQ(s.message(), "upstream " + std::to_string(c.http) + ": x");
  }
}

TEST(DecodeError, MessageSources) {
  EXPECT_EQ(decode_error(404, R"({"error":"model \"llama9\" not found, try pulling it first"})")
                .message(),
            R"(upstream 404: model "llama9" not found, try pulling it first)");
  // OpenAI-style error objects are understood too.
  EXPECT_EQ(decode_error(500, R"({"error":{"message":"boom","type":"server_error"}})").message(),
            "upstream 500: boom");
  EXPECT_EQ(decode_error(502, "  Bad Gateway\n").message(), "upstream 502: Bad Gateway");
  EXPECT_EQ(decode_error(503, "").message(), "upstream 503: (empty body)");
  EXPECT_EQ(decode_error(500, R"({"detail":"x"})").message(), R"(upstream 500: {"detail":"x"})");

  // Long non-JSON bodies are cut to 200 bytes, never inside a UTF-8 character.
  std::string body(199, 'a');
  body += "\u00e9\u00e9";  // two 2-byte characters: byte 200 is inside the first
  const std::string m = decode_error(500, body).message();
  EXPECT_EQ(m, "upstream 500: " + std::string(199, 'a'));
}

}  // namespace
}  // namespace splitpoint::wire::ollama
