#include "privacy/detector.h"

#include <hs/hs.h>

#include <algorithm>
#include <atomic>
#include <climits>

#include "privacy/hsdb.h"
#include "privacy/patterns.h"
#include "privacy/verify.h"

namespace splitpoint::privacy {
namespace {

using detail::Candidate;
using detail::Pattern;
using detail::Span;

struct ScanContext {
  std::string_view text;
  std::span<const Pattern> patterns;
  std::vector<Candidate>* out = nullptr;  // null: stop at the first verified candidate
  bool found = false;
};

int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned /*flags*/,
             void* ctx) {
  auto& c = *static_cast<ScanContext*>(ctx);
  const Pattern& p = c.patterns[id];
  Span s{static_cast<std::size_t>(from), static_cast<std::size_t>(to)};
  if (!p.verify(c.text, s) || s.begin >= s.end) return 0;
  c.found = true;
  if (c.out == nullptr) return 1;  // terminate the scan
  c.out->push_back({p.kind, p.priority, s});
  return 0;
}

// Longest first, then the more specific kind, then the earliest; each kept if it overlaps
// nothing kept before. Returned in text order.
std::vector<Finding> resolve(std::vector<Candidate>& cands) {
  std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
    if (a.span.size() != b.span.size()) return a.span.size() > b.span.size();
    if (a.priority != b.priority) return a.priority < b.priority;
    return a.span.begin < b.span.begin;
  });
  std::vector<Finding> kept;  // sorted by begin
  kept.reserve(cands.size());
  for (const Candidate& c : cands) {
    auto it = std::lower_bound(kept.begin(), kept.end(), c.span.begin,
                               [](const Finding& f, std::size_t b) { return f.begin < b; });
    if (it != kept.end() && it->begin < c.span.end) continue;
    if (it != kept.begin() && std::prev(it)->end > c.span.begin) continue;
    kept.insert(it, Finding{c.kind, c.span.begin, c.span.end});
  }
  return kept;
}

std::atomic<std::uint64_t> next_detector_id{1};

// One scratch per thread, grown to fit every detector the thread has used.
struct ThreadScratch {
  hs_scratch_t* scratch = nullptr;
  std::uint64_t fitted_for = 0;
  ~ThreadScratch() {
    if (scratch != nullptr) hs_free_scratch(scratch);
  }
};

}  // namespace

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::kEmail: return "email";
    case Kind::kPhone: return "phone";
    case Kind::kIban: return "iban";
    case Kind::kCard: return "card";
    case Kind::kNationalId: return "national_id";
    case Kind::kIpAddress: return "ip";
    case Kind::kSecret: return "secret";
  }
  return "unknown";
}

struct Detector::Impl {
  hs_database_t* db = nullptr;
  hs_scratch_t* prototype = nullptr;
  std::uint64_t id = 0;
  std::span<const Pattern> patterns;

  ~Impl() {
    if (prototype != nullptr) hs_free_scratch(prototype);
    if (db != nullptr) hs_free_database(db);
  }

  // This thread's scratch for db; null if Hyperscan cannot allocate one.
  hs_scratch_t* scratch() const {
    thread_local ThreadScratch ts;
    if (ts.fitted_for != id) {
      const hs_error_t err = ts.scratch == nullptr ? hs_clone_scratch(prototype, &ts.scratch)
                                                   : hs_alloc_scratch(db, &ts.scratch);
      if (err != HS_SUCCESS) return nullptr;
      ts.fitted_for = id;
    }
    return ts.scratch;
  }

  // Runs the database over text; false on a Hyperscan error.
  bool run(ScanContext& ctx) const {
    if (ctx.text.size() > UINT_MAX) return false;
    hs_scratch_t* s = scratch();
    if (s == nullptr) return false;
    const hs_error_t err =
        hs_scan(db, ctx.text.data(), static_cast<unsigned>(ctx.text.size()), 0, s, on_match, &ctx);
    return err == HS_SUCCESS || err == HS_SCAN_TERMINATED;
  }
};

Detector::Detector() : impl_(std::make_unique<Impl>()) {}
Detector::~Detector() = default;

namespace detail {

struct DetectorAccess {
  static std::shared_ptr<Detector> make() { return std::shared_ptr<Detector>(new Detector()); }
  static Detector::Impl& impl(Detector& d) { return *d.impl_; }
};

namespace {

std::atomic<std::uint64_t> compiles{0};

// db deserialized if it was compiled from `patterns` and this Hyperscan accepts it; else null.
hs_database_t* deserialize(const SerializedDb& db, std::span<const Pattern> patterns) {
  if (db.bytes.empty() || db.fingerprint != fingerprint(patterns)) return nullptr;
  hs_database_t* out = nullptr;
  // Fails with HS_DB_VERSION_ERROR (another libhs), HS_DB_PLATFORM_ERROR (CPU lacks a feature
  // the build host had) or HS_INVALID (corrupt bytes).
  if (hs_deserialize_database(reinterpret_cast<const char*>(db.bytes.data()), db.bytes.size(),
                              &out) != HS_SUCCESS) {
    return nullptr;
  }
  return out;
}

}  // namespace

std::uint64_t run_time_compiles() {
  return compiles.load(std::memory_order_relaxed);
}

Result<std::shared_ptr<const Detector>> create_detector(const SerializedDb& db, DbSource* source) {
  std::shared_ptr<Detector> d = DetectorAccess::make();
  auto& impl = DetectorAccess::impl(*d);
  impl.patterns = patterns();
  impl.db = deserialize(db, impl.patterns);
  if (source != nullptr) *source = impl.db != nullptr ? DbSource::kDeserialized : DbSource::kCompiled;
  if (impl.db == nullptr) {
    compiles.fetch_add(1, std::memory_order_relaxed);
    std::string error;
    impl.db = compile_patterns(impl.patterns, &error);
    if (impl.db == nullptr) return Status::internal(std::move(error));
  }
  if (hs_alloc_scratch(impl.db, &impl.prototype) != HS_SUCCESS) {
    return Status::internal("privacy: cannot allocate Hyperscan scratch");
  }
  impl.id = next_detector_id.fetch_add(1);
  return std::shared_ptr<const Detector>(std::move(d));
}

}  // namespace detail

Result<std::shared_ptr<const Detector>> Detector::create() {
  return detail::create_detector(detail::embedded_db(), nullptr);
}

std::vector<Finding> Detector::scan(std::string_view text) const {
  if (text.empty()) return {};
  std::vector<Candidate> cands;
  ScanContext ctx{text, impl_->patterns, &cands};
  // Fail closed: if Hyperscan fails, the whole text counts as one secret.
  if (!impl_->run(ctx)) return {Finding{Kind::kSecret, 0, text.size()}};
  detail::scan_numeric(text, &cands);
  if (cands.empty()) return {};
  return resolve(cands);
}

bool Detector::contains(std::string_view text) const {
  if (text.empty()) return false;
  ScanContext ctx{text, impl_->patterns, nullptr};
  if (!impl_->run(ctx)) return true;
  return ctx.found || detail::scan_numeric(text, nullptr);
}

}  // namespace splitpoint::privacy
