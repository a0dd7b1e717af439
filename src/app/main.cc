// splitpoint: wiring only. Subcommands: serve, version.
#include <cstdio>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

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
  splitpoint::server::Gateway gateway(shared);
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
  CLI11_PARSE(app, argc, argv);
  if (serve_cmd->parsed()) return serve(serve_opts);
  return 0;
}
