#include "support/process.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <optional>
#include <thread>

namespace splitpoint::testing {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

TEST(ProcessTest, ReadsListeningLineAndKillsOnDestruction) {
  auto process = Process::spawn(
      {"/bin/sh", "-c", "echo starting; echo 'server listening on 127.0.0.1:4242'; exec sleep 30"});
  ASSERT_TRUE(process.ok()) << process.status().to_string();
  auto endpoint = (*process)->wait_listening(milliseconds(5000));
  ASSERT_TRUE(endpoint.ok()) << endpoint.status().to_string();
  EXPECT_EQ(endpoint->host, "127.0.0.1");
  EXPECT_EQ(endpoint->port, 4242);
  EXPECT_EQ(endpoint->url(), "http://127.0.0.1:4242");
  pid_t pid = (*process)->pid();
  auto start = Clock::now();
  process->reset();  // SIGTERM ends `sleep` at once
  EXPECT_LT(Clock::now() - start, milliseconds(1500));
  EXPECT_NE(::kill(pid, 0), 0) << "child still exists";
}

TEST(ProcessTest, KillsAChildThatIgnoresSigterm) {
  auto process =
      Process::spawn({"/bin/sh", "-c",
                      "trap '' TERM; echo 'listening on 127.0.0.1:1'; while :; do sleep 1; done"});
  ASSERT_TRUE(process.ok());
  ASSERT_TRUE((*process)->wait_listening(milliseconds(5000)).ok());
  auto start = Clock::now();
  process->reset();
  EXPECT_LT(Clock::now() - start, milliseconds(4000));
}

TEST(ProcessTest, ChildExitingWithoutLineIsUnavailable) {
  auto process = Process::spawn({"/bin/sh", "-c", "echo no port here"});
  ASSERT_TRUE(process.ok());
  auto endpoint = (*process)->wait_listening(milliseconds(5000));
  ASSERT_FALSE(endpoint.ok());
  EXPECT_EQ(endpoint.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(endpoint.status().message().find("no port here"), std::string::npos);
}

TEST(ProcessTest, WaitListeningTimesOut) {
  auto process = Process::spawn({"/bin/sh", "-c", "exec sleep 30"});
  ASSERT_TRUE(process.ok());
  auto endpoint = (*process)->wait_listening(milliseconds(100));
  ASSERT_FALSE(endpoint.ok());
  EXPECT_EQ(endpoint.status().code(), StatusCode::kDeadlineExceeded);
}

TEST(ProcessTest, RunProgramCapturesOutputAndExitCode) {
  auto run = run_program({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"}, milliseconds(5000));
  ASSERT_TRUE(run.ok()) << run.status().to_string();
  EXPECT_EQ(run->exit_code, 3);
  EXPECT_NE(run->output.find("out\n"), std::string::npos);
  EXPECT_NE(run->output.find("err\n"), std::string::npos);
}

TEST(ProcessTest, RunProgramTimesOut) {
  auto run = run_program({"/bin/sh", "-c", "exec sleep 30"}, milliseconds(100));
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), StatusCode::kDeadlineExceeded);
}

// The child dies with the thread that spawned it, so a crashed test leaves no server behind.
TEST(ProcessTest, ChildDiesWithTheSpawningThread) {
  std::optional<Result<std::unique_ptr<Process>>> process;
  std::thread spawner([&] { process.emplace(Process::spawn({"/bin/sh", "-c", "exec sleep 30"})); });
  spawner.join();
  ASSERT_TRUE(process.has_value() && process->ok());
  auto code = (**process)->wait_exit(milliseconds(5000));
  ASSERT_TRUE(code.ok()) << code.status().to_string();
  EXPECT_EQ(*code, 128 + SIGKILL);
}

TEST(ProcessTest, SpawnOfMissingProgramFails) {
  auto process = Process::spawn({"/nonexistent/program"});
  EXPECT_FALSE(process.ok());
}

}  // namespace
}  // namespace splitpoint::testing
