#include "api/route_headers.h"

#include <string>

namespace splitpoint::api {
namespace {

std::string header_safe(std::string_view value) {
  std::string out(value);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  return out;
}

}  // namespace

RouteHints route_hints(const Exchange& exchange) {
  return RouteHints{std::string(exchange.header(kTierHeader)),
                    std::string(exchange.header(kTaskHeader))};
}

Headers route_headers(const Route& route) {
  Headers headers;
  headers.reserve(4);
  headers.emplace_back(kTierHeader, tier_name(route.tier));
  headers.emplace_back(kProviderHeader, header_safe(route.provider));
  headers.emplace_back(kReasonHeader, header_safe(route.reason));
  if (route.redactions > 0) headers.emplace_back(kRedactionsHeader, std::to_string(route.redactions));
  return headers;
}

bool method_allowed(std::string_view allow, std::string_view method) {
  while (!allow.empty()) {
    const std::size_t comma = allow.find(',');
    std::string_view token = allow.substr(0, comma);
    while (token.starts_with(' ')) token.remove_prefix(1);
    if (token == method) return true;
    if (comma == std::string_view::npos) break;
    allow.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace splitpoint::api
