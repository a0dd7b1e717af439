// Helpers both front doors share for the routing side of an exchange: the hints a caller sends
// (X-Splitpoint-Tier), the X-Splitpoint-* headers every response of a routed request carries,
// and the method check behind 405 answers.
// Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "api/dispatcher.h"
#include "api/exchange.h"

namespace splitpoint::api {

inline constexpr std::string_view kTierHeader = "X-Splitpoint-Tier";
inline constexpr std::string_view kProviderHeader = "X-Splitpoint-Provider";
inline constexpr std::string_view kReasonHeader = "X-Splitpoint-Reason";
inline constexpr std::string_view kTaskHeader = "X-Splitpoint-Task";
inline constexpr std::string_view kRedactionsHeader = "X-Splitpoint-Redactions";

// The hints read from the request headers (X-Splitpoint-Tier; "" when absent).
RouteHints route_hints(const Exchange& exchange);

// X-Splitpoint-Tier, X-Splitpoint-Provider and X-Splitpoint-Reason for `route` (and
// X-Splitpoint-Redactions when values were masked). Control
// characters in the values are replaced by spaces, so a value can never split a header line.
Headers route_headers(const Route& route);

// True if `method` is one of the methods in `allow`, an Allow header value ("GET, HEAD").
bool method_allowed(std::string_view allow, std::string_view method);

}  // namespace splitpoint::api
