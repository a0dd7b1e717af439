// parse_config() and load_config_file(): YAML text -> validated Config.
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

#include "config/checks.h"
#include "config/config.h"
#include "config/ledger_section.h"
#include "config/router_section.h"
#include "config/yaml_reader.h"

namespace splitpoint::config {
namespace {

constexpr std::array<std::string_view, 6> kTopKeys = {"server", "providers", "routing",
                                                      "router", "ledger",    "cost"};
constexpr std::array<std::string_view, 7> kServerKeys = {
    "listen",         "api_keys",           "allow_open_relay", "workers",
    "max_body_bytes", "request_timeout_ms", "shutdown_grace_ms"};
constexpr std::array<std::string_view, 22> kProviderKeys = {"name",
                                                            "tier",
                                                            "kind",
                                                            "base_url",
                                                            "api_key",
                                                            "chat_model",
                                                            "embedding_model",
                                                            "models",
                                                            "vision",
                                                            "tools",
                                                            "context_tokens",
                                                            "connect_timeout_ms",
                                                            "request_timeout_ms",
                                                            "price_input_per_m",
                                                            "price_output_per_m",
                                                            "ttft_ms",
                                                            "tokens_per_sec",
                                                            // cost model (ledger_section.h)
                                                            "prices",
                                                            "power_watts",
                                                            "electricity_usd_per_kwh",
                                                            "hardware_usd",
                                                            "hardware_lifetime_hours"};
constexpr double kMaxPricePerM = 1e6;  // USD per 1M tokens
constexpr double kMaxTokensPerSec = 1e7;
constexpr double kMaxTtftMs = 24.0 * 60 * 60 * 1000;
constexpr std::array<std::string_view, 2> kRoutingKeys = {"auto_models", "embeddings_tier"};

std::string check_api_key(std::string_view key) {
  return key.empty() ? "API key is empty (an unset ${VAR}?)" : "";
}

std::string check_model_name(std::string_view name) {
  if (name.empty()) return "model name is empty";
  if (is_reserved_model_name(name)) {
    return "\"" + std::string(name) + "\" is a reserved routing alias";
  }
  return "";
}

struct Sections {
  std::optional<Value> server, providers, routing, router, ledger, cost;
};

Status read_server_key(const Reader& r, std::string_view key, const Value& v, ServerConfig& s,
                       YAML::Mark& listen_mark) {
  if (key == "listen") {
    std::string text;
    if (Status st = r.read_required_string(v, text); !st.is_ok()) return st;
    if (Status st = parse_listen(text, s.listen_host, s.listen_port); !st.is_ok()) {
      return r.error(v, st.message());
    }
    listen_mark = v.mark;
    return Status::OK();
  }
  if (key == "api_keys") return r.read_string_list(v, s.api_keys, check_api_key);
  if (key == "allow_open_relay") return r.read_bool(v, s.allow_open_relay);
  if (key == "workers") {
    int64_t n = 0;
    Status st = r.read_int(v, kMinWorkers, kMaxWorkers, n);
    s.workers = static_cast<int>(n);
    return st;
  }
  if (key == "max_body_bytes") return r.read_size(v, s.max_body_bytes);
  if (key == "shutdown_grace_ms") return r.read_millis(v, s.shutdown_grace);
  return r.read_millis(v, s.request_timeout);  // request_timeout_ms
}

Status parse_server(const Reader& r, const Value& v, ServerConfig& s) {
  YAML::Mark listen_mark = v.mark;
  Status st = r.for_each_key(v, kServerKeys, [&](std::string_view key, const Value& field) {
    return read_server_key(r, key, field, s, listen_mark);
  });
  if (!st.is_ok()) return st;
  if (std::string relay = open_relay_problem(s); !relay.empty()) {
    return r.error(listen_mark, "server.listen", relay);
  }
  return Status::OK();
}

Status read_model_name(const Reader& r, const Value& v, std::string& out) {
  if (Status st = r.read_string(v, out); !st.is_ok()) return st;
  if (!out.empty() && is_reserved_model_name(out)) return r.error(v, check_model_name(out));
  return Status::OK();
}

Status read_provider_key(const Reader& r, std::string_view key, const Value& v,
                         ProviderDescriptor& p) {
  if (key == "name") return r.read_required_string(v, p.name);
  if (key == "tier") return r.read_tier(v, p.tier);
  if (key == "kind") return r.read_protocol(v, p.kind);
  if (key == "base_url") {
    if (Status st = r.read_string(v, p.base_url); !st.is_ok()) return st;
    if (std::string bad = base_url_problem(p.base_url); !bad.empty()) return r.error(v, bad);
    while (p.base_url.ends_with('/')) p.base_url.pop_back();
    return Status::OK();
  }
  if (key == "api_key") return r.read_string(v, p.api_key);
  if (key == "chat_model") return read_model_name(r, v, p.chat_model);
  if (key == "embedding_model") return read_model_name(r, v, p.embedding_model);
  if (key == "models") return r.read_string_list(v, p.models, check_model_name);
  if (key == "vision") return r.read_bool(v, p.vision);
  if (key == "tools") return r.read_bool(v, p.tools);
  if (key == "context_tokens") {
    return r.read_int(v, 0, std::numeric_limits<int64_t>::max(), p.context_tokens);
  }
  if (key == "connect_timeout_ms") return r.read_millis(v, p.connect_timeout);
  if (key == "request_timeout_ms") return r.read_millis(v, p.request_timeout);
  if (key == "price_input_per_m") return r.read_double(v, 0, kMaxPricePerM, p.price_input_per_m);
  if (key == "price_output_per_m") return r.read_double(v, 0, kMaxPricePerM, p.price_output_per_m);
  if (key == "ttft_ms") return r.read_double(v, 0, kMaxTtftMs, p.ttft_ms);
  return r.read_double(v, 0, kMaxTokensPerSec, p.tokens_per_sec);  // tokens_per_sec
}

Status parse_provider(const Reader& r, const Value& v, std::chrono::milliseconds default_timeout,
                      ProviderDescriptor& p, ProviderCost& cost) {
  p.request_timeout = default_timeout;
  std::map<std::string_view, bool> seen;
  Status st = r.for_each_key(v, kProviderKeys, [&](std::string_view key, const Value& field) {
    seen[key] = true;
    if (is_provider_cost_key(key)) return read_provider_cost_key(r, key, field, cost);
    return read_provider_key(r, key, field, p);
  });
  if (!st.is_ok()) return st;
  static constexpr std::pair<std::string_view, std::string_view> kRequired[] = {
      {"name", "e.g. home-gpu"},
      {"tier", "\"local\" or \"cloud\""},
      {"kind", "\"ollama\" or \"openai\""},
      {"base_url", "e.g. http://127.0.0.1:11434"}};
  for (const auto& [key, hint] : kRequired) {
    if (!seen.contains(key)) {
      return r.error(v.mark, v.path + "." + std::string(key),
                     "required (" + std::string(hint) + ")");
    }
  }
  if (p.chat_model.empty() && p.embedding_model.empty()) {
    return r.error(v, "needs chat_model or embedding_model (or both)");
  }
  return Status::OK();
}

Status parse_providers(const Reader& r, const Value& v, std::chrono::milliseconds default_timeout,
                       std::vector<ProviderDescriptor>& out,
                       std::map<std::string, ProviderCost>& costs) {
  std::vector<ProviderDescriptor> providers;
  std::map<std::string, int> first_line;  // provider name -> 1-based line of its name
  Status st = r.for_each_item(v, [&](const Value& item) {
    ProviderDescriptor p;
    ProviderCost cost;
    if (Status s = parse_provider(r, item, default_timeout, p, cost); !s.is_ok()) return s;
    costs[p.name] = std::move(cost);
    YAML::Mark name_mark = item.node["name"].Mark();
    auto [it, inserted] = first_line.emplace(p.name, name_mark.line + 1);
    if (!inserted) {
      return r.error(name_mark, item.path + ".name",
                     "duplicate provider name \"" + p.name + "\" (first at line " +
                         std::to_string(it->second) + ")");
    }
    providers.push_back(std::move(p));
    return Status::OK();
  });
  if (!st.is_ok()) return st;
  if (providers.empty()) return r.error(v, "at least one provider is required");
  out = std::move(providers);
  return Status::OK();
}

Status parse_routing(const Reader& r, const Value& v, RoutingConfig& routing) {
  return r.for_each_key(v, kRoutingKeys, [&](std::string_view key, const Value& field) {
    if (key == "auto_models")
      return r.read_string_list(field, routing.auto_models, check_model_name);
    return r.read_tier(field, routing.embeddings_tier);  // embeddings_tier
  });
}

Status build(const Reader& r, const YAML::Node& root, Config& config) {
  Sections sections;
  if (!root.IsNull()) {
    Value top{root, "", root.Mark()};
    Status st = r.for_each_key(top, kTopKeys, [&](std::string_view key, const Value& v) {
      (key == "server"      ? sections.server
       : key == "providers" ? sections.providers
       : key == "routing"   ? sections.routing
       : key == "router"    ? sections.router
       : key == "ledger"    ? sections.ledger
                            : sections.cost) = v;
      return Status::OK();
    });
    if (!st.is_ok()) return st;
  }
  if (sections.server) {
    if (Status st = parse_server(r, *sections.server, config.server); !st.is_ok()) return st;
  }
  std::chrono::milliseconds timeout = config.server.request_timeout;
  if (sections.providers) {
    config.cost.providers.clear();
    Status st = parse_providers(r, *sections.providers, timeout, config.providers,
                                config.cost.providers);
    if (!st.is_ok()) return st;
  } else {
    for (ProviderDescriptor& p : config.providers) p.request_timeout = timeout;
  }
  if (sections.routing) {
    if (Status st = parse_routing(r, *sections.routing, config.routing); !st.is_ok()) return st;
  }
  if (sections.router) {
    if (Status st = parse_router(r, *sections.router, config.router); !st.is_ok()) return st;
  }
  if (sections.ledger) {
    if (Status st = parse_ledger(r, *sections.ledger, config.ledger); !st.is_ok()) return st;
  }
  if (sections.cost) {
    Status st = parse_cost(r, *sections.cost, config.providers, config.cost);
    if (!st.is_ok()) return st;
  }
  return Status::OK();
}

// A hint for the commonest YAML slip: an unquoted IPv6 listen address is a flow sequence.
std::string syntax_hint(const std::string& text, int line) {
  std::istringstream in(text);
  std::string l;
  int i = 0;
  while (std::getline(in, l) && i < line) ++i;
  if (l.find("listen:") != std::string::npos && l.find('[') != std::string::npos) {
    return " (quote IPv6 listen addresses: listen: \"[::1]:8080\")";
  }
  return "";
}

}  // namespace

Result<Config> parse_config(const std::string& yaml_text, const std::string& file_name) {
  Reader reader(file_name, process_env);
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& e) {
    return reader.error(e.mark, "",
                        "YAML syntax error: " + e.msg + syntax_hint(yaml_text, e.mark.line));
  } catch (const std::exception& e) {
    return Status::invalid(file_name + ": cannot parse YAML: " + e.what());
  }
  Config config = default_config();
  config.source = file_name;
  try {
    if (Status st = build(reader, root, config); !st.is_ok()) return st;
  } catch (const std::exception& e) {
    return Status::invalid(file_name + ": " + e.what());
  }
  if (Status st = validate(config); !st.is_ok()) return st;
  return config;
}

Result<Config> load_config_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::invalid("cannot read config file \"" + path + "\": is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::invalid("cannot read config file \"" + path + "\": " + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::invalid("cannot read config file \"" + path + "\": read error");
  return parse_config(text.str(), path);
}

}  // namespace splitpoint::config
