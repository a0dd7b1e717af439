// The offline subcommands: route, eval, report, replay (no backend is called). Wiring over the router and codecs.
#pragma once

#include <memory>
#include <string>

#include "config/config.h"
#include "ledger/sqlite.h"
#include "splitpoint/status.h"

namespace splitpoint::app {

// The configuration a subcommand runs with: the file, or the built-in defaults when "".
Result<std::shared_ptr<const config::Config>> load_config(const std::string& file);

// `splitpoint route`: OpenAI chat request bodies on stdin, one JSON per line; one decision per
// line on stdout ({"tier","provider","model","score","reasons","redactions"}, or {"error"}).
int run_route(const std::string& config_file);

struct EvalOptions {
  std::string config_file;
  std::string data_file;  // lines {"request": {...}, "label": "reflex"|"reasoning"}
  bool json = false;
};
// `splitpoint eval`: accuracy, confusion matrix, local share, estimated cost and latency against
// sending everything to the cloud or everything local.
int run_eval(const EvalOptions& options);

struct ReportOptions {
  std::string ledger_file;  // "" : ledger.path of config_file, else the default path
  std::string config_file;
  std::string since = "24h";
  bool json = false;
};
// `splitpoint report`: requests, local share, cost, savings, latency per tier and task,
// fallbacks, errors and redactions over the last `since`.
int run_report(const ReportOptions& options);

struct ReplayOptions {
  std::string new_config;   // the configuration to forecast
  std::string ledger_file;  // "" : the default path
  std::string since = "7d";
  bool json = false;
};
// `splitpoint replay`: the recorded requests through another configuration's router; the
// forecast local share, cost and latency beside what happened.
int run_replay(const ReplayOptions& options);

// Shared by report and replay.
int64_t now_unix_ms();
// `ledger` if set, else the ledger.path of `config_file` if set, else the default path.
Result<std::string> ledger_path(const std::string& ledger, const std::string& config_file);
// Opens an existing ledger read-only. Errors: kNotFound with a hint, or the open error.
Result<std::unique_ptr<ledger::Db>> open_ledger(const std::string& path);

}  // namespace splitpoint::app
