// The SDK example program run against the emulator, and the emulator's --require-key mode.
#include <gtest/gtest.h>

#include "emulator_harness.h"
#include "splitpoint/provider.h"

namespace splitpoint::testing {
namespace {

using std::chrono::milliseconds;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(SdkExampleTest, RunsCompleteStreamAndEmbedAgainstTheEmulator) {
  auto emulator = EmulatorHarness::start({"--require-key", "sk-example"});
  ASSERT_TRUE(emulator.ok()) << emulator.status().to_string();
  std::string url = (*emulator)->url();
  auto run = run_program(
      {SDK_EXAMPLE_PATH, "--ollama", url, "--openai", url + "/v1", "--key", "sk-example"},
      milliseconds(30000));
  ASSERT_TRUE(run.ok()) << run.status().to_string();
  EXPECT_EQ(run->exit_code, 0) << run->output;
  EXPECT_TRUE(
      contains(run->output, "complete [local] llama3.1:8b: echo: Say hello in three words\n"))
      << run->output;
  EXPECT_TRUE(contains(run->output, "usage: prompt_tokens=5 completion_tokens=6\n")) << run->output;
  EXPECT_TRUE(contains(run->output, "finish_reason: stop\n")) << run->output;
  EXPECT_TRUE(contains(run->output,
                       "stream [cloud]: echo(images=1): Describe this picture in a few words\n"))
      << run->output;
  EXPECT_TRUE(contains(run->output, "stream chunks: 8\n")) << run->output;
  EXPECT_TRUE(contains(run->output, "embed [local] all-minilm: 2 vectors of 8 dimensions\n"))
      << run->output;
}

TEST(SdkExampleTest, ExitsNonZeroWhenTheCloudRejectsTheKey) {
  auto emulator = EmulatorHarness::start({"--require-key", "sk-example"});
  ASSERT_TRUE(emulator.ok()) << emulator.status().to_string();
  std::string url = (*emulator)->url();
  auto run =
      run_program({SDK_EXAMPLE_PATH, "--ollama", url, "--openai", url + "/v1", "--key", "wrong"},
                  milliseconds(30000));
  ASSERT_TRUE(run.ok()) << run.status().to_string();
  EXPECT_EQ(run->exit_code, 1) << run->output;
  // An upstream 401 is the caller's configuration, not the client's fault: kUpstream.
  EXPECT_TRUE(contains(run->output, "stream failed: upstream_error")) << run->output;
  EXPECT_TRUE(contains(run->output, "401")) << run->output;
}

TEST(SdkExampleTest, ExitsNonZeroWithoutRequiredArguments) {
  auto run = run_program({SDK_EXAMPLE_PATH}, milliseconds(30000));
  ASSERT_TRUE(run.ok()) << run.status().to_string();
  EXPECT_NE(run->exit_code, 0);
}

// With --require-key the OpenAI endpoints refuse a missing or wrong key. The codec maps an upstream
// 401 to kUpstream (the configured key is wrong: a gateway problem, not the client's).
TEST(RequireKeyTest, OpenAIProviderKeyIsCheckedByTheUpstream) {
  auto emulator = EmulatorHarness::start({"--require-key", "sk-right"});
  ASSERT_TRUE(emulator.ok()) << emulator.status().to_string();
  boost::asio::io_context io;
  ChatRequest request;
  request.messages.push_back({.role = "user", .parts = {{.text = "hi"}}});
  for (const char* key : {"", "sk-wrong"}) {
    auto provider = make_openai_provider(
        io.get_executor(),
        {.base_url = (*emulator)->url() + "/v1", .api_key = key, .chat_model = "gpt-4o"});
    auto answer = run_on(io, provider->complete(request, {}));
    EXPECT_EQ(answer.status().code(), StatusCode::kUpstream) << key;
    EXPECT_NE(answer.status().message().find("401"), std::string::npos)
        << answer.status().message();
  }
  auto provider = make_openai_provider(
      io.get_executor(),
      {.base_url = (*emulator)->url() + "/v1", .api_key = "sk-right", .chat_model = "gpt-4o"});
  auto answer = run_on(io, provider->complete(request, {}));
  ASSERT_TRUE(answer.ok()) << answer.status().to_string();
  EXPECT_EQ(answer->message.text(), "echo: hi");
}

}  // namespace
}  // namespace splitpoint::testing
