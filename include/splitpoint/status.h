// Errors as values on the request path (LevelDB style). No exceptions cross module boundaries.
// Only the front doors map a StatusCode to an HTTP status (see http_status()).
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace splitpoint {

enum class StatusCode {
  kOk,
  kInvalidArgument,    // 400: malformed JSON, wrong field types, missing required fields
  kUnauthenticated,    // 401: missing or wrong API key
  kNotFound,           // 404: unknown model or path
  kPayloadTooLarge,    // 413: body over the configured limit
  kResourceExhausted,  // 429: rate limited (by us or the upstream)
  kInternal,           // 500: a bug in splitpoint
  kUpstream,           // 502: upstream failure or unparseable upstream answer
  kUnavailable,        // 503: no provider available for the tier
  kDeadlineExceeded,   // 504: upstream timeout
  kCancelled,          // 499: the client went away
};

// A cheap value: an OK status holds no string.
class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  // The OK factory. Named OK (LevelDB's spelling), not ok(): a static ok() called through an
  // instance, `if (!s.ok())`, would compile and test the wrong thing.
  static Status OK() { return {}; }
  static Status invalid(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status not_found(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status upstream(std::string m) { return {StatusCode::kUpstream, std::move(m)}; }
  static Status unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status deadline(std::string m) { return {StatusCode::kDeadlineExceeded, std::move(m)}; }
  static Status cancelled(std::string m) { return {StatusCode::kCancelled, std::move(m)}; }
  static Status internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string to_string() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// The HTTP status a front door answers with for `code`.
int http_status(StatusCode code);
// Short machine-readable name ("invalid_request_error", "upstream_error", ...).
const char* status_code_name(StatusCode code);

// Either a T or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).is_ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace splitpoint
