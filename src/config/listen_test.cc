#include <gtest/gtest.h>

#include "config/checks.h"
#include "config/config.h"

namespace splitpoint::config {
namespace {

struct Listen {
  std::string host;
  uint16_t port = 0;
};

Listen listen_ok(const std::string& text) {
  Listen l;
  Status s = parse_listen(text, l.host, l.port);
  EXPECT_TRUE(s.is_ok()) << text << ": " << s.message();
  return l;
}

std::string listen_error(const std::string& text) {
  std::string host = "unchanged";
  uint16_t port = 7;
  Status s = parse_listen(text, host, port);
  EXPECT_FALSE(s.is_ok()) << text;
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(host, "unchanged");  // outputs untouched on error
  EXPECT_EQ(port, 7);
  return s.message();
}

TEST(ParseListen, Accepts) {
  Listen a = listen_ok("127.0.0.1:8080");
  EXPECT_EQ(a.host, "127.0.0.1");
  EXPECT_EQ(a.port, 8080);
  Listen b = listen_ok("[::1]:9000");
  EXPECT_EQ(b.host, "::1");
  EXPECT_EQ(b.port, 9000);
  Listen c = listen_ok("localhost:8080");
  EXPECT_EQ(c.host, "localhost");
  Listen d = listen_ok("0.0.0.0:0");
  EXPECT_EQ(d.host, "0.0.0.0");
  EXPECT_EQ(d.port, 0);
  EXPECT_EQ(listen_ok("[::]:65535").port, 65535);
  EXPECT_EQ(listen_ok("gateway.internal:80").host, "gateway.internal");
}

TEST(ParseListen, ErrorsNameTheBadPart) {
  EXPECT_NE(listen_error("127.0.0.1:99999").find("port \"99999\""), std::string::npos);
  EXPECT_NE(listen_error("127.0.0.1:http").find("port \"http\""), std::string::npos);
  EXPECT_NE(listen_error("127.0.0.1:").find("port \"\""), std::string::npos);
  EXPECT_NE(listen_error("127.0.0.1").find("missing \":port\""), std::string::npos);
  EXPECT_NE(listen_error(":8080").find("missing host"), std::string::npos);
  EXPECT_NE(listen_error("::1:8080").find("brackets"), std::string::npos);
  EXPECT_NE(listen_error("[::1:8080").find("missing \"]\""), std::string::npos);
  EXPECT_NE(listen_error("[::1]8080").find("missing \":port\""), std::string::npos);
  EXPECT_NE(listen_error("[nothex]:80").find("\"nothex\" is not a valid IPv6"), std::string::npos);
  EXPECT_NE(listen_error("300.1.1.1:80").find("\"300.1.1.1\""), std::string::npos);
  EXPECT_NE(listen_error("bad host:80").find("\"bad host\""), std::string::npos);
  EXPECT_NE(listen_error("").find("empty"), std::string::npos);
}

TEST(IsLoopback, Classifies) {
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_TRUE(is_loopback("127.255.3.4"));
  EXPECT_TRUE(is_loopback("::1"));
  EXPECT_TRUE(is_loopback("[::1]"));
  EXPECT_TRUE(is_loopback("0:0:0:0:0:0:0:1"));
  EXPECT_TRUE(is_loopback("::ffff:127.0.0.1"));
  EXPECT_TRUE(is_loopback("localhost"));
  EXPECT_TRUE(is_loopback("LocalHost"));
  EXPECT_FALSE(is_loopback("0.0.0.0"));
  EXPECT_FALSE(is_loopback("::"));
  EXPECT_FALSE(is_loopback("128.0.0.1"));
  EXPECT_FALSE(is_loopback("10.0.0.1"));
  EXPECT_FALSE(is_loopback("localhost.evil.com"));
  EXPECT_FALSE(is_loopback("127.0.0.1.nip.io"));
  EXPECT_FALSE(is_loopback(""));
}

TEST(FormatListen, BracketsIpv6) {
  EXPECT_EQ(format_listen("127.0.0.1", 8080), "127.0.0.1:8080");
  EXPECT_EQ(format_listen("::1", 80), "[::1]:80");
}

}  // namespace
}  // namespace splitpoint::config
