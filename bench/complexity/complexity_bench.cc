// Cost of the complexity features and score on the request path: a short instruction, and a
// 32 KB / 8,000-token document with the instruction after it (the expensive case).
#include <benchmark/benchmark.h>

#include <string>

#include "complexity/dataset.h"
#include "complexity/features.h"
#include "complexity/model.h"

namespace {

using namespace splitpoint::complexity;

std::string document(std::size_t bytes) {
  static const char* kSentences[] = {
      "The Supplier shall deliver the services described in Annex 2 within 10 working days. ",
      "Late payments bear interest at 5% above the base rate; invoices are due in 30 days. ",
      "Der Auftraggeber zahlt jede Rechnung innerhalb von 14 Tagen nach Erhalt. ",
      "Le Prestataire garde confidentielles les données du Client, selon le RGPD. ",
  };
  std::string doc = "SERVICE AGREEMENT between Alpha Ltd and Beta GmbH\n\n";
  for (int i = 0; doc.size() < bytes; ++i) {
    doc += "Section " + std::to_string(i + 1) + "\n";
    for (int k = 0; k < 4; ++k) doc += kSentences[(i + k) % 4];
    doc += "\n\n";
  }
  doc.resize(bytes);
  return doc;
}

void BM_ExtractShort(benchmark::State& state) {
  const auto req = user_request(
      "Summarize this two-line note in five words: meeting moved to "
      "Thursday 3 pm, bring the budget draft.");
  for (auto _ : state) benchmark::DoNotOptimize(extract(req));
}
BENCHMARK(BM_ExtractShort);

void BM_ExtractDocument(benchmark::State& state) {
  const auto bytes = static_cast<std::size_t>(state.range(0));
  const auto req = user_request(document(bytes) +
                                "\n\nExtract every supplier obligation and rank them by risk.");
  for (auto _ : state) benchmark::DoNotOptimize(extract(req));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * bytes);
}
BENCHMARK(BM_ExtractDocument)->Arg(4 << 10)->Arg(32 << 10)->Arg(256 << 10);

void BM_ExtractAndScore32K(benchmark::State& state) {
  const auto req = user_request(document(32 << 10) + "\n\nWhat is the payment term?");
  const auto model = Model::builtin();
  for (auto _ : state) benchmark::DoNotOptimize(model->score(extract(req)));
}
BENCHMARK(BM_ExtractAndScore32K);

}  // namespace

BENCHMARK_MAIN();
