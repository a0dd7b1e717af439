#include "support/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

namespace splitpoint::testing {

namespace {

using std::chrono::milliseconds;

int decode_wait_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Finds "listening on HOST:PORT" in `text`.
bool find_endpoint(std::string_view text, Endpoint& out) {
  constexpr std::string_view kMarker = "listening on ";
  std::size_t at = text.find(kMarker);
  if (at == std::string_view::npos) return false;
  std::string_view rest = text.substr(at + kMarker.size());
  std::size_t end = rest.find_first_of(" \t\r\n");
  if (end == std::string_view::npos) return false;  // the line is not complete yet
  std::string_view hostport = rest.substr(0, end);
  std::size_t colon = hostport.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == hostport.size()) return false;
  unsigned long port = std::strtoul(std::string(hostport.substr(colon + 1)).c_str(), nullptr, 10);
  if (port == 0 || port > 65535) return false;
  out.host = std::string(hostport.substr(0, colon));
  if (out.host.size() > 2 && out.host.front() == '[')
    out.host = out.host.substr(1, out.host.size() - 2);
  out.port = static_cast<uint16_t>(port);
  return true;
}

// In the child, between fork and exec: only async-signal-safe calls. Dies with the parent
// (PR_SET_PDEATHSIG), so a crashed test never leaves a server holding ctest's pipes open.
[[noreturn]] void exec_child(char* const* args, int out_fd, bool merge_stderr, pid_t parent,
                             int error_fd) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
  dup2(out_fd, STDOUT_FILENO);
  if (merge_stderr) dup2(out_fd, STDERR_FILENO);
  execvp(args[0], args);
  int error = errno;
  ssize_t ignored = write(error_fd, &error, sizeof error);
  (void)ignored;
  _exit(127);
}

}  // namespace

Result<std::unique_ptr<Process>> Process::spawn(const std::vector<std::string>& argv,
                                                bool merge_stderr) {
  if (argv.empty()) return Status::invalid("spawn: empty argv");
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int out[2], err[2];  // the child's stdout; exec's errno (closed by a successful exec)
  if (pipe2(out, O_CLOEXEC) != 0) return Status::internal(std::string("pipe: ") + strerror(errno));
  if (pipe2(err, O_CLOEXEC) != 0) {
    close(out[0]);
    close(out[1]);
    return Status::internal(std::string("pipe: ") + strerror(errno));
  }
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) exec_child(args.data(), out[1], merge_stderr, parent, err[1]);
  close(out[1]);
  close(err[1]);
  int exec_errno = 0;
  ssize_t n = pid < 0 ? 0 : read(err[0], &exec_errno, sizeof exec_errno);
  close(err[0]);
  if (pid < 0 || n > 0) {
    close(out[0]);
    if (pid > 0) waitpid(pid, nullptr, 0);
    return Status::internal("spawn " + argv[0] + ": " + strerror(pid < 0 ? errno : exec_errno));
  }
  return std::unique_ptr<Process>(new Process(pid, out[0]));
}

Process::Process(pid_t pid, int stdout_fd) : pid_(pid), fd_(stdout_fd) {
  reader_ = std::thread([this] { drain(); });
}

Process::~Process() {
  if (!reaped_) {
    ::kill(pid_, SIGTERM);
    if (!wait_exit(milliseconds(2000)).ok()) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
      reaped_ = true;
    }
  }
  {
    std::lock_guard lock(mu_);
    eof_ = true;  // stops the reader even if a grandchild still holds the pipe
  }
  reader_.join();
  close(fd_);
}

void Process::drain() {
  char buf[4096];
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (eof_) return;
    }
    pollfd pfd{fd_, POLLIN, 0};
    int ready = poll(&pfd, 1, 100);  // bounded, so the destructor's eof_ is seen
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    ssize_t n = read(fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    std::lock_guard lock(mu_);
    output_.append(buf, static_cast<std::size_t>(n));
    cv_.notify_all();
  }
  std::lock_guard lock(mu_);
  eof_ = true;
  cv_.notify_all();
}

Result<Endpoint> Process::wait_listening(milliseconds timeout) {
  std::unique_lock lock(mu_);
  Endpoint endpoint;
  bool found =
      cv_.wait_for(lock, timeout, [&] { return find_endpoint(output_, endpoint) || eof_; });
  if (find_endpoint(output_, endpoint)) return endpoint;
  if (!found)
    return Status::deadline("no 'listening on' line within the timeout; output: " + output_);
  return Status::unavailable("child closed stdout without a 'listening on' line; output: " +
                             output_);
}

Result<int> Process::wait_exit(milliseconds timeout) {
  if (reaped_) return exit_code_;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
  for (;;) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      exit_code_ = decode_wait_status(status);
      break;
    }
    auto left =
        std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
    if (r < 0 || left.count() <= 0) break;
    if (pidfd >= 0) {
      pollfd pfd{pidfd, POLLIN, 0};
      poll(&pfd, 1, static_cast<int>(left.count()));  // readable once the child exited
    } else {
      usleep(2000);  // no pidfd (old kernel): poll the child's state, bounded by the deadline
    }
  }
  if (pidfd >= 0) close(pidfd);
  if (!reaped_) return Status::deadline("child " + std::to_string(pid_) + " still running");
  return exit_code_;
}

bool Process::wait_eof(milliseconds timeout) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return eof_; });
}

std::string Process::output() const {
  std::lock_guard lock(mu_);
  return output_;
}

void Process::signal(int signal) {
  if (!reaped_) ::kill(pid_, signal);
}

Result<RunResult> run_program(const std::vector<std::string>& argv, milliseconds timeout) {
  Result<std::unique_ptr<Process>> process = Process::spawn(argv, /*merge_stderr=*/true);
  if (!process.ok()) return process.status();
  Result<int> code = (*process)->wait_exit(timeout);
  if (!code.ok()) {
    return Status::deadline(argv[0] + " did not finish in time; output: " + (*process)->output());
  }
  // The child exited: its end of the pipe is closed, so the reader reaches EOF promptly.
  (*process)->wait_eof(milliseconds(2000));
  return RunResult{*code, (*process)->output()};
}

}  // namespace splitpoint::testing
