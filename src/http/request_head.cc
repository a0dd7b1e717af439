#include "http/request_head.h"

#include <boost/beast/core/string.hpp>

namespace splitpoint::http::detail {
namespace {

namespace bhttp = boost::beast::http;

bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!is_token_char(c)) return false;
  }
  return true;
}

bool valid_value(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool valid_target_part(std::string_view part) {
  for (char c : part) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return false;
  }
  return true;
}

bool overridden(const Request& request, std::string_view name) {
  for (const auto& [n, v] : request.headers) {
    if (boost::beast::iequals(n, name)) return true;
  }
  return false;
}

void add(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

bool carries_body(bhttp::verb method) {
  return method == bhttp::verb::post || method == bhttp::verb::put || method == bhttp::verb::patch;
}

}  // namespace

std::string host_header(const Url& url) {
  std::string out;
  const bool ipv6 = url.host.find(':') != std::string::npos;
  if (ipv6) out.push_back('[');
  out.append(url.host);
  if (ipv6) out.push_back(']');
  if (url.port != (url.tls ? "443" : "80")) out.append(":").append(url.port);
  return out;
}

Status write_request_head(const Request& request, std::string_view base_path, std::string_view host,
                          std::string& out) {
  if (!valid_target_part(base_path) || !valid_target_part(request.path)) {
    return Status::internal("invalid request target: " + request.path);
  }
  for (const auto& [name, value] : request.headers) {
    if (!valid_name(name) || !valid_value(value)) {
      return Status::internal("invalid request header \"" + name + "\"");
    }
  }
  out.clear();
  out.reserve(256 + request.path.size() + base_path.size());
  out.append(bhttp::to_string(request.method)).push_back(' ');
  out.append(base_path).append(request.path);
  if (base_path.empty() && request.path.empty()) out.push_back('/');
  out.append(" HTTP/1.1\r\n");
  if (!overridden(request, "Host")) add(out, "Host", host);
  if (!overridden(request, "User-Agent")) add(out, "User-Agent", kUserAgent);
  if (!overridden(request, "Accept")) add(out, "Accept", "*/*");
  if (!request.body.empty() && !overridden(request, "Content-Type")) {
    add(out, "Content-Type", "application/json");
  }
  if (!request.body.empty() || carries_body(request.method)) {
    add(out, "Content-Length", std::to_string(request.body.size()));
  }
  for (const auto& [name, value] : request.headers) {
    // The message framing is always ours.
    if (boost::beast::iequals(name, "Content-Length") ||
        boost::beast::iequals(name, "Transfer-Encoding")) {
      continue;
    }
    add(out, name, value);
  }
  out.append("\r\n");
  return Status::OK();
}

}  // namespace splitpoint::http::detail
