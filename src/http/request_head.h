// Serialization of an outgoing request's start line and header fields (internal to http::Client).
#pragma once

#include <string>
#include <string_view>

#include "http/client.h"

namespace splitpoint::http::detail {

inline constexpr std::string_view kUserAgent = "splitpoint/0.1";

// The Host header value for `url`: the host ([bracketed] if IPv6) and ":port" unless default.
std::string host_header(const Url& url);

// Writes "<METHOD> <base_path><path> HTTP/1.1\r\n", then Host, User-Agent, Accept (*/*),
// Content-Type: application/json (when the body is non-empty), Content-Length (when there is a
// body or the method usually carries one) and request.headers, then the blank line, into `out`
// (replacing its content). A request header named like a default one (case-insensitively)
// replaces the default. kInternal if the target or a header would break the message (CR, LF,
// NUL, bad header name).
Status write_request_head(const Request& request, std::string_view base_path, std::string_view host,
                          std::string& out);

}  // namespace splitpoint::http::detail
