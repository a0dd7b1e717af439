// validate(): policy checks on a whole Config, and the shared value checks.
#include <array>
#include <cmath>
#include <set>

#include "config/checks.h"
#include "config/config.h"

namespace splitpoint::config {
namespace {

constexpr std::array<std::string_view, 5> kReservedModelNames = {"auto", "local", "cloud", "reflex",
                                                                 "reasoning"};

Status problem(const Config& config, const std::string& key, const std::string& what) {
  std::string prefix = config.source.empty() ? "" : config.source + ": ";
  return Status::invalid(prefix + key + ": " + what);
}

Status validate_server(const Config& config) {
  const ServerConfig& s = config.server;
  if (s.listen_host.empty()) return problem(config, "server.listen", "host is empty");
  for (std::size_t i = 0; i < s.api_keys.size(); ++i) {
    if (s.api_keys[i].empty()) {
      return problem(config, "server.api_keys[" + std::to_string(i) + "]", "API key is empty");
    }
  }
  if (s.workers < kMinWorkers || s.workers > kMaxWorkers) {
    return problem(config, "server.workers",
                   "expected " + std::to_string(kMinWorkers) + " to " +
                       std::to_string(kMaxWorkers) + ", got " + std::to_string(s.workers));
  }
  if (s.max_body_bytes == 0) return problem(config, "server.max_body_bytes", "must be positive");
  if (s.request_timeout.count() <= 0) {
    return problem(config, "server.request_timeout_ms", "must be positive");
  }
  if (std::string relay = open_relay_problem(s); !relay.empty()) {
    return problem(config, "server.listen", relay);
  }
  if (s.max_messages == 0) return problem(config, "server.max_messages", "must be positive");
  if (s.max_header_bytes == 0) {
    return problem(config, "server.max_header_bytes", "must be positive");
  }
  if (s.max_concurrent_requests < 1) {
    return problem(config, "server.max_concurrent_requests", "must be positive");
  }
  if (config.circuit.failures < 1) return problem(config, "circuit.failures", "must be >= 1");
  if (config.circuit.cooldown.count() <= 0) {
    return problem(config, "circuit.cooldown_ms", "must be positive");
  }
  return Status::OK();
}

Status validate_provider(const Config& config, const ProviderDescriptor& p,
                         const std::string& key) {
  if (p.name.empty()) return problem(config, key + ".name", "required");
  if (std::string bad = base_url_problem(p.base_url); !bad.empty()) {
    return problem(config, key + ".base_url", bad);
  }
  if (p.chat_model.empty() && p.embedding_model.empty()) {
    return problem(config, key, "needs chat_model or embedding_model (or both)");
  }
  for (const std::string* m : {&p.chat_model, &p.embedding_model}) {
    if (is_reserved_model_name(*m)) {
      return problem(config, key, "model name \"" + *m + "\" is a reserved routing alias");
    }
  }
  for (const std::string& m : p.models) {
    if (m.empty() || is_reserved_model_name(m)) {
      return problem(config, key + ".models", "bad model name \"" + m + "\"");
    }
  }
  if (p.context_tokens < 0) return problem(config, key + ".context_tokens", "must be >= 0");
  if (p.connect_timeout.count() <= 0) {
    return problem(config, key + ".connect_timeout_ms", "must be positive");
  }
  if (p.request_timeout.count() <= 0) {
    return problem(config, key + ".request_timeout_ms", "must be positive");
  }
  if (p.first_token_timeout.count() < 0 || p.idle_timeout.count() < 0) {
    return problem(config, key + ".first_token_timeout_ms/idle_timeout_ms", "must be >= 0");
  }
  if (p.retries < 0) return problem(config, key + ".retries", "must be >= 0");
  if (p.max_concurrent < 0) return problem(config, key + ".max_concurrent", "must be >= 0");
  const std::pair<const char*, double> numbers[] = {{".price_input_per_m", p.price_input_per_m},
                                                    {".price_output_per_m", p.price_output_per_m},
                                                    {".ttft_ms", p.ttft_ms},
                                                    {".tokens_per_sec", p.tokens_per_sec}};
  for (const auto& [name, value] : numbers) {
    if (!std::isfinite(value) || value < 0) return problem(config, key + name, "must be >= 0");
  }
  return Status::OK();
}

}  // namespace

bool is_reserved_model_name(std::string_view name) {
  for (std::string_view r : kReservedModelNames) {
    if (name == r) return true;
  }
  return false;
}

std::string base_url_problem(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else {
    return "expected a URL starting with http:// or https://, got \"" + std::string(url) + "\"";
  }
  if (rest.empty() || rest.front() == '/') return "missing host in \"" + std::string(url) + "\"";
  return "";
}

Status validate(const Config& config) {
  if (Status s = validate_server(config); !s.is_ok()) return s;
  if (config.providers.empty()) return problem(config, "providers", "at least one is required");
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < config.providers.size(); ++i) {
    const ProviderDescriptor& p = config.providers[i];
    std::string key = "providers[" + std::to_string(i) + "]";
    if (Status s = validate_provider(config, p, key); !s.is_ok()) return s;
    if (!names.insert(p.name).second) {
      return problem(config, key + ".name", "duplicate provider name \"" + p.name + "\"");
    }
  }
  if (auto [key, what] = router_problem(config.router); !key.empty()) {
    return problem(config, key, what);
  }
  return Status::OK();
}

}  // namespace splitpoint::config
