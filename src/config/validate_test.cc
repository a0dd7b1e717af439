#include <gtest/gtest.h>

#include "config/config.h"

namespace splitpoint::config {
namespace {

constexpr const char* kRelayMessage =
    "refusing to listen on 0.0.0.0:8080 without server.api_keys: the gateway holds a paid cloud "
    "key and would be an open relay; set server.api_keys or server.allow_open_relay: true";

TEST(OpenRelay, RefusedInFile) {
  Result<Config> r = parse_config("server:\n  workers: 2\n  listen: 0.0.0.0:8080\n", "gw.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), std::string("gw.yaml:3: server.listen: ") + kRelayMessage);
}

TEST(OpenRelay, RefusedIpv6AnyInFile) {
  Result<Config> r = parse_config("server:\n  listen: \"[::]:9000\"\n", "gw.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("refusing to listen on [::]:9000"), std::string::npos);
}

TEST(OpenRelay, AllowedWithKeys) {
  Result<Config> r =
      parse_config("server:\n  listen: 0.0.0.0:8080\n  api_keys: [secret]\n", "gw.yaml");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(validate(*r).is_ok());
}

TEST(OpenRelay, AllowedWithFlag) {
  Result<Config> r =
      parse_config("server:\n  listen: 0.0.0.0:8080\n  allow_open_relay: true\n", "gw.yaml");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(validate(*r).is_ok());
}

TEST(OpenRelay, LoopbackNeedsNothing) {
  EXPECT_TRUE(parse_config("server:\n  listen: localhost:0\n", "gw.yaml").ok());
  EXPECT_TRUE(parse_config("server:\n  listen: \"[::1]:0\"\n", "gw.yaml").ok());
}

TEST(Validate, DefaultsAreValid) {
  EXPECT_TRUE(validate(default_config()).is_ok());
}

TEST(Validate, OpenRelayInCode) {
  Config c = default_config();
  c.server.listen_host = "0.0.0.0";
  Status s = validate(c);
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), std::string("server.listen: ") + kRelayMessage);
  c.source = "gw.yaml";
  EXPECT_EQ(validate(c).message(), std::string("gw.yaml: server.listen: ") + kRelayMessage);
  c.server.api_keys = {"k"};
  EXPECT_TRUE(validate(c).is_ok());
  c.server.api_keys.clear();
  c.server.allow_open_relay = true;
  EXPECT_TRUE(validate(c).is_ok());
}

TEST(Validate, WorkersRange) {
  Config c = default_config();
  c.server.workers = 0;
  EXPECT_NE(validate(c).message().find("server.workers"), std::string::npos);
  c.server.workers = 65;
  EXPECT_FALSE(validate(c).is_ok());
  c.server.workers = 64;
  EXPECT_TRUE(validate(c).is_ok());
}

TEST(Validate, NeedsAProvider) {
  Config c = default_config();
  c.providers.clear();
  EXPECT_NE(validate(c).message().find("providers: at least one"), std::string::npos);
}

TEST(Validate, DuplicateNames) {
  Config c = default_config();
  c.providers[1].name = c.providers[0].name;
  EXPECT_EQ(validate(c).message(), "providers[1].name: duplicate provider name \"ollama\"");
}

TEST(Validate, ProviderFields) {
  Config c = default_config();
  c.providers[0].base_url = "ftp://x";
  EXPECT_NE(validate(c).message().find("providers[0].base_url"), std::string::npos);
  c = default_config();
  c.providers[1].chat_model.clear();
  c.providers[1].embedding_model.clear();
  EXPECT_NE(validate(c).message().find("providers[1]: needs chat_model"), std::string::npos);
  c = default_config();
  c.providers[0].models = {"auto"};
  EXPECT_FALSE(validate(c).is_ok());
  c = default_config();
  c.server.api_keys = {""};
  EXPECT_FALSE(validate(c).is_ok());
}

}  // namespace
}  // namespace splitpoint::config
