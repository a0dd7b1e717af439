// Child processes for integration tests: start a server (the emulator, the gateway) and learn the
// port it bound from its "listening on HOST:PORT" line, or run a program to completion and
// capture its output. Every wait is bounded.
//
// Thread-safety: a Process may be used from one thread at a time; its stdout is drained by an
// internal thread so a chatty child never blocks on a full pipe.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "splitpoint/status.h"

namespace splitpoint::testing {

struct Endpoint {
  std::string host;
  uint16_t port = 0;
  std::string url() const { return "http://" + host + ":" + std::to_string(port); }
};

class Process {
 public:
  // Starts argv[0] (a path; PATH is searched if it has no '/') with argv[1..]. The child's
  // stdout is captured; stderr is inherited unless `merge_stderr` (then captured too).
  // The child is killed if the calling thread exits (PR_SET_PDEATHSIG): call from the thread
  // that lives as long as the child should (a test's main thread).
  static Result<std::unique_ptr<Process>> spawn(const std::vector<std::string>& argv,
                                                bool merge_stderr = false);
  // SIGTERM; SIGKILL if the child has not exited within 2 s; reaps it.
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }

  // Waits for a stdout line containing "listening on HOST:PORT" and returns HOST and PORT.
  // kDeadlineExceeded after `timeout`; kUnavailable if the child's stdout closed first.
  Result<Endpoint> wait_listening(std::chrono::milliseconds timeout);

  // Waits for the child to exit and returns its exit code (128 + signal if killed by one).
  // kDeadlineExceeded after `timeout` (the child is left running).
  Result<int> wait_exit(std::chrono::milliseconds timeout);

  // Waits until the child's captured stream(s) reached end of file; false on timeout.
  bool wait_eof(std::chrono::milliseconds timeout);

  // Everything the child wrote to its captured stream(s) so far.
  std::string output() const;

  // Sends `signal` to the child (no-op once it was reaped).
  void signal(int signal);

 private:
  Process(pid_t pid, int stdout_fd);
  void drain();  // the reader thread

  pid_t pid_;
  int fd_;
  bool reaped_ = false;
  int exit_code_ = -1;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::string output_;  // guarded by mu_
  bool eof_ = false;    // guarded by mu_
  std::thread reader_;
};

struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

// Runs `argv` to completion. kDeadlineExceeded (and the child killed) after `timeout`.
Result<RunResult> run_program(const std::vector<std::string>& argv,
                              std::chrono::milliseconds timeout);

}  // namespace splitpoint::testing
