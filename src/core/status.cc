#include "splitpoint/status.h"

namespace splitpoint {

int http_status(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kPayloadTooLarge: return 413;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kInternal: return 500;
    case StatusCode::kUpstream: return 502;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kDeadlineExceeded: return 504;
    case StatusCode::kCancelled: return 499;
  }
  return 500;
}

const char* status_code_name(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_request_error";
    case StatusCode::kUnauthenticated: return "authentication_error";
    case StatusCode::kNotFound: return "not_found_error";
    case StatusCode::kPayloadTooLarge: return "request_too_large";
    case StatusCode::kResourceExhausted: return "rate_limit_error";
    case StatusCode::kInternal: return "internal_error";
    case StatusCode::kUpstream: return "upstream_error";
    case StatusCode::kUnavailable: return "service_unavailable";
    case StatusCode::kDeadlineExceeded: return "timeout_error";
    case StatusCode::kCancelled: return "cancelled";
  }
  return "internal_error";
}

std::string Status::to_string() const {
  if (is_ok()) return "OK";
  return std::string(status_code_name(code_)) + ": " + message_;
}

}  // namespace splitpoint
