// `splitpoint report`: the ledger's figures over a recent window, as a table or JSON.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "app/commands.h"
#include "ledger/report.h"

namespace splitpoint::app {

int64_t now_unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<std::string> ledger_path(const std::string& ledger, const std::string& config_file) {
  if (!ledger.empty()) return ledger;
  if (config_file.empty()) return config::LedgerConfig().path;
  auto config = load_config(config_file);
  if (!config.ok()) return config.status();
  return (*config)->ledger.path;
}

Result<std::unique_ptr<ledger::Db>> open_ledger(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::not_found("no ledger at \"" + path +
                             "\": the gateway writes ledger.path relative to its working "
                             "directory; pass --ledger FILE or -c CONFIG");
  }
  return ledger::Db::open(path, true);
}

int run_report(const ReportOptions& o) {
  auto since = ledger::parse_duration_ms(o.since);
  auto path = ledger_path(o.ledger_file, o.config_file);
  if (!since.ok() || !path.ok()) {
    std::fprintf(stderr, "splitpoint: %s\n",
                 (since.ok() ? path.status() : since.status()).message().c_str());
    return 2;
  }
  auto db = open_ledger(*path);
  if (!db.ok()) {
    std::fprintf(stderr, "splitpoint: %s\n", db.status().message().c_str());
    return 2;
  }
  const int64_t now = now_unix_ms();
  auto report = ledger::build_report(**db, now - *since, now);
  if (!report.ok()) {
    std::fprintf(stderr, "splitpoint: %s\n", report.status().message().c_str());
    return 1;
  }
  if (o.json) {
    std::printf("%s\n", ledger::report_json(*report).c_str());
  } else {
    std::printf("ledger %s, last %s\n\n%s", path->c_str(), o.since.c_str(),
                ledger::report_table(*report).c_str());
  }
  return 0;
}

}  // namespace splitpoint::app
