// One request as the ledger, the metrics and the dashboard see it: filled in along the request
// path (session: caller, door, endpoint, status, times; front door: model, decision, tokens;
// dispatcher: fallbacks, first token), then handed once to a Recorder when the answer is done.
// A plain value: copyable, no behaviour. Prompt and answer text are never part of it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace splitpoint::api {

// The router's inputs of one request, encoded for the ledger on demand: by the ledger's writer
// thread, off the request path (ledger::capture_features). Immutable once made; thread-safe.
class FeaturesSource {
 public:
  virtual ~FeaturesSource() = default;
  virtual std::string encode() const = 0;  // the `features` column's text (docs/ledger.md)
};

struct RequestRecord {
  int64_t unix_ms = 0;           // wall-clock time the request arrived
  std::string caller;            // API key id ("key-<n>", its index in server.api_keys); "" if none
  std::string door;              // "openai" | "ollama" | "" (health, readiness, ...)
  std::string endpoint;          // request path, e.g. "/v1/chat/completions"
  std::string requested_model;   // as the client sent it
  std::string task;              // X-Splitpoint-Task, "" when absent
  std::string pinned_tier;       // X-Splitpoint-Tier, "" when absent
  bool stream = false;

  // The decision (empty tier/provider when the request was refused before routing).
  std::string tier;              // "local" | "cloud" | ""
  std::string provider;          // the provider that served (after fallbacks)
  std::string model;             // the upstream model
  double score = -1;             // complexity score, -1 when not automatic
  std::vector<std::string> reasons;
  int redactions = 0;
  std::vector<std::string> fallbacks;  // providers that failed before `provider` served

  int http_status = 0;           // status sent to the client (200 also for a stream cut mid-way)
  std::string error;             // "" on success; the error message otherwise (also mid-stream)

  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  bool tokens_estimated = false;  // the provider reported no usage: estimated from text length
  double ttft_ms = -1;            // time to first token (streams), -1 when not streamed
  double total_ms = 0;            // arrival to last byte sent

  double cost_usd = 0;            // what this request cost (cloud price, or local power+hardware)
  double cloud_cost_usd = 0;      // counterfactual: the same tokens at the reference cloud price

  // The router's inputs (for replay) as JSON text, or the source to encode it from; both empty
  // when the request was not routed by the policy chain (docs/ledger.md).
  std::string features;
  std::shared_ptr<const FeaturesSource> features_source;
  std::string features_text() const {
    return features.empty() && features_source ? features_source->encode() : features;
  }
};

// Receives every finished request. Implementations must be thread-safe (all workers call it) and
// must not block: record() runs on an I/O thread.
class Recorder {
 public:
  virtual ~Recorder() = default;
  virtual void record(const RequestRecord& record) = 0;
  // As record(), but the recorder may keep `record`'s contents (moved from): a queue's copy saved.
  virtual void take(RequestRecord&& record) { this->record(record); }
};

// Fans one record out to several recorders (the ledger, the metrics, ...). add() only before the
// gateway starts serving; record() is then thread-safe if every recorder's is.
class RecorderList final : public Recorder {
 public:
  void add(std::shared_ptr<Recorder> recorder) { recorders_.push_back(std::move(recorder)); }
  bool empty() const { return recorders_.empty(); }
  void record(const RequestRecord& record) override {
    for (const auto& r : recorders_) r->record(record);
  }
  // The last recorder added takes the record (add the one that keeps records last).
  void take(RequestRecord&& record) override {
    if (recorders_.empty()) return;
    for (std::size_t i = 0; i + 1 < recorders_.size(); ++i) recorders_[i]->record(record);
    recorders_.back()->take(std::move(record));
  }

 private:
  std::vector<std::shared_ptr<Recorder>> recorders_;
};

}  // namespace splitpoint::api
