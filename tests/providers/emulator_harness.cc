#include "emulator_harness.h"

#include <boost/json/parse.hpp>
#include <thread>
#include <utility>

namespace splitpoint::testing {

namespace asio = boost::asio;
using boost::beast::http::verb;
using std::chrono::milliseconds;

Result<std::unique_ptr<EmulatorHarness>> EmulatorHarness::start(
    std::vector<std::string> extra_args) {
  std::vector<std::string> argv{EMULATOR_PATH, "--port", "0"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  Result<std::unique_ptr<Process>> process = Process::spawn(argv);
  if (!process.ok()) return process.status();
  Result<Endpoint> endpoint = (*process)->wait_listening(milliseconds(10000));
  if (!endpoint.ok()) return endpoint.status();
  return std::unique_ptr<EmulatorHarness>(
      new EmulatorHarness(std::move(process).value(), std::move(endpoint).value()));
}

EmulatorHarness::EmulatorHarness(std::unique_ptr<Process> process, Endpoint endpoint)
    : process_(std::move(process)), endpoint_(std::move(endpoint)) {
  Result<http::Url> url = http::Url::parse(endpoint_.url());
  client_ = std::make_unique<http::Client>(io_.get_executor(), std::move(url).value());
}

Result<std::string> EmulatorHarness::call(verb method, std::string path, std::string body) {
  http::Request request{.method = method, .path = std::move(path), .body = std::move(body)};
  auto deadline = Clock::now() + milliseconds(10000);
  Result<http::Response> response = run_on(io_, client_->send(std::move(request), deadline));
  if (!response.ok()) return response.status();
  if (response->status < 200 || response->status >= 300) {
    return Status::internal("emulator admin answered " + std::to_string(response->status) + ": " +
                            response->body);
  }
  return std::move(response->body);
}

Status EmulatorHarness::reset() {
  return call(verb::post, "/_emulator/reset", "{}").status();
}

Status EmulatorHarness::add_fault(const std::string& fault_json) {
  return call(verb::post, "/_emulator/faults", R"({"faults":[)" + fault_json + "]}").status();
}

Status EmulatorHarness::configure(const std::string& config_json) {
  return call(verb::post, "/_emulator/config", config_json).status();
}

namespace {

Result<boost::json::value> parse(const Result<std::string>& body) {
  if (!body.ok()) return body.status();
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(*body, ec);
  if (ec) return Status::internal("emulator admin answer is not JSON: " + *body);
  return v;
}

}  // namespace

Result<boost::json::value> EmulatorHarness::requests() {
  Result<boost::json::value> v = parse(call(verb::get, "/_emulator/requests", {}));
  if (!v.ok()) return v;
  const boost::json::value* list =
      v->is_object() ? v->as_object().if_contains("requests") : nullptr;
  if (list == nullptr || !list->is_array()) return Status::internal("no requests array");
  return *list;
}

Result<boost::json::value> EmulatorHarness::stats() {
  return parse(call(verb::get, "/_emulator/stats", {}));
}

bool EmulatorHarness::wait_open_connections(int64_t open, milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    Result<boost::json::value> s = stats();
    if (s.ok() && s->is_object()) {
      const boost::json::value* n = s->as_object().if_contains("open_connections");
      if (n != nullptr && n->is_int64() && n->as_int64() <= open) return true;
    }
    std::this_thread::sleep_for(milliseconds(20));  // bounded poll of the emulator's state
  }
  return false;
}

}  // namespace splitpoint::testing
