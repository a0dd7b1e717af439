// `splitpoint replay --config NEW.yaml`: the recorded requests through NEW's router.
#include <cstdio>

#include "app/commands.h"
#include "app/progress.h"
#include "ledger/replay.h"
#include "ledger/report.h"

namespace splitpoint::app {

int run_replay(const ReplayOptions& o) {
  auto since = ledger::parse_duration_ms(o.since);
  auto next = load_config(o.new_config);
  if (!since.ok() || !next.ok()) {
    std::fprintf(stderr, "splitpoint: %s\n",
                 (since.ok() ? next.status() : since.status()).message().c_str());
    return 2;
  }
  const std::string path = o.ledger_file.empty() ? (*next)->ledger.path : o.ledger_file;
  auto db = open_ledger(path);
  if (!db.ok()) {
    std::fprintf(stderr, "splitpoint: %s\n", db.status().message().c_str());
    return 2;
  }
  std::unique_ptr<Progress> bar;
  const auto progress = [&bar](int64_t done, int64_t total) {
    if (!bar) bar = std::make_unique<Progress>("replay", static_cast<std::size_t>(total), 50000);
    if (done < total) {
      bar->step(static_cast<std::size_t>(done), 10000);
    } else {
      bar->done();
    }
  };
  const int64_t now = now_unix_ms();
  auto result = ledger::replay(**db, *next, now - *since, now, progress);
  if (!result.ok()) {
    std::fprintf(stderr, "splitpoint: %s\n", result.status().message().c_str());
    return 1;
  }
  if (o.json) {
    std::printf("%s\n", ledger::replay_json(*result).c_str());
  } else {
    std::printf("ledger %s, last %s, forecast with %s\n\n%s", path.c_str(), o.since.c_str(),
                o.new_config.c_str(), ledger::replay_table(*result).c_str());
  }
  return 0;
}

}  // namespace splitpoint::app
