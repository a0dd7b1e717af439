#include "api/route_headers.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "api/testing_fakes.h"

namespace splitpoint::api {
namespace {

using testing::FakeExchange;

TEST(RouteHeadersTest, CarriesTierProviderAndSanitizedReason) {
  const Headers headers = route_headers(Route{Tier::kCloud, "openai", "gpt-4o", "a\r\nb", 0});
  ASSERT_EQ(headers.size(), 3u);
  EXPECT_EQ(headers[0], (std::pair<std::string, std::string>{"X-Splitpoint-Tier", "cloud"}));
  EXPECT_EQ(headers[1].second, "openai");
  EXPECT_EQ(headers[2].second, "a  b");
}

TEST(RouteHeadersTest, RedactionsHeaderOnlyWhenValuesWereMasked) {
  Route route{Tier::kCloud, "openai", "gpt-4o", "auto", 1};
  EXPECT_EQ(route_headers(route).size(), 3u);
  route.redactions = 2;
  const Headers headers = route_headers(route);
  ASSERT_EQ(headers.size(), 4u);
  EXPECT_EQ(headers[3].first, "X-Splitpoint-Redactions");
  EXPECT_EQ(headers[3].second, "2");
}

TEST(RouteHeadersTest, MethodAllowed) {
  EXPECT_TRUE(method_allowed("GET, HEAD", "HEAD"));
  EXPECT_TRUE(method_allowed("POST", "POST"));
  EXPECT_FALSE(method_allowed("GET, HEAD", "POST"));
  EXPECT_FALSE(method_allowed("GET, HEAD", "GE"));
  EXPECT_FALSE(method_allowed("", "GET"));
}

TEST(RouteHeadersTest, HintsComeFromTheTierHeader) {
  FakeExchange pinned("POST", "/x", "", Headers{{"x-splitpoint-tier", "local"}});
  EXPECT_EQ(route_hints(pinned).pinned_tier, "local");
  FakeExchange plain("POST", "/x");
  EXPECT_EQ(route_hints(plain).pinned_tier, "");
}

}  // namespace
}  // namespace splitpoint::api
