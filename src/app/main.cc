// splitpoint: wiring only. Subcommands: serve, route, eval, report, replay, the model tools,
// version.
#include <cstdio>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "complexity/cli.h"
#include "config/config.h"
#include "server/gateway.h"

namespace {

using splitpoint::Result;
using splitpoint::Status;
namespace config = splitpoint::config;

struct ServeOptions {
  std::string config_file;
  std::string listen;
  std::string log_level = "info";
};

Result<config::Config> build_config(const ServeOptions& o) {
  config::Config c = config::default_config();
  if (!o.config_file.empty()) {
    auto loaded = config::load_config_file(o.config_file);
    if (!loaded.ok()) return loaded.status();
    c = std::move(loaded).value();
  }
  if (!o.listen.empty()) {
    Status s = config::parse_listen(o.listen, c.server.listen_host, c.server.listen_port);
    if (!s.is_ok()) return Status::invalid("--listen: " + s.message());
  }
  Status s = config::validate(c);
  if (!s.is_ok()) return s;
  return c;
}

int serve(const ServeOptions& o) {
  spdlog::set_level(spdlog::level::from_str(o.log_level));
  auto cfg = build_config(o);
  if (!cfg.ok()) {
    std::fprintf(stderr, "splitpoint: %s\n", cfg.status().message().c_str());
    return 2;
  }
  auto shared = std::make_shared<const config::Config>(std::move(cfg).value());
  splitpoint::server::Gateway gateway(shared, o.config_file);
  Status s = gateway.start();
  if (!s.is_ok()) {
    std::fprintf(stderr, "splitpoint: %s\n", s.message().c_str());
    return 1;
  }
  std::printf("splitpoint listening on %s:%u (config: %s)\n", shared->server.listen_host.c_str(),
              static_cast<unsigned>(gateway.port()),
              shared->source.empty() ? "built-in defaults" : shared->source.c_str());
  std::fflush(stdout);
  gateway.report_providers();
  gateway.wait();
  return 0;
}

// Each add_* registers one subcommand; its callback runs it and stores the exit code in `rc`.
// The option structs are static: they must outlive parsing, which happens in main().
void add_serve(CLI::App& app, int& rc) {
  static ServeOptions o;
  auto* cmd = app.add_subcommand("serve", "run the gateway");
  cmd->add_option("-c,--config", o.config_file, "YAML configuration file")
      ->check(CLI::ExistingFile);
  cmd->add_option("-l,--listen", o.listen, "HOST:PORT (overrides server.listen)");
  cmd->add_option("--log-level", o.log_level, "trace|debug|info|warn|error");
  cmd->callback([&rc] { rc = serve(o); });
}

void add_offline(CLI::App& app, int& rc) {
  static std::string route_config;
  auto* route = app.add_subcommand(
      "route", "decide the route of OpenAI chat requests read from stdin (one JSON per line)");
  route->add_option("-c,--config", route_config, "YAML configuration file")
      ->check(CLI::ExistingFile);
  route->callback([&rc] { rc = splitpoint::app::run_route(route_config); });

  static splitpoint::app::EvalOptions eval;
  auto* ev = app.add_subcommand(
      "eval", "score the router on labelled requests ({\"request\",\"label\"} per line)");
  ev->add_option("-c,--config", eval.config_file, "YAML configuration file")
      ->check(CLI::ExistingFile);
  ev->add_option("file", eval.data_file, "JSONL file")->required()->check(CLI::ExistingFile);
  ev->add_flag("--json", eval.json, "print JSON instead of a table");
  ev->callback([&rc] { rc = splitpoint::app::run_eval(eval); });
}

void add_ledger(CLI::App& app, int& rc) {
  static splitpoint::app::ReportOptions report;
  auto* rp = app.add_subcommand("report", "what the ledger says about the last --since");
  rp->add_option("--ledger", report.ledger_file, "ledger file (default: ledger.path)");
  rp->add_option("-c,--config", report.config_file, "YAML configuration (for ledger.path)")
      ->check(CLI::ExistingFile);
  rp->add_option("--since", report.since, "window: 90m, 24h, 7d ... (default 24h)");
  rp->add_flag("--json", report.json, "print JSON instead of a table");
  rp->callback([&rc] { rc = splitpoint::app::run_report(report); });

  static splitpoint::app::ReplayOptions replay;
  auto* rl = app.add_subcommand(
      "replay", "forecast what another configuration would have done with the recorded requests");
  rl->add_option("-c,--config", replay.new_config, "the NEW YAML configuration")
      ->required()
      ->check(CLI::ExistingFile);
  rl->add_option("--ledger", replay.ledger_file, "ledger file (default: ledger.path of NEW)");
  rl->add_option("--since", replay.since, "window: 24h, 7d ... (default 7d)");
  rl->add_flag("--json", replay.json, "print JSON instead of a table");
  rl->callback([&rc] { rc = splitpoint::app::run_replay(replay); });
}

void add_model(CLI::App& app, int& rc) {
  namespace cx = splitpoint::complexity;
  static cx::TrainArgs train;
  auto* tr = app.add_subcommand("train", "train the complexity model from the repo's data");
  tr->add_option("--data", train.archive, "labelled archive set (JSONL)");
  tr->add_option("--shared-data", train.shared_data, "../shared/data");
  tr->add_flag("--archive-only", train.archive_only, "skip the public benchmarks");
  tr->add_option("--out", train.out, "model file to write");
  tr->add_option("--builtin-out", train.builtin_out, "also rewrite the compiled-in model source");
  tr->callback([&rc] { rc = cx::train_main(train); });

  static cx::CalibrateArgs calibrate;
  auto* ca = app.add_subcommand(
      "calibrate", "the complexity threshold that keeps a target share of a sample local");
  ca->add_option("--target-local-share", calibrate.target_local_share)
      ->check(CLI::Range(0.0, 1.0));
  ca->add_option("--model", calibrate.model, "model file (default: built-in)");
  ca->add_option("file", calibrate.file, "JSONL sample")->required()->check(CLI::ExistingFile);
  ca->callback([&rc] { rc = cx::calibrate_main(calibrate); });

  static cx::EvalArgs model_eval;
  auto* me = app.add_subcommand(
      "eval-model", "the complexity model alone on labelled lines, listing misrouted ones");
  me->add_option("--model", model_eval.model, "model file (default: built-in)");
  me->add_option("--threshold", model_eval.threshold)->check(CLI::Range(0.0, 1.0));
  me->add_option("--errors", model_eval.errors, "misrouted lines to list");
  me->add_option("file", model_eval.file, "JSONL file")->check(CLI::ExistingFile);
  me->callback([&rc] { rc = cx::eval_main(model_eval); });

  static cx::EvalRouteLlmArgs routellm;
  auto* rl = app.add_subcommand(
      "eval-routellm", "strong-model share vs accuracy on RouteLLM's GSM8K and MMLU data");
  rl->add_option("--routellm", routellm.routellm_dir, "../shared/data/routellm");
  rl->add_option("--model", routellm.model, "model file (default: built-in)");
  rl->callback([&rc] { rc = cx::eval_routellm_main(routellm); });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"splitpoint: a hybrid LLM gateway (local and cloud tiers behind one API)"};
  app.require_subcommand(1);
  int rc = 0;
  add_serve(app, rc);
  add_offline(app, rc);
  add_ledger(app, rc);
  add_model(app, rc);
  app.add_subcommand("version", "print the version")->callback([] { std::puts("splitpoint 0.1.0"); });
  CLI11_PARSE(app, argc, argv);
  return rc;
}
