#include "metrics/views.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/testing_fakes.h"
#include "metrics/assets.h"

namespace splitpoint::metrics {
namespace {
using api::testing::FakeExchange;
using api::testing::drive;

struct Served {
  int status;
  std::string type, body;
  api::Headers headers;
};

Served serve(const LiveStats& stats, std::string method, std::string path,
             api::Headers request_headers = {}) {
  FakeExchange ex(std::move(method), std::move(path), "", std::move(request_headers));
  const std::vector<ProviderState> providers{{"ollama", "local", true},
                                             {"openai", "cloud", false, "open"}};
  drive(serve_view(ex, stats, providers));
  EXPECT_EQ(ex.protocol_errors, 0);
  return {ex.status, ex.content_type, ex.response_body, ex.response_headers};
}

std::string header(const Served& s, std::string_view name) {
  for (const auto& [k, v] : s.headers) {
    if (k == name) return v;
  }
  return "";
}

TEST(Views, PathsAndWhichArePublic) {
  EXPECT_TRUE(is_view_path("/metrics"));
  EXPECT_TRUE(is_view_path("/ui"));
  EXPECT_TRUE(is_view_path("/ui/app.js"));
  EXPECT_FALSE(is_view_path("/uix"));
  EXPECT_FALSE(is_view_path("/v1/models"));
  EXPECT_TRUE(is_public_view("/ui"));
  EXPECT_TRUE(is_public_view("/ui/style.css"));
  EXPECT_FALSE(is_public_view("/ui/api/summary"));
  EXPECT_FALSE(is_public_view("/metrics"));
}

TEST(Views, ServesTheEmbeddedDashboardWithTypesAndEtags) {
  LiveStats stats(0);
  const Served index = serve(stats, "GET", "/ui");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.type, "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("<html"), std::string::npos);
  EXPECT_EQ(serve(stats, "GET", "/ui/").body, index.body);
  const Served js = serve(stats, "GET", "/ui/app.js");
  EXPECT_EQ(js.type, "text/javascript; charset=utf-8");
  EXPECT_EQ(serve(stats, "GET", "/ui/style.css").type, "text/css; charset=utf-8");
  const std::string etag = header(js, "ETag");
  ASSERT_EQ(etag.size(), 18u);
  EXPECT_EQ(header(js, "Cache-Control"), "no-cache");
  EXPECT_NE(header(js, "Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  const Served again = serve(stats, "GET", "/ui/app.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(serve(stats, "GET", "/ui/nope.js").status, 404);
  EXPECT_EQ(serve(stats, "GET", "/ui/api/nope").status, 404);
  EXPECT_EQ(serve(stats, "POST", "/ui").status, 405);
}

TEST(Views, AssetsAreSmallAndSelfContained) {
  EXPECT_LT(assets_total_bytes(), 50u * 1024);
  for (const char* name : {"index.html", "app.js", "style.css"}) {
    const Asset* a = find_asset(name);
    ASSERT_NE(a, nullptr) << name;
    EXPECT_EQ(a->body.find("http://"), std::string_view::npos) << name;
    EXPECT_EQ(a->body.find("https://"), std::string_view::npos) << name;
  }
}

TEST(Views, MetricsAndSummary) {
  LiveStats stats(0);
  api::RequestRecord r;
  r.unix_ms = LiveStats::wall_ms();
  r.door = "openai";
  r.tier = "local";
  r.provider = "ollama";
  r.http_status = 200;
  r.reasons = {"default: local tier"};
  stats.record(r);
  const Served m = serve(stats, "GET", "/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_EQ(m.type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(m.body.find("splitpoint_requests_total{tier=\"local\",provider=\"ollama\",door=\"openai\","
                        "status=\"200\"} 1\n"),
            std::string::npos);
  const Served s = serve(stats, "GET", "/ui/api/summary");
  EXPECT_EQ(s.status, 200);
  EXPECT_EQ(header(s, "Cache-Control"), "no-store");
  const auto j = boost::json::parse(s.body).as_object();
  EXPECT_EQ(j.at("totals").at("requests").to_number<int>(), 1);
  EXPECT_EQ(j.at("totals").at("local_share").to_number<double>(), 1.0);
  EXPECT_EQ(j.at("providers").at(1).at("circuit").as_string(), "open");
  EXPECT_EQ(j.at("latest").at(0).at("reasons").at(0).as_string(), "default: local tier");
  EXPECT_EQ(j.at("series").as_array().size(), 60u);
}

}  // namespace
}  // namespace splitpoint::metrics
