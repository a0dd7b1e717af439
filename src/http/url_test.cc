#include <gtest/gtest.h>

#include "http/client.h"
#include "http/request_head.h"

namespace splitpoint::http {
namespace {

TEST(UrlParse, HttpsDefaultsToPort443) {
  Result<Url> u = Url::parse("https://api.openai.com/v1");
  ASSERT_TRUE(u.ok()) << u.status().to_string();
  EXPECT_TRUE(u->tls);
  EXPECT_EQ(u->host, "api.openai.com");
  EXPECT_EQ(u->port, "443");
  EXPECT_EQ(u->base_path, "/v1");
  EXPECT_EQ(u->origin(), "https://api.openai.com:443");
}

TEST(UrlParse, HttpWithPortAndNoPath) {
  Result<Url> u = Url::parse("http://127.0.0.1:11434");
  ASSERT_TRUE(u.ok()) << u.status().to_string();
  EXPECT_FALSE(u->tls);
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, "11434");
  EXPECT_EQ(u->base_path, "");
  EXPECT_EQ(u->origin(), "http://127.0.0.1:11434");
}

TEST(UrlParse, HttpDefaultsToPort80AndDropsTrailingSlashes) {
  Result<Url> u = Url::parse("HTTP://example.com/openai/v1//");
  ASSERT_TRUE(u.ok()) << u.status().to_string();
  EXPECT_EQ(u->port, "80");
  EXPECT_EQ(u->base_path, "/openai/v1");
  Result<Url> root = Url::parse("http://example.com/");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(root->base_path, "");
}

TEST(UrlParse, Ipv6Host) {
  Result<Url> u = Url::parse("http://[::1]:8080/x");
  ASSERT_TRUE(u.ok()) << u.status().to_string();
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->origin(), "http://[::1]:8080");
}

TEST(UrlParse, Errors) {
  struct Case {
    const char* url;
    const char* says;
  };
  for (const Case& c : {Case{"ftp://example.com", "scheme"}, Case{"example.com:80", "scheme"},
                        Case{"not a url", "expected http"}, Case{"http://", "missing host"},
                        Case{"http:/path", "missing host"}, Case{"http://h:0", "port"},
                        Case{"http://h:99999", "port"}, Case{"http://h:8a", "expected http"},
                        Case{"http://h:", "port"}, Case{"http://u:p@h/", "credentials"},
                        Case{"http://h/v1?x=1", "query"}, Case{"http://h/v1#f", "fragment"},
                        Case{"", "expected http"}}) {
    Result<Url> u = Url::parse(c.url);
    ASSERT_FALSE(u.ok()) << c.url;
    EXPECT_EQ(u.status().code(), StatusCode::kInvalidArgument) << c.url;
    EXPECT_NE(u.status().message().find(c.says), std::string::npos)
        << c.url << " -> " << u.status().message();
    EXPECT_NE(u.status().message().find(c.url), std::string::npos) << u.status().message();
  }
}

TEST(HostHeader, OmitsDefaultPorts) {
  EXPECT_EQ(detail::host_header(*Url::parse("https://a.example/v1")), "a.example");
  EXPECT_EQ(detail::host_header(*Url::parse("http://a.example:80")), "a.example");
  EXPECT_EQ(detail::host_header(*Url::parse("http://a.example:443")), "a.example:443");
  EXPECT_EQ(detail::host_header(*Url::parse("http://[::1]:8080")), "[::1]:8080");
}

TEST(RequestHead, PostWithBody) {
  Request r;
  r.path = "/chat/completions";
  r.body = "{}";
  r.headers = {{"Authorization", "Bearer k"}};
  std::string out = "stale";
  ASSERT_TRUE(detail::write_request_head(r, "/v1", "h:1", out));
  EXPECT_EQ(out,
            "POST /v1/chat/completions HTTP/1.1\r\n"
            "Host: h:1\r\n"
            "User-Agent: splitpoint/0.1\r\n"
            "Accept: */*\r\n"
            "Content-Type: application/json\r\n"
            "Content-Length: 2\r\n"
            "Authorization: Bearer k\r\n"
            "\r\n");
}

TEST(RequestHead, GetWithoutBodyAndOverriddenDefaults) {
  Request r;
  r.method = boost::beast::http::verb::get;
  r.headers = {{"accept", "application/x-ndjson"}, {"content-length", "99"}};
  std::string out;
  ASSERT_TRUE(detail::write_request_head(r, "", "h", out));
  EXPECT_EQ(out,
            "GET / HTTP/1.1\r\n"
            "Host: h\r\n"
            "User-Agent: splitpoint/0.1\r\n"
            "accept: application/x-ndjson\r\n"
            "\r\n");
}

TEST(RequestHead, RejectsInjection) {
  std::string out;
  Request bad_value;
  bad_value.headers = {{"X-A", "v\r\nX-Injected: 1"}};
  EXPECT_EQ(detail::write_request_head(bad_value, "", "h", out).code(), StatusCode::kInternal);
  Request bad_name;
  bad_name.headers = {{"X A", "v"}};
  EXPECT_EQ(detail::write_request_head(bad_name, "", "h", out).code(), StatusCode::kInternal);
  Request bad_path;
  bad_path.path = "/x HTTP/1.1\r\n";
  EXPECT_EQ(detail::write_request_head(bad_path, "", "h", out).code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace splitpoint::http
