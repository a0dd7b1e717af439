// splitpoint-ledger-gen: writes N synthetic but realistic records (the sizes and shapes the
// gateway writes: reasons, features JSON, tokens, costs) into a ledger file through the ledger's
// own store (LedgerStore::write, the writer thread's code path), in batches of 10,000, spread
// evenly over the last --hours. For bench/ledger/report.sh.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

#include <CLI/CLI.hpp>

#include "ledger/features.h"
#include "ledger/store.h"

namespace {

using splitpoint::api::RequestRecord;

struct Generator {
  std::mt19937_64 rng{42};
  std::string features_local, features_cloud;

  Generator() {
    splitpoint::policy::RequestFacts facts;
    facts.automatic = true;
    facts.input_tokens = 412;
    facts.output_tokens = 256;
    for (std::size_t i : {0, 8, 10, 36, 39}) facts.features[i] = 0.6931f * static_cast<float>(i % 3 + 1);
    features_local = splitpoint::ledger::encode_features(facts);
    facts.input_tokens = 2812;
    for (std::size_t i : {1, 7, 17, 18, 20, 28}) facts.features[i] = 1;
    features_cloud = splitpoint::ledger::encode_features(facts);
  }

  RequestRecord next(int64_t unix_ms) {
    std::uniform_real_distribution<double> u(0, 1);
    RequestRecord r;
    r.unix_ms = unix_ms;
    r.caller = "key-" + std::to_string(rng() % 4);
    const bool ollama = u(rng) < 0.3;
    r.door = ollama ? "ollama" : "openai";
    r.endpoint = ollama ? "/api/chat" : "/v1/chat/completions";
    r.requested_model = "auto";
    r.task = u(rng) < 0.2 ? (u(rng) < 0.5 ? "summarize" : "classify") : "";
    r.stream = u(rng) < 0.6;
    const bool local = u(rng) < 0.7;
    r.tier = local ? "local" : "cloud";
    r.provider = local ? "home-gpu" : "openai";
    r.model = local ? "llama3.1:8b" : "gpt-4o";
    r.score = local ? 0.23 : 0.71;
    r.reasons = {local ? "complexity: score 0.23 <= 0.50 -> local (top: log_input_tokens, "
                         "task_classify, question_factual)"
                       : "complexity: score 0.71 > 0.50 -> cloud (top: long_cue, task_analyze, "
                         "multi_step_cue)"};
    if (u(rng) < 0.02) r.fallbacks = {"home-gpu"};
    r.redactions = u(rng) < 0.03 ? 2 : 0;
    r.http_status = u(rng) < 0.01 ? 502 : 200;
    if (r.http_status != 200) r.error = "upstream: connection refused";
    r.input_tokens = local ? 412 : 2812;
    r.output_tokens = 40 + static_cast<int64_t>(rng() % 400);
    r.ttft_ms = r.stream ? 150 + u(rng) * 300 : -1;
    r.total_ms = (r.ttft_ms > 0 ? r.ttft_ms : 200) +
                 static_cast<double>(r.output_tokens) * (local ? 25.0 : 12.0) * (0.5 + u(rng));
    r.cost_usd = local ? r.total_ms / 3.6e6 * 0.2 : (r.input_tokens * 2.5 + r.output_tokens * 10.0) / 1e6;
    r.cloud_cost_usd = (r.input_tokens * 2.5 + r.output_tokens * 10.0) / 1e6;
    r.features = local ? features_local : features_cloud;
    return r;
  }
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"splitpoint-ledger-gen: synthetic ledger records"};
  std::string out;
  int64_t records = 1'000'000;
  double hours = 24;
  int batch_records = 10000;
  app.add_option("--out", out, "ledger file")->required();
  app.add_option("--records", records, "how many")->check(CLI::Range(int64_t{1}, int64_t{1} << 40));
  app.add_option("--hours", hours, "spread over the last H hours")->check(CLI::Range(0.001, 1e5));
  app.add_option("--batch", batch_records, "records per transaction (the writer's batch)")
      ->check(CLI::Range(1, 1'000'000));
  CLI11_PARSE(app, argc, argv);
  auto store = splitpoint::ledger::LedgerStore::open(out);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().message().c_str());
    return 1;
  }
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const double span = hours * 3.6e6;
  Generator gen;
  std::vector<RequestRecord> batch;
  const auto t0 = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < records;) {
    batch.clear();
    for (int k = 0; k < batch_records && i < records; ++k, ++i) {
      batch.push_back(gen.next(now - static_cast<int64_t>(span * (1.0 - (i + 0.5) / records))));
    }
    if (auto s = (*store)->write(batch); !s.is_ok()) {
      std::fprintf(stderr, "%s\n", s.message().c_str());
      return 1;
    }
    if ((*store)->wal_pages() >= splitpoint::ledger::LedgerStore::kCheckpointPages) {
      if (auto s = (*store)->checkpoint(); !s.is_ok()) {
        std::fprintf(stderr, "%s\n", s.message().c_str());
        return 1;
      }
    }
    if (i % 1'000'000 == 0) std::fprintf(stderr, "\r%lld records", static_cast<long long>(i));
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "\n%lld records in %.1f s (%.0f records/s)\n",
               static_cast<long long>(records), secs, records / secs);
  return 0;
}
