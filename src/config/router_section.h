// Parsing of the `router:` section (automatic routing) for parse_config(). Internal to src/config.
#pragma once

#include "config/config.h"
#include "config/yaml_reader.h"

namespace splitpoint::config {

// Reads the `router:` mapping into `out` (keys absent from the file keep their defaults).
// Errors: "<file>:<line>: router.<key>: <what>", e.g. an unknown policy name, a policy listed
// twice, a bad tier in task_routes, a threshold outside 0..1.
Status parse_router(const Reader& r, const Value& v, RouterConfig& out);

}  // namespace splitpoint::config
