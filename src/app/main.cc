// splitpoint: wiring only. Subcommands: serve, version.
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"splitpoint: a hybrid LLM gateway (local and cloud tiers behind one API)"};
  app.require_subcommand(1);
  ServeOptions serve_opts;
  auto* serve_cmd = app.add_subcommand("serve", "run the gateway");
  serve_cmd->add_option("-c,--config", serve_opts.config_file, "YAML configuration file")
      ->check(CLI::ExistingFile);
  serve_cmd->add_option("-l,--listen", serve_opts.listen, "HOST:PORT (overrides server.listen)");
  serve_cmd->add_option("--log-level", serve_opts.log_level, "trace|debug|info|warn|error");
  app.add_subcommand("version", "print the version")->callback([] { std::puts("splitpoint 0.1.0"); });

  std::string route_config;
  auto* route_cmd = app.add_subcommand(
      "route", "decide the route of OpenAI chat requests read from stdin (one JSON per line)");
  route_cmd->add_option("-c,--config", route_config, "YAML configuration file")
      ->check(CLI::ExistingFile);

  splitpoint::app::EvalOptions eval_opts;
  auto* eval_cmd = app.add_subcommand(
      "eval", "score the router on labelled requests ({\"request\",\"label\"} per line)");
  eval_cmd->add_option("-c,--config", eval_opts.config_file, "YAML configuration file")
      ->check(CLI::ExistingFile);
  eval_cmd->add_option("file", eval_opts.data_file, "JSONL file")->required()->check(
      CLI::ExistingFile);
  eval_cmd->add_flag("--json", eval_opts.json, "print JSON instead of a table");

  namespace cx = splitpoint::complexity;
  cx::TrainArgs train_args;
  auto* train_cmd = app.add_subcommand("train", "train the complexity model from the repo's data");
  train_cmd->add_option("--data", train_args.archive, "labelled archive set (JSONL)");
  train_cmd->add_option("--shared-data", train_args.shared_data, "../shared/data");
  train_cmd->add_flag("--archive-only", train_args.archive_only, "skip the public benchmarks");
  train_cmd->add_option("--out", train_args.out, "model file to write");
  train_cmd->add_option("--builtin-out", train_args.builtin_out,
                        "also rewrite the compiled-in model source");

  cx::CalibrateArgs calibrate_args;
  auto* calibrate_cmd = app.add_subcommand(
      "calibrate", "the complexity threshold that keeps a target share of a sample local");
  calibrate_cmd->add_option("--target-local-share", calibrate_args.target_local_share)
      ->check(CLI::Range(0.0, 1.0));
  calibrate_cmd->add_option("--model", calibrate_args.model, "model file (default: built-in)");
  calibrate_cmd->add_option("file", calibrate_args.file, "JSONL sample")->required()->check(
      CLI::ExistingFile);

  cx::EvalRouteLlmArgs routellm_args;
  auto* routellm_cmd = app.add_subcommand(
      "eval-routellm", "strong-model share vs accuracy on RouteLLM's GSM8K and MMLU data");
  routellm_cmd->add_option("--routellm", routellm_args.routellm_dir, "../shared/data/routellm");
  routellm_cmd->add_option("--model", routellm_args.model, "model file (default: built-in)");

  CLI11_PARSE(app, argc, argv);
  if (serve_cmd->parsed()) return serve(serve_opts);
  if (train_cmd->parsed()) return cx::train_main(train_args);
  if (calibrate_cmd->parsed()) return cx::calibrate_main(calibrate_args);
  if (routellm_cmd->parsed()) return cx::eval_routellm_main(routellm_args);
  if (route_cmd->parsed()) return splitpoint::app::run_route(route_config);
  if (eval_cmd->parsed()) return splitpoint::app::run_eval(eval_opts);
  return 0;
}
