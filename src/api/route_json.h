// The JSON form of a routing decision, shared by `POST /v1/route` and `splitpoint route`:
// {"tier","provider","model","score","reasons":[...],"redactions"}. Pure; thread-safe.
#pragma once

#include <string>

#include "api/dispatcher.h"

namespace splitpoint::api {

std::string route_json(const Route& route);

}  // namespace splitpoint::api
