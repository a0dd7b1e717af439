// parse_router(): the `router:` section.
#include "config/router_section.h"

#include <array>
#include <cmath>
#include <limits>
#include <map>

#include "config/checks.h"

namespace splitpoint::config {
namespace {

constexpr std::array<std::string_view, 10> kRouterKeys = {"policies",
                                                         "task_routes",
                                                         "privacy",
                                                         "complexity_threshold",
                                                         "complexity_model",
                                                         "latency_slo_ms",
                                                         "daily_cloud_budget_usd",
                                                         "over_budget",
                                                         "default_output_tokens",
                                                         "max_attempts"};

constexpr int64_t kMaxSloMillis = 24LL * 60 * 60 * 1000;
constexpr int64_t kMaxOutputTokens = 10'000'000;
constexpr double kMaxBudgetUsd = 1e9;

Status read_policies(const Reader& r, const Value& v, std::vector<std::string>& out) {
  std::vector<std::string> names;
  std::map<std::string, int> first_line;
  Status st = r.for_each_item(v, [&](const Value& item) {
    std::string name;
    if (Status s = r.read_required_string(item, name); !s.is_ok()) return s;
    if (std::string bad = policy_name_problem(name); !bad.empty()) return r.error(item, bad);
    auto [it, inserted] = first_line.emplace(name, item.mark.line + 1);
    if (!inserted) {
      return r.error(item, "policy \"" + name + "\" is listed twice (first at line " +
                               std::to_string(it->second) + ")");
    }
    names.push_back(std::move(name));
    return Status::OK();
  });
  if (!st.is_ok()) return st;
  out = std::move(names);
  return Status::OK();
}

Status read_task_routes(const Reader& r, const Value& v, std::map<std::string, Tier>& out) {
  std::map<std::string, Tier> routes;
  if (v.node.IsNull()) {
    out.clear();
    return Status::OK();
  }
  Status st = r.for_each_entry(v, [&](std::string_view task, const Value& field) {
    if (task.empty()) return r.error(field, "task name is empty");
    Tier tier = Tier::kLocal;
    if (Status s = r.read_tier(field, tier); !s.is_ok()) return s;
    routes.emplace(std::string(task), tier);
    return Status::OK();
  });
  if (!st.is_ok()) return st;
  out = std::move(routes);
  return Status::OK();
}

Status read_privacy(const Reader& r, const Value& v, RouterConfig::PrivacyMode& out) {
  std::string text;
  if (Status s = r.read_string(v, text); !s.is_ok()) return s;
  if (text == "off") {
    out = RouterConfig::PrivacyMode::kOff;
  } else if (text == "local-only") {
    out = RouterConfig::PrivacyMode::kLocalOnly;
  } else if (text == "redact") {
    out = RouterConfig::PrivacyMode::kRedact;
  } else {
    return r.error(v, "expected \"off\", \"local-only\" or \"redact\", got \"" + text + "\"");
  }
  return Status::OK();
}

Status read_over_budget(const Reader& r, const Value& v, RouterConfig::OverBudget& out) {
  std::string text;
  if (Status s = r.read_string(v, text); !s.is_ok()) return s;
  if (text == "local") {
    out = RouterConfig::OverBudget::kLocal;
  } else if (text == "refuse") {
    out = RouterConfig::OverBudget::kRefuse;
  } else {
    return r.error(v, "expected \"local\" or \"refuse\", got \"" + text + "\"");
  }
  return Status::OK();
}

Status read_router_key(const Reader& r, std::string_view key, const Value& v, RouterConfig& c) {
  if (key == "policies") return read_policies(r, v, c.policies);
  if (key == "task_routes") return read_task_routes(r, v, c.task_routes);
  if (key == "privacy") return read_privacy(r, v, c.privacy);
  if (key == "complexity_threshold") return r.read_double(v, 0, 1, c.complexity_threshold);
  if (key == "complexity_model") return r.read_string(v, c.complexity_model);
  if (key == "latency_slo_ms") return r.read_int(v, 0, kMaxSloMillis, c.latency_slo_ms);
  if (key == "daily_cloud_budget_usd") {
    return r.read_double(v, 0, kMaxBudgetUsd, c.daily_cloud_budget_usd);
  }
  if (key == "over_budget") return read_over_budget(r, v, c.over_budget);
  if (key == "max_attempts") {
    int64_t n = 0;
    Status st = r.read_int(v, 1, 100, n);
    c.max_attempts = static_cast<int>(n);
    return st;
  }
  return r.read_int(v, 1, kMaxOutputTokens, c.default_output_tokens);  // default_output_tokens
}

}  // namespace

std::span<const std::string_view> policy_names() {
  static constexpr std::array<std::string_view, 8> kNames = {
      "pin", "task", "privacy", "capability", "complexity", "latency", "cost", "health"};
  return kNames;
}

std::string policy_name_problem(std::string_view name) {
  for (std::string_view n : policy_names()) {
    if (n == name) return "";
  }
  std::string what = "unknown policy \"" + std::string(name) + "\"";
  if (std::string_view s = suggest(name, policy_names()); !s.empty()) {
    what += "; did you mean \"" + std::string(s) + "\"?";
  } else {
    what += " (known: pin, task, privacy, capability, complexity, latency, cost, health)";
  }
  return what;
}

std::pair<std::string, std::string> router_problem(const RouterConfig& c) {
  for (std::size_t i = 0; i < c.policies.size(); ++i) {
    std::string key = "router.policies[" + std::to_string(i) + "]";
    if (std::string bad = policy_name_problem(c.policies[i]); !bad.empty()) return {key, bad};
    for (std::size_t j = 0; j < i; ++j) {
      if (c.policies[j] == c.policies[i]) {
        return {key, "policy \"" + c.policies[i] + "\" is listed twice"};
      }
    }
  }
  for (const auto& [task, tier] : c.task_routes) {
    if (task.empty()) return {"router.task_routes", "task name is empty"};
  }
  if (!(c.complexity_threshold >= 0 && c.complexity_threshold <= 1)) {
    return {"router.complexity_threshold", "must be from 0 to 1"};
  }
  if (c.latency_slo_ms < 0) return {"router.latency_slo_ms", "must be >= 0"};
  if (!std::isfinite(c.daily_cloud_budget_usd) || c.daily_cloud_budget_usd < 0) {
    return {"router.daily_cloud_budget_usd", "must be a number >= 0"};
  }
  if (c.default_output_tokens < 1) return {"router.default_output_tokens", "must be >= 1"};
  if (c.max_attempts < 1) return {"router.max_attempts", "must be >= 1"};
  return {"", ""};
}

Status parse_router(const Reader& r, const Value& v, RouterConfig& out) {
  if (v.node.IsNull()) return Status::OK();
  return r.for_each_key(v, kRouterKeys, [&](std::string_view key, const Value& field) {
    return read_router_key(r, key, field, out);
  });
}

}  // namespace splitpoint::config
