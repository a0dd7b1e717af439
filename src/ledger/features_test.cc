#include "ledger/features.h"

#include <charconv>
#include <iterator>

#include <gtest/gtest.h>

namespace splitpoint::ledger {
namespace {

TEST(Features, RoundTripKeepsWhatThePoliciesRead) {
  ChatRequest request;
  request.model = "auto";
  policy::RequestFacts facts;
  facts.request = &request;
  facts.automatic = true;
  facts.input_tokens = 812;
  facts.output_tokens = 256;
  facts.has_tools = true;
  facts.features[complexity::kLogInputTokens] = 6.7f;
  facts.features[complexity::kTaskCode] = 1;
  facts.findings = {{privacy::Kind::kEmail, 3, 9}, {privacy::Kind::kSecret, 20, 40}};
  const std::string text = encode_features(facts);
  EXPECT_EQ(text.find("findings"), std::string::npos);  // compact keys
  auto back = decode_features(text);
  ASSERT_TRUE(back.ok()) << back.status().to_string() << " " << text;
  EXPECT_TRUE(back->automatic);
  EXPECT_EQ(back->input_tokens, 812);
  EXPECT_EQ(back->output_tokens, 256);
  EXPECT_TRUE(back->has_tools);
  EXPECT_FALSE(back->has_image);
  ASSERT_TRUE(back->has_features);
  EXPECT_FLOAT_EQ(back->features[complexity::kLogInputTokens], 6.7f);
  EXPECT_FLOAT_EQ(back->features[complexity::kTaskCode], 1);
  ASSERT_EQ(back->findings.size(), 2u);
  EXPECT_EQ(back->findings[1], privacy::Kind::kSecret);
  const policy::RequestFacts rebuilt = to_request_facts(*back, request, "cloud", "summarize");
  EXPECT_EQ(rebuilt.pinned_tier, "cloud");
  EXPECT_EQ(rebuilt.findings.size(), 2u);
  EXPECT_EQ(rebuilt.features, facts.features);
}

TEST(Features, NoComplexityFeaturesAreLeftOutAndReadBackAsAbsent) {
  policy::RequestFacts facts;
  const std::string text = encode_features(facts);
  EXPECT_EQ(text.find("\"f\""), std::string::npos) << text;
  auto back = decode_features(text);
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->has_features);
}

TEST(Features, ACapturedSourceEncodesLaterWhatTheFactsHeldWhenCaptured) {
  policy::RequestFacts facts;
  facts.automatic = true;
  facts.input_tokens = 40;
  facts.features[complexity::kTaskCode] = 1;
  facts.findings = {{privacy::Kind::kIban, 0, 22}};
  const std::string now = encode_features(facts);
  const auto source = capture_features(facts);
  facts.input_tokens = 41;  // the request's facts are gone or changed by the time the writer runs
  facts.findings.clear();
  EXPECT_EQ(source->encode(), now);
  EXPECT_NE(now.find("\"pf\":[2]"), std::string::npos) << now;
  auto back = decode_features(now);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(encode_features(*back), now);  // stored facts encode to the same text
}

TEST(Features, NumbersArePrintedExactlyAsTheShortestRoundTripForm) {
  policy::RequestFacts facts;
  const float values[] = {0.0f, -0.0f, 1.0f, 3.0f, -2.0f, 0.5f, 0.6931f, 1e10f, -7e8f, 123456.0f, 99999.0f, -10000.0f, 100000.0f,
                          1e-7f, 3.4e38f};
  std::string expected = ",\"f\":[";
  for (std::size_t i = 0; i < facts.features.size(); ++i) {
    const float v = i < std::size(values) ? values[i] : static_cast<float>(i) / 3;
    facts.features[i] = v;
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<double>(v));
    expected.append(i > 0 ? "," : "").append(buf, r.ptr);
  }
  const std::string text = encode_features(facts);
  EXPECT_NE(text.find(expected + "]"), std::string::npos) << text << "\n" << expected;
}

TEST(Features, GarbageAndNewerVersionsAreRefused) {
  EXPECT_FALSE(decode_features("not json").ok());
  EXPECT_FALSE(decode_features("{\"v\":99}").ok());
  EXPECT_FALSE(decode_features("[]").ok());
}

}  // namespace
}  // namespace splitpoint::ledger
