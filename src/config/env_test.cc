#include "config/env.h"

#include <gtest/gtest.h>

#include <map>

namespace splitpoint::config {
namespace {

EnvLookup fake_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string expand_ok(std::string_view text, const EnvLookup& env) {
  Result<std::string> r = expand_env(text, env);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? r.value() : "<error>";
}

TEST(ExpandEnv, PlainTextUnchanged) {
  auto env = fake_env({});
  EXPECT_EQ(expand_ok("", env), "");
  EXPECT_EQ(expand_ok("llama3.1:8b", env), "llama3.1:8b");
}

TEST(ExpandEnv, SetVariable) {
  auto env = fake_env({{"KEY", "sk-123"}, {"PORT", "9000"}});
  EXPECT_EQ(expand_ok("${KEY}", env), "sk-123");
  EXPECT_EQ(expand_ok("Bearer ${KEY}!", env), "Bearer sk-123!");
  EXPECT_EQ(expand_ok("127.0.0.1:${PORT}", env), "127.0.0.1:9000");
  EXPECT_EQ(expand_ok("${KEY}${PORT}", env), "sk-1239000");
}

TEST(ExpandEnv, UnsetVariableIsEmpty) {
  auto env = fake_env({});
  EXPECT_EQ(expand_ok("${NOPE}", env), "");
  EXPECT_EQ(expand_ok("a${NOPE}b", env), "ab");
}

TEST(ExpandEnv, DefaultUsedWhenUnsetOrEmpty) {
  auto env = fake_env({{"EMPTY", ""}, {"SET", "v"}});
  EXPECT_EQ(expand_ok("${NOPE:-fallback}", env), "fallback");
  EXPECT_EQ(expand_ok("${EMPTY:-fallback}", env), "fallback");
  EXPECT_EQ(expand_ok("${SET:-fallback}", env), "v");
  EXPECT_EQ(expand_ok("${NOPE:-}", env), "");
  EXPECT_EQ(expand_ok("${NOPE:-http://h:1/x}", env), "http://h:1/x");
}

TEST(ExpandEnv, DollarEscapes) {
  auto env = fake_env({{"X", "1"}});
  EXPECT_EQ(expand_ok("$$", env), "$");
  EXPECT_EQ(expand_ok("$${X}", env), "${X}");
  EXPECT_EQ(expand_ok("a$b", env), "a$b");
  EXPECT_EQ(expand_ok("cost$", env), "cost$");
  EXPECT_EQ(expand_ok("$$$${X}", env), "$${X}");
}

TEST(ExpandEnv, ExpandedTextIsNotExpandedAgain) {
  auto env = fake_env({{"A", "${B}"}, {"B", "no"}});
  EXPECT_EQ(expand_ok("${A}", env), "${B}");
}

TEST(ExpandEnv, UnterminatedIsError) {
  auto env = fake_env({});
  Result<std::string> r = expand_env("key ${OPENAI_API_KEY", env);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("unterminated"), std::string::npos);
  EXPECT_FALSE(expand_env("${", env).ok());
}

TEST(ExpandEnv, BadNameIsError) {
  auto env = fake_env({});
  EXPECT_FALSE(expand_env("${}", env).ok());
  EXPECT_FALSE(expand_env("${1X}", env).ok());
  EXPECT_FALSE(expand_env("${A-B}", env).ok());
  EXPECT_FALSE(expand_env("${:-x}", env).ok());
}

TEST(ExpandEnv, ProcessEnv) {
  ::setenv("SPLITPOINT_ENV_TEST_VAR", "hello", 1);
  EXPECT_EQ(process_env("SPLITPOINT_ENV_TEST_VAR"), std::optional<std::string>("hello"));
  ::unsetenv("SPLITPOINT_ENV_TEST_VAR");
  EXPECT_EQ(process_env("SPLITPOINT_ENV_TEST_VAR"), std::nullopt);
}

}  // namespace
}  // namespace splitpoint::config
