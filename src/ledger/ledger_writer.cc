#include "ledger/ledger_writer.h"

#include <spdlog/spdlog.h>

namespace splitpoint::ledger {

Result<std::shared_ptr<LedgerWriter>> LedgerWriter::start(const Options& options) {
  auto store = LedgerStore::open(options.path);
  if (!store.ok()) return store.status();
  std::shared_ptr<LedgerWriter> w(new LedgerWriter(options, std::move(store).value()));
  w->thread_ = std::thread([raw = w.get()] { raw->run(); });
  return w;
}

LedgerWriter::LedgerWriter(Options options, std::unique_ptr<LedgerStore> store)
    : options_(std::move(options)), store_(std::move(store)) {
  queue_.reserve(options_.batch_records);
}

LedgerWriter::~LedgerWriter() { close(); }

void LedgerWriter::record(const api::RequestRecord& record) {
  api::RequestRecord copy = record;  // allocates outside the lock
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (closed_ || queue_.size() >= options_.queue_records) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
    } else {
      queue_.push_back(std::move(copy));
      ++queued_total_;
      wake = queue_.size() == options_.batch_records;
    }
  }
  if (wake) wake_.notify_one();
  if (dropped_.load(std::memory_order_relaxed) > 0 && !drop_logged_.exchange(true)) {
    spdlog::warn("ledger {}: the writer cannot keep up, records are being dropped",
                 options_.path);
  }
}

void LedgerWriter::flush() {
  std::unique_lock lock(mutex_);
  const uint64_t target = queued_total_;
  flush_requested_ = true;
  wake_.notify_one();
  written_cv_.wait(lock, [&] { return done_total_ >= target || exited_; });
}

void LedgerWriter::close() {
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  if (dropped() > 0) spdlog::warn("ledger {}: {} records dropped", options_.path, dropped());
}

void LedgerWriter::run() {
  std::vector<api::RequestRecord> batch;
  batch.reserve(options_.batch_records);
  auto next_error_log = std::chrono::steady_clock::time_point::min();
  for (;;) {
    bool stop = false;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, options_.interval, [&] {
        return stopping_ || flush_requested_ || queue_.size() >= options_.batch_records;
      });
      flush_requested_ = false;
      batch.swap(queue_);
      stop = stopping_;
    }
    if (!batch.empty()) {
      const Status s = store_->write(batch);
      if (s.is_ok()) {
        written_.fetch_add(batch.size(), std::memory_order_relaxed);
      } else {
        failed_.fetch_add(batch.size(), std::memory_order_relaxed);
        if (std::chrono::steady_clock::now() >= next_error_log) {  // a full disk: once a minute
          spdlog::error("ledger: {} records not written ({} so far): {}", batch.size(), failed(),
                        s.message());
          next_error_log = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        }
      }
    }
    {
      std::lock_guard lock(mutex_);
      done_total_ += batch.size();
    }
    written_cv_.notify_all();
    batch.clear();
    if (stop) {
      std::lock_guard lock(mutex_);
      if (queue_.empty()) {
        exited_ = true;
        written_cv_.notify_all();
        return;
      }
    }
  }
}

}  // namespace splitpoint::ledger
