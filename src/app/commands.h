// The offline subcommands: route, eval (no backend is called). Wiring over the router and codecs.
#pragma once

#include <memory>
#include <string>

#include "config/config.h"
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

}  // namespace splitpoint::app
