// Every parse error names "<file>:<line>: <key path>: ".
#include <gtest/gtest.h>

#include "config/config.h"
#include "config/yaml_reader.h"

namespace splitpoint::config {
namespace {

std::string parse_error(const std::string& yaml) {
  Result<Config> r = parse_config(yaml, "gw.yaml");
  EXPECT_FALSE(r.ok()) << "parsed:\n" << yaml;
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  return r.status().message();
}

#define EXPECT_PREFIX(prefix, message)                         \
  do {                                                         \
    std::string m_ = (message);                                \
    EXPECT_EQ(m_.rfind((prefix), 0), 0u) << "message: " << m_; \
  } while (0)

const char* const kTwoProviders = R"(server:
  listen: 127.0.0.1:8080
providers:
  - name: a
    tier: local
    kind: ollama
    base_url: http://127.0.0.1:11434
    chat_model: m
  - name: b
    tier: %TIER%
    kind: openai
    base_url: https://api.openai.com/v1
    chat_model: gpt-4o
)";

std::string with_tier(const std::string& tier) {
  std::string s = kTwoProviders;
  s.replace(s.find("%TIER%"), 6, tier);
  return s;
}

TEST(ParseErrors, BadTier) {
  EXPECT_EQ(parse_error(with_tier("remote")),
            "gw.yaml:10: providers[1].tier: expected \"local\" or \"cloud\", got \"remote\"");
  EXPECT_TRUE(parse_config(with_tier("cloud"), "gw.yaml").ok());
}

TEST(ParseErrors, EmptyTierReportsTheKeyLine) {
  EXPECT_PREFIX("gw.yaml:10: providers[1].tier: ", parse_error(with_tier("")));
}

TEST(ParseErrors, BadKind) {
  EXPECT_PREFIX("gw.yaml:3: providers[0].kind: expected \"ollama\" or \"openai\"",
                parse_error("providers:\n  - name: a\n    kind: lmstudio\n"));
}

TEST(ParseErrors, UnknownKeyWithSuggestion) {
  EXPECT_EQ(parse_error("server:\n  workers: 1\n  lisen: 127.0.0.1:80\n"),
            "gw.yaml:3: server.lisen: unknown key; did you mean \"listen\"?");
  EXPECT_EQ(parse_error("providers:\n  - name: a\n    chat_modle: x\n"),
            "gw.yaml:3: providers[0].chat_modle: unknown key; did you mean \"chat_model\"?");
  EXPECT_EQ(parse_error("provider:\n  - name: x\n"),
            "gw.yaml:1: provider: unknown key; did you mean \"providers\"?");
}

TEST(ParseErrors, UnknownKeyWithoutSuggestion) {
  EXPECT_EQ(parse_error("server:\n  completely_different: 1\n"),
            "gw.yaml:2: server.completely_different: unknown key");
}

TEST(ParseErrors, WrongTypes) {
  EXPECT_EQ(parse_error("server:\n  workers: \"x\"\n"),
            "gw.yaml:2: server.workers: expected an integer from 1 to 64, got \"x\"");
  EXPECT_PREFIX("gw.yaml:2: server.workers: ", parse_error("server:\n  workers: 65\n"));
  EXPECT_PREFIX("gw.yaml:2: server.workers: ", parse_error("server:\n  workers: 0\n"));
  EXPECT_PREFIX("gw.yaml:2: server.workers: ", parse_error("server:\n  workers: -1\n"));
  EXPECT_PREFIX("gw.yaml:2: server.workers: ", parse_error("server:\n  workers: 1.5\n"));
  EXPECT_PREFIX("gw.yaml:2: server.workers: ", parse_error("server:\n  workers: [1]\n"));
  EXPECT_EQ(parse_error("providers:\n  - name: a\n    vision: maybe\n"),
            "gw.yaml:3: providers[0].vision: expected true or false, got \"maybe\"");
  EXPECT_PREFIX("gw.yaml:2: server.api_keys: expected a list",
                parse_error("server:\n  api_keys: single\n"));
  EXPECT_PREFIX("gw.yaml:4: server.api_keys[1]: expected a string",
                parse_error("server:\n  api_keys:\n    - k\n    - {a: b}\n"));
  EXPECT_PREFIX("gw.yaml:1: server: expected a mapping", parse_error("server: 5\n"));
  EXPECT_PREFIX("gw.yaml:1: providers: expected a list", parse_error("providers: {a: 1}\n"));
  EXPECT_PREFIX("gw.yaml:2: server.max_body_bytes: ",
                parse_error("server:\n  max_body_bytes: 32 parsecs\n"));
  EXPECT_PREFIX("gw.yaml:2: server.max_body_bytes: ",
                parse_error("server:\n  max_body_bytes: 0\n"));
  EXPECT_PREFIX("gw.yaml:2: server.request_timeout_ms: ",
                parse_error("server:\n  request_timeout_ms: 0\n"));
  EXPECT_PREFIX("gw.yaml:1: expected a mapping", parse_error("- a\n- b\n"));
}

TEST(ParseErrors, MissingRequiredProviderKeys) {
  std::string no_url =
      "providers:\n  - name: a\n    tier: local\n    kind: ollama\n"
      "    chat_model: m\n";
  EXPECT_PREFIX("gw.yaml:2: providers[0].base_url: required", parse_error(no_url));
  EXPECT_PREFIX("gw.yaml:2: providers[0].name: required",
                parse_error("providers:\n  - tier: local\n    kind: ollama\n"
                            "    base_url: http://h\n    chat_model: m\n"));
  EXPECT_EQ(parse_error("providers:\n  - name: a\n    tier: local\n    kind: ollama\n"
                        "    base_url: http://h\n"),
            "gw.yaml:2: providers[0]: needs chat_model or embedding_model (or both)");
  EXPECT_PREFIX("gw.yaml:2: providers[0].name: must not be empty",
                parse_error("providers:\n  - name: \"\"\n"));
  EXPECT_PREFIX("gw.yaml:1: providers: at least one provider is required",
                parse_error("providers: []\n"));
}

TEST(ParseErrors, BadBaseUrl) {
  EXPECT_PREFIX("gw.yaml:5: providers[0].base_url: expected a URL starting with http://",
                parse_error("providers:\n  - name: a\n    tier: local\n    kind: ollama\n"
                            "    base_url: 127.0.0.1:11434\n    chat_model: m\n"));
}

TEST(ParseErrors, DuplicateProviderName) {
  std::string yaml = with_tier("cloud");
  yaml.replace(yaml.find("name: b"), 7, "name: a");
  EXPECT_EQ(parse_error(yaml),
            "gw.yaml:9: providers[1].name: duplicate provider name \"a\" (first at line 4)");
}

TEST(ParseErrors, DuplicateKey) {
  EXPECT_EQ(parse_error("server:\n  workers: 1\n  workers: 2\n"),
            "gw.yaml:3: server.workers: key appears twice");
}

TEST(ParseErrors, ReservedModelNames) {
  EXPECT_PREFIX("gw.yaml:3: providers[0].chat_model: \"auto\" is a reserved routing alias",
                parse_error("providers:\n  - name: a\n    chat_model: auto\n"));
  EXPECT_PREFIX("gw.yaml:3: providers[0].models[1]: \"cloud\" is a reserved",
                parse_error("providers:\n  - name: a\n    models: [x, cloud]\n"));
  EXPECT_PREFIX("gw.yaml:2: routing.auto_models[0]: ",
                parse_error("routing:\n  auto_models: [reflex]\n"));
}

TEST(ParseErrors, BadListen) {
  EXPECT_EQ(parse_error("server:\n  workers: 1\n  listen: 127.0.0.1:70000\n"),
            "gw.yaml:3: server.listen: port \"70000\" in \"127.0.0.1:70000\" is not a number "
            "from 0 to 65535");
  EXPECT_PREFIX("gw.yaml:2: server.listen: missing \":port\"",
                parse_error("server:\n  listen: localhost\n"));
}

TEST(ParseErrors, YamlSyntaxError) {
  EXPECT_PREFIX("gw.yaml:3: YAML syntax error: ",
                parse_error("server:\n  workers: 1\n    listen: x: y\n"));
  EXPECT_PREFIX("gw.yaml:2: YAML syntax error: ", parse_error("server:\n\tworkers: 1\n"));
}

TEST(ParseErrors, UnquotedIpv6ListenGetsAHint) {
  std::string m = parse_error("server:\n  listen: [::1]:8080\n");
  EXPECT_PREFIX("gw.yaml:2: YAML syntax error: ", m);
  EXPECT_NE(m.find("quote IPv6"), std::string::npos) << m;
}

TEST(ParseErrors, UnterminatedEnvReferenceNamesTheLine) {
  EXPECT_PREFIX("gw.yaml:4: providers[0].api_key: unterminated \"${\"",
                parse_error("server:\n  workers: 1\nproviders:\n  - api_key: ${OPENAI_API_KEY\n"));
}

TEST(ParseErrors, EmptyApiKeyFromUnsetVariable) {
  ::unsetenv("SP_TEST_NO_SUCH_KEY");
  EXPECT_PREFIX("gw.yaml:2: server.api_keys[0]: API key is empty",
                parse_error("server:\n  api_keys: [\"${SP_TEST_NO_SUCH_KEY}\"]\n"));
}

TEST(Suggest, EditDistance) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("listen", "lisen"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  constexpr std::string_view kKeys[] = {"listen", "workers", "api_keys"};
  EXPECT_EQ(suggest("worker", kKeys), "workers");
  EXPECT_EQ(suggest("API_KEYS", kKeys), "api_keys");
  EXPECT_EQ(suggest("zzz", kKeys), "");
}

}  // namespace
}  // namespace splitpoint::config
