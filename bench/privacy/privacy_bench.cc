// Privacy benchmarks: Detector::scan / contains over an ~8,000-token (32 KB) contract-like
// document with and without planted values, over a short chat message, and the redaction round
// trip (apply + restore) on a request carrying the document. Each benchmark also reports the
// p50 and p99 latency of single iterations (counters p50_us, p99_us), measured with
// steady_clock around each iteration. Run: splitpoint-privacy-bench --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "contract_text.h"
#include "privacy/detector.h"
#include "privacy/redactor.h"

namespace {

using splitpoint::ChatRequest;
using splitpoint::ChatResponse;
using splitpoint::ContentPart;
using splitpoint::Message;
using splitpoint::privacy::Detector;
using splitpoint::privacy::Redaction;

constexpr std::size_t kDocumentBytes = 32000;  // ~8,000 tokens at ~4 bytes per token

const Detector& detector() {
  static const std::shared_ptr<const Detector> d = Detector::create().value();
  return *d;
}

const std::string& document(bool planted) {
  static const std::string clean = splitpoint::bench::contract_text(kDocumentBytes, false);
  static const std::string with = splitpoint::bench::contract_text(kDocumentBytes, true);
  return planted ? with : clean;
}

Message text_message(const char* role, std::string text) {
  Message m;
  m.role = role;
  m.parts.push_back(ContentPart{ContentPart::Kind::kText, std::move(text), ""});
  return m;
}

ChatRequest document_request() {
  ChatRequest r;
  r.model = "auto";
  r.messages.push_back(text_message("system", "You review contracts. Answer concisely."));
  r.messages.push_back(
      text_message("user", "Summarize the obligations in this contract:\n\n" + document(true)));
  return r;
}

// Runs body once per iteration, timing each; adds p50/p99 (microseconds) counters.
template <typename Body>
void timed(benchmark::State& state, Body body) {
  std::vector<double> us;
  us.reserve(1 << 16);
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    body();
    const auto end = std::chrono::steady_clock::now();
    us.push_back(std::chrono::duration<double, std::micro>(end - start).count());
  }
  if (us.empty()) return;
  std::sort(us.begin(), us.end());
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[std::min(us.size() - 1, us.size() * 99 / 100)];
}

void BM_Scan(benchmark::State& state) {
  const std::string& doc = document(state.range(0) != 0);
  std::size_t findings = 0;
  timed(state, [&] {
    auto f = detector().scan(doc);
    findings = f.size();
    benchmark::DoNotOptimize(f);
  });
  state.counters["findings"] = static_cast<double>(findings);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc.size()));
}
BENCHMARK(BM_Scan)->ArgName("planted")->Arg(0)->Arg(1);

void BM_Contains(benchmark::State& state) {
  const std::string& doc = document(state.range(0) != 0);
  timed(state, [&] { benchmark::DoNotOptimize(detector().contains(doc)); });
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc.size()));
}
BENCHMARK(BM_Contains)->ArgName("planted")->Arg(0)->Arg(1);

void BM_ScanShortMessage(benchmark::State& state) {
  const std::string msg =
      "Can you draft a polite reminder to jane.roe@example.org that invoice INV-2024-000123 "
      "over 1.299,00 EUR is due on 2024-03-15? Mention our IBAN DE89 3704 0044 0532 0130 00.";
  timed(state, [&] { benchmark::DoNotOptimize(detector().scan(msg)); });
}
BENCHMARK(BM_ScanShortMessage);

// Copying the request is part of the caller's cost when the original must be kept; measured
// alone here so that it can be subtracted from BM_ApplyRestore.
void BM_CopyRequest(benchmark::State& state) {
  const ChatRequest request = document_request();
  timed(state, [&] {
    ChatRequest r = request;
    benchmark::DoNotOptimize(r);
  });
}
BENCHMARK(BM_CopyRequest);

void BM_ApplyRestore(benchmark::State& state) {
  const ChatRequest request = document_request();
  int masked = 0;
  timed(state, [&] {
    ChatRequest r = request;
    Redaction red;
    masked = red.apply(detector(), r);
    // The answer quotes part of the masked document (placeholders included).
    ChatResponse resp;
    resp.message = text_message("assistant", r.messages[1].parts[0].text.substr(0, 4096));
    red.restore(resp);
    benchmark::DoNotOptimize(resp);
  });
  state.counters["masked"] = masked;
}
BENCHMARK(BM_ApplyRestore);

}  // namespace

BENCHMARK_MAIN();
