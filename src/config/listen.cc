// parse_listen(), is_loopback() and the listen-related policy check.
#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>

#include "config/checks.h"
#include "config/config.h"

namespace splitpoint::config {
namespace {

bool is_ipv4(const std::string& s, in_addr* out = nullptr) {
  in_addr a{};
  if (inet_pton(AF_INET, s.c_str(), &a) != 1) return false;
  if (out) *out = a;
  return true;
}

bool is_ipv6(const std::string& s, in6_addr* out = nullptr) {
  in6_addr a{};
  if (inet_pton(AF_INET6, s.c_str(), &a) != 1) return false;
  if (out) *out = a;
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

Status parse_port(std::string_view text, std::string_view whole, uint16_t& port) {
  bool digits = !text.empty() && text.size() <= 5 &&
                std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  unsigned long value = digits ? std::stoul(std::string(text)) : 0;
  if (!digits || value > 65535) {
    return Status::invalid("port \"" + std::string(text) + "\" in \"" + std::string(whole) +
                           "\" is not a number from 0 to 65535");
  }
  port = static_cast<uint16_t>(value);
  return Status::OK();
}

Status check_plain_host(const std::string& host, std::string_view whole) {
  if (host.empty()) {
    return Status::invalid("missing host in \"" + std::string(whole) +
                           "\" (expected host:port, e.g. 127.0.0.1:8080; 0.0.0.0 for all "
                           "interfaces)");
  }
  if (host.find(':') != std::string::npos) {
    return Status::invalid("IPv6 address in \"" + std::string(whole) +
                           "\" needs brackets, e.g. [::1]:8080");
  }
  bool numeric = std::all_of(host.begin(), host.end(),
                             [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
  if (numeric && !is_ipv4(host)) {
    return Status::invalid("host \"" + host + "\" is not a valid IPv4 address");
  }
  auto host_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
  };
  if (!std::all_of(host.begin(), host.end(), host_char)) {
    return Status::invalid("host \"" + host + "\" is not an IP address or host name");
  }
  return Status::OK();
}

}  // namespace

Status parse_listen(const std::string& text, std::string& host, uint16_t& port) {
  if (text.empty()) return Status::invalid("listen address is empty (expected host:port)");
  std::string h;
  std::string_view port_text;
  std::string_view view(text);
  if (view.front() == '[') {
    std::size_t close = view.find(']');
    if (close == std::string_view::npos) {
      return Status::invalid("missing \"]\" after the IPv6 address in \"" + text + "\"");
    }
    h = std::string(view.substr(1, close - 1));
    if (!is_ipv6(h)) return Status::invalid("\"" + h + "\" is not a valid IPv6 address");
    if (close + 1 >= view.size() || view[close + 1] != ':') {
      return Status::invalid("missing \":port\" after \"" + std::string(view.substr(0, close + 1)) +
                             "\" (expected [host]:port)");
    }
    port_text = view.substr(close + 2);
  } else {
    std::size_t colon = view.rfind(':');
    if (colon == std::string_view::npos) {
      return Status::invalid("missing \":port\" in \"" + text +
                             "\" (expected host:port, e.g. 127.0.0.1:8080)");
    }
    h = std::string(view.substr(0, colon));
    if (Status s = check_plain_host(h, text); !s.is_ok()) return s;
    port_text = view.substr(colon + 1);
  }
  uint16_t p = 0;
  if (Status s = parse_port(port_text, text, p); !s.is_ok()) return s;
  host = std::move(h);
  port = p;
  return Status::OK();
}

bool is_loopback(const std::string& host_in) {
  std::string host = host_in;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (iequals(host, "localhost") || iequals(host, "localhost.")) return true;
  in_addr v4{};
  if (is_ipv4(host, &v4)) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (is_ipv6(host, &v6)) {
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
  }
  return false;
}

std::string format_listen(const std::string& host, uint16_t port) {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

std::string open_relay_problem(const ServerConfig& server) {
  if (is_loopback(server.listen_host) || !server.api_keys.empty() || server.allow_open_relay) {
    return "";
  }
  return "refusing to listen on " + format_listen(server.listen_host, server.listen_port) +
         " without server.api_keys: the gateway holds a paid cloud key and would be an open "
         "relay; set server.api_keys or server.allow_open_relay: true";
}

}  // namespace splitpoint::config
