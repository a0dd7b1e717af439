#include "metrics/live_stats.h"

#include <algorithm>
#include <memory>

#include "metrics/reason_kind.h"

namespace splitpoint::metrics {
namespace {

std::string or_none(const std::string& s) { return s.empty() ? "none" : s; }

Decision decision_of(const api::RequestRecord& r, uint64_t seq) {
  Decision d;
  d.seq = seq;
  d.unix_ms = r.unix_ms;
  d.door = r.door;
  d.requested_model = r.requested_model;
  d.model = r.model;
  d.tier = r.tier;
  d.provider = r.provider;
  d.reasons = r.reasons;
  d.fallbacks = r.fallbacks;
  d.redactions = r.redactions;
  d.http_status = r.http_status;
  d.error = r.error;
  d.total_ms = r.total_ms;
  d.cost_usd = r.cost_usd;
  return d;
}

}  // namespace

LiveStats::LiveStats(int64_t now_ms) : started_ms_(now_ms) {}

LiveStats::~LiveStats() {
  for (auto& s : shards_) delete s.load(std::memory_order_acquire);
}

int64_t LiveStats::wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::size_t LiveStats::shards_in_use() const {
  std::size_t n = 0;
  for (const auto& s : shards_) n += s.load(std::memory_order_acquire) != nullptr ? 1 : 0;
  return n;
}

LiveStats::Shard& LiveStats::my_shard() {
  thread_local const LiveStats* owner = nullptr;
  thread_local std::size_t index = 0;
  if (owner != this) {
    owner = this;
    index = next_shard_.fetch_add(1, std::memory_order_relaxed) % kShards;
  }
  std::atomic<Shard*>& slot = shards_[index];
  Shard* shard = slot.load(std::memory_order_acquire);
  if (shard != nullptr) return *shard;
  // Beyond kShards threads two may share an index: the first to publish its shard wins.
  auto fresh = std::make_unique<Shard>();
  if (slot.compare_exchange_strong(shard, fresh.get(), std::memory_order_acq_rel)) {
    return *fresh.release();
  }
  return *shard;  // set by the winner
}

void LiveStats::record(const api::RequestRecord& r) {
  if (r.door.empty()) return;
  // Everything that allocates is built before the lock.
  const TierProvider tp{or_none(r.tier), or_none(r.provider)};
  const RequestKey key{tp[0], tp[1], r.door, std::to_string(r.http_status)};
  Decision d = decision_of(r, seq_.fetch_add(1, std::memory_order_relaxed) + 1);
  Shard& s = my_shard();
  {
    const std::lock_guard lock(s.mu);
    fold_totals(s.totals, r, tp, key);
    fold_minute(s, r);
    std::swap(s.latest[s.next_latest], d);
    s.next_latest = (s.next_latest + 1) % kLatest;
  }
  // `d` now holds the decision that left the ring: freed here, outside the lock.
}

void LiveStats::fold_totals(Totals& t, const api::RequestRecord& r, const TierProvider& tp,
                            const RequestKey& key) {
  ++t.requests[key];
  t.total_latency[tp].add(r.total_ms / 1000.0);
  if (r.ttft_ms >= 0) t.ttft[tp].add(r.ttft_ms / 1000.0);
  if (!r.provider.empty()) {
    Tokens& tok = t.tokens[r.provider];
    tok.input += r.input_tokens;
    tok.output += r.output_tokens;
  }
  Money& m = t.cost[tp];
  m.cost_usd += r.cost_usd;
  m.cloud_cost_usd += r.cloud_cost_usd;
  for (const auto& f : r.fallbacks) ++t.fallbacks[f];
  for (const auto& reason : r.reasons) {
    const std::string_view kind = reason_kind(reason);
    auto it = t.reasons.find(kind);
    if (it == t.reasons.end()) it = t.reasons.emplace(std::string(kind), 0).first;
    ++it->second;
  }
  if (r.redactions > 0) {
    t.redactions += static_cast<uint64_t>(r.redactions);
    ++t.redacted_requests;
  }
}

void LiveStats::fold_minute(Shard& s, const api::RequestRecord& r) {
  const int64_t minute = r.unix_ms / 60000;
  MinuteSlot& slot = s.minutes[static_cast<std::size_t>(minute % kMinutes)];
  if (!slot.used || slot.minute.minute != minute) {
    if (slot.used && slot.minute.minute > minute) return;  // older than the window
    slot.minute = Minute{};
    slot.minute.minute = minute;
    slot.used = true;
  }
  Minute& m = slot.minute;
  ++m.requests;
  if (r.http_status >= 400 || !r.error.empty()) ++m.errors;
  if (r.tier == "local") {
    ++m.local;
    m.local_latency.add(r.total_ms / 1000.0);
  } else if (r.tier == "cloud") {
    ++m.cloud;
    m.cloud_latency.add(r.total_ms / 1000.0);
  }
  m.cost_usd += r.cost_usd;
  m.cloud_cost_usd += r.cloud_cost_usd;
}

Snapshot LiveStats::snapshot(int64_t now_ms, std::size_t window) const {
  Snapshot snap;
  snap.now_ms = now_ms;
  snap.started_ms = started_ms_;
  window = std::clamp<std::size_t>(window, 1, kMinutes);
  const int64_t last = now_ms / 60000;
  const int64_t first = last - static_cast<int64_t>(window) + 1;
  snap.minutes.resize(window);
  for (std::size_t i = 0; i < window; ++i) snap.minutes[i].minute = first + static_cast<int64_t>(i);
  for (const auto& slot : shards_) {
    const Shard* shard = slot.load(std::memory_order_acquire);
    if (shard == nullptr) continue;
    const Shard& s = *shard;
    const std::lock_guard lock(s.mu);
    snap.totals.merge(s.totals);
    for (const Decision& d : s.latest) {
      if (d.seq != 0) snap.latest.push_back(d);
    }
    for (const MinuteSlot& slot : s.minutes) {
      if (!slot.used || slot.minute.minute < first || slot.minute.minute > last) continue;
      snap.minutes[static_cast<std::size_t>(slot.minute.minute - first)].merge(slot.minute);
    }
  }
  std::sort(snap.latest.begin(), snap.latest.end(),
            [](const Decision& a, const Decision& b) { return a.seq > b.seq; });
  if (snap.latest.size() > kLatest) snap.latest.resize(kLatest);
  return snap;
}

}  // namespace splitpoint::metrics
