#include "api/route_json.h"

#include <cstdio>

#include <boost/json.hpp>

namespace splitpoint::api {

std::string route_json(const Route& route) {
  // Written by hand so that the score reads 0.83, not Boost.JSON's 8.3E-1.
  auto quoted = [](std::string_view s) { return boost::json::serialize(boost::json::string(s)); };
  std::string out = "{\"tier\":";
  out += quoted(tier_name(route.tier));
  out += ",\"provider\":" + quoted(route.provider);
  out += ",\"model\":" + quoted(route.model);
  out += ",\"score\":";
  if (route.score >= 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", route.score);
    out += buf;
  } else {
    out += "null";
  }
  out += ",\"reasons\":[";
  const bool joined_only = route.reasons.empty() && !route.reason.empty();
  for (std::size_t i = 0; i < route.reasons.size(); ++i) {
    if (i > 0) out += ',';
    out += quoted(route.reasons[i]);
  }
  if (joined_only) out += quoted(route.reason);
  out += "],\"redactions\":" + std::to_string(route.redactions) + "}";
  return out;
}

}  // namespace splitpoint::api
