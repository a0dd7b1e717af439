// Checks and formatting shared by parse_config() (which adds "<file>:<line>: ") and validate().
// Internal to src/config.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"

namespace splitpoint::config {

inline constexpr int kMinWorkers = 1;
inline constexpr int kMaxWorkers = 64;

// "127.0.0.1:8080", or "[::1]:8080" when `host` holds a ':' (IPv6).
std::string format_listen(const std::string& host, uint16_t port);

// Each returns "" when the value is acceptable, otherwise what is wrong (no key, no location).
std::string open_relay_problem(const ServerConfig& server);
std::string base_url_problem(std::string_view url);
// Model names the router reserves as aliases ("auto", "local", "cloud", "reflex", "reasoning").
bool is_reserved_model_name(std::string_view name);

// The routing policy names router.policies may list, in the default order.
std::span<const std::string_view> policy_names();
// "" when `name` is a known policy, else what is wrong (with a did-you-mean when one is close).
std::string policy_name_problem(std::string_view name);
// The checks of the router section that do not need a file position, for validate(); returns
// {key, what} of the first problem, or {"", ""}.
std::pair<std::string, std::string> router_problem(const RouterConfig& router);

}  // namespace splitpoint::config
