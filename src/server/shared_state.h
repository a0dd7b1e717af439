// The parts of the live state that every worker shares besides the policies' own (latency,
// health, budget): request and connection counters, per-provider call slots, and what the health
// checker learned. All thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "splitpoint/provider.h"

namespace splitpoint::server {

// Process-wide counts for limits and leak checks. Owned by the Gateway and handed from one
// configuration generation to the next, so requests that started before a reload stay counted.
struct Counters {
  std::atomic<int64_t> in_flight{0};    // requests being served, all workers
  std::atomic<int64_t> connections{0};  // open client connections, all workers
};

// Adds 1 to a counter for its lifetime.
class Counted {
 public:
  explicit Counted(std::atomic<int64_t>& n) : n_(n) { n_.fetch_add(1, std::memory_order_relaxed); }
  ~Counted() { n_.fetch_sub(1, std::memory_order_relaxed); }
  Counted(const Counted&) = delete;
  Counted& operator=(const Counted&) = delete;

 private:
  std::atomic<int64_t>& n_;
};

// Calls in flight per provider over all workers, against each provider's max_concurrent.
class CallSlots {
 public:
  explicit CallSlots(const std::vector<ProviderDescriptor>& providers)
      : used_(std::make_unique<std::atomic<int>[]>(providers.size())) {
    for (const auto& p : providers) max_.push_back(p.max_concurrent);
  }
  // Takes a slot of provider i; false when it is at its max_concurrent (0: unlimited).
  bool acquire(std::size_t i) {
    int n = used_[i].load(std::memory_order_relaxed);
    do {
      if (max_[i] > 0 && n >= max_[i]) return false;
    } while (!used_[i].compare_exchange_weak(n, n + 1, std::memory_order_relaxed));
    return true;
  }
  void release(std::size_t i) { used_[i].fetch_sub(1, std::memory_order_relaxed); }
  int in_use(std::size_t i) const { return used_[i].load(std::memory_order_relaxed); }

 private:
  std::unique_ptr<std::atomic<int>[]> used_;
  std::vector<int> max_;
};

// The models each provider reported loaded at its last probe (Ollama GET /api/ps).
class LoadedModels {
 public:
  explicit LoadedModels(std::size_t providers) : models_(providers) {}
  void set(std::size_t i, std::vector<std::string> models) {
    std::lock_guard lock(mu_);
    models_[i] = std::move(models);
  }
  std::vector<std::string> get(std::size_t i) const {
    std::lock_guard lock(mu_);
    return models_[i];
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::vector<std::string>> models_;
};

}  // namespace splitpoint::server
