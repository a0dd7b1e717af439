// ${VAR} expansion for configuration scalars. Internal to src/config.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "splitpoint/status.h"

namespace splitpoint::config {

// Returns the value of an environment variable, or nullopt when it is unset.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Looks `name` up in the process environment (getenv). Not safe against a concurrent setenv.
std::optional<std::string> process_env(std::string_view name);

// Expands one scalar value:
//   ${VAR}          the variable's value; "" when unset
//   ${VAR:-text}    the variable's value; `text` (taken literally) when unset or empty
//   $$              a literal "$"
//   $ followed by anything else is kept as is.
// VAR is [A-Za-z_][A-Za-z0-9_]*. Expanded text is not expanded again.
// Errors (kInvalidArgument, message without location): an unterminated "${", a bad variable name.
Result<std::string> expand_env(std::string_view text, const EnvLookup& lookup);

}  // namespace splitpoint::config
