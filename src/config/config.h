// Validated, immutable gateway configuration. Built once at start-up (and on reload) and shared
// read-only as shared_ptr<const Config>; safe to read from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "splitpoint/provider.h"
#include "splitpoint/status.h"

namespace splitpoint::config {

struct ServerConfig {
  std::string listen_host = "127.0.0.1";
  uint16_t listen_port = 8080;
  std::vector<std::string> api_keys;    // empty: no authentication
  bool allow_open_relay = false;        // listen on a non-loopback address without api_keys
  int workers = 1;                      // io_context threads (one acceptor each, SO_REUSEPORT)
  std::size_t max_body_bytes = 32 << 20;  // 413 beyond
  std::chrono::milliseconds request_timeout{600000};  // default deadline of an upstream call
  std::chrono::milliseconds shutdown_grace{30000};    // SIGTERM: time for requests in flight
};

struct RoutingConfig {
  // Incoming model names treated as "auto" besides "auto" itself (e.g. "llama3.2").
  std::vector<std::string> auto_models;
  Tier embeddings_tier = Tier::kLocal;  // tier for embeddings sent to an alias
};

// Automatic routing (the `router:` section). Used for requests whose model is "auto" or one of
// routing.auto_models; explicit model names and tier aliases keep their meaning.
struct RouterConfig {
  // Evaluation order; names: pin, task, privacy, capability, complexity, latency, cost, health.
  std::vector<std::string> policies = {"pin",        "task",    "privacy", "capability",
                                       "complexity", "latency", "cost",    "health"};
  std::map<std::string, Tier> task_routes;  // X-Splitpoint-Task value -> tier
  enum class PrivacyMode { kOff, kLocalOnly, kRedact };
  PrivacyMode privacy = PrivacyMode::kRedact;
  double complexity_threshold = 0.5;  // score > threshold -> cloud
  std::string complexity_model;       // path to a model file; "" = the built-in model
  int64_t latency_slo_ms = 0;         // 0: no latency objective
  double daily_cloud_budget_usd = 0;  // 0: no budget
  enum class OverBudget { kLocal, kRefuse };
  OverBudget over_budget = OverBudget::kLocal;
  int64_t default_output_tokens = 256;  // expected answer length when max_tokens is absent
};

// The request ledger (the `ledger:` section; docs/ledger.md).
struct LedgerConfig {
  bool enabled = true;
  std::string path = "splitpoint-ledger.db";  // SQLite file; relative to the working directory
  bool store_text = false;                    // true is refused at load: not implemented
  int64_t queue_records = 65536;  // records waiting for the writer; beyond: dropped and counted
};

// What one provider costs beyond its descriptor's price pair (provider keys `prices`,
// `power_watts`, `electricity_usd_per_kwh`, `hardware_usd`, `hardware_lifetime_hours`).
struct ProviderCost {
  struct Price {
    double input_per_m = 0;   // USD per 1M input tokens
    double output_per_m = 0;  // USD per 1M output tokens
  };
  std::map<std::string, Price> prices;  // per upstream model; overrides every other price
  double power_watts = 0;               // draw under load
  double electricity_usd_per_kwh = 0;
  double hardware_usd = 0;
  double hardware_lifetime_hours = 0;  // 0: the hardware is not amortized
};

// The cost model's settings (the `cost:` section plus the per-provider keys above).
struct CostConfig {
  std::string reference_provider;  // the cloud provider of the counterfactual; "": first cloud
  std::map<std::string, ProviderCost> providers;  // by provider name; absent: all zero
};

struct Config {
  ServerConfig server;
  std::vector<ProviderDescriptor> providers;
  RoutingConfig routing;
  RouterConfig router;
  LedgerConfig ledger;
  CostConfig cost;
  std::string source;  // the file it came from, "" for built-in defaults
};

// Built-in defaults: local Ollama at 127.0.0.1:11434 (llama3.1:8b, all-minilm) and OpenAI
// (gpt-4o, text-embedding-3-small, key from OPENAI_API_KEY), listening on 127.0.0.1:8080.
Config default_config();

// Parses YAML text (with ${ENV_VAR} / ${ENV_VAR:-default} expansion in scalar values).
// Errors are kInvalidArgument with "<file>:<line>: <key>: <what is wrong>".
Result<Config> parse_config(const std::string& yaml_text, const std::string& file_name);
Result<Config> load_config_file(const std::string& path);

// Parses "host:port" ("[::1]:8080" for IPv6). Errors name the bad part.
Status parse_listen(const std::string& text, std::string& host, uint16_t& port);
// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);
// Start-up policy checks that need the whole picture (open relay refusal, duplicate names).
Status validate(const Config& config);

}  // namespace splitpoint::config
