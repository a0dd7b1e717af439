#include <string>
#include <string_view>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "http/client.h"

namespace splitpoint::http {
namespace {

Status bad_url(std::string_view url, std::string_view why) {
  std::string m = "invalid upstream URL \"";
  m.append(url).append("\": ").append(why);
  return Status::invalid(std::move(m));
}

bool valid_port(std::string_view port) {
  if (port.empty() || port.size() > 5) return false;
  unsigned value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value >= 1 && value <= 65535;
}

}  // namespace

Result<Url> Url::parse(std::string_view text) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) return bad_url(text, "expected http://host[:port][/path]");
  const boost::urls::url_view& u = *parsed;
  Url url;
  if (u.scheme_id() == boost::urls::scheme::https) {
    url.tls = true;
  } else if (u.scheme_id() != boost::urls::scheme::http) {
    return bad_url(text, "scheme must be http or https");
  }
  if (!u.has_authority() || u.encoded_host().empty()) return bad_url(text, "missing host");
  if (u.host_type() == boost::urls::host_type::ipvfuture) {
    return bad_url(text, "unsupported host address");
  }
  if (u.has_userinfo()) return bad_url(text, "credentials in the URL are not supported");
  if (u.has_query() || u.has_fragment()) {
    return bad_url(text, "a base URL takes no query or fragment");
  }
  url.host = u.host_address();
  if (u.has_port()) {
    if (!valid_port(u.port())) return bad_url(text, "port must be a number from 1 to 65535");
    url.port = u.port();
  } else {
    url.port = url.tls ? "443" : "80";
  }
  std::string_view path = u.encoded_path();
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (!path.empty() && path.front() != '/')
    return bad_url(text, "expected http://host[:port][/path]");
  url.base_path = path;
  return url;
}

std::string Url::origin() const {
  std::string out = tls ? "https://" : "http://";
  bool ipv6 = host.find(':') != std::string::npos;
  if (ipv6) out.push_back('[');
  out.append(host);
  if (ipv6) out.push_back(']');
  out.push_back(':');
  out.append(port);
  return out;
}

}  // namespace splitpoint::http
