#include "ledger/ledger_writer.h"

#include <pthread.h>
#include <sched.h>

#include <spdlog/spdlog.h>

namespace splitpoint::ledger {

Result<std::shared_ptr<LedgerWriter>> LedgerWriter::start(const Options& options) {
  auto store = LedgerStore::open(options.path);
  if (!store.ok()) return store.status();
  std::shared_ptr<LedgerWriter> w(new LedgerWriter(options, std::move(store).value()));
  w->thread_ = std::thread([raw = w.get()] { raw->run_background(); });
  w->urgent_thread_ = std::thread([raw = w.get()] { raw->run_urgent(); });
  return w;
}

LedgerWriter::LedgerWriter(Options options, std::unique_ptr<LedgerStore> store)
    : options_(std::move(options)), store_(std::move(store)) {}

LedgerWriter::~LedgerWriter() { close(); }

void LedgerWriter::record(const api::RequestRecord& record) {
  take(api::RequestRecord(record));  // the copy allocates outside the lock
}

void LedgerWriter::take(api::RequestRecord&& record) {
  bool wake = false;
  bool urgent = false;
  {
    std::lock_guard lock(mutex_);
    if (closed_ || queue_.size() >= options_.queue_records) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
    } else {
      queue_.push_back(std::move(record));
      ++queued_total_;
      wake = queue_.size() == options_.batch_records;
      urgent = queue_.size() == options_.urgent_records;
    }
  }
  if (wake) wake_.notify_one();
  if (urgent) urgent_cv_.notify_one();
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
  urgent_cv_.notify_one();
  if (urgent_thread_.joinable()) urgent_thread_.join();
  if (thread_.joinable()) thread_.join();
  if (dropped() > 0) spdlog::warn("ledger {}: {} records dropped", options_.path, dropped());
}

void LedgerWriter::write_batch(std::vector<api::RequestRecord>& batch) {
  if (!batch.empty()) {
    std::lock_guard store_lock(store_mutex_);
    const Status s = store_->write(batch);
    if (s.is_ok()) {
      written_.fetch_add(batch.size(), std::memory_order_relaxed);
    } else {
      failed_.fetch_add(batch.size(), std::memory_order_relaxed);
      if (std::chrono::steady_clock::now() >= next_error_log_) {  // a full disk: once a minute
        spdlog::error("ledger: {} records not written ({} so far): {}", batch.size(), failed(),
                      s.message());
        next_error_log_ = std::chrono::steady_clock::now() + std::chrono::minutes(1);
      }
    }
  }
  {
    std::lock_guard lock(mutex_);
    done_total_ += batch.size();
  }
  written_cv_.notify_all();
  batch.clear();
  // After a burst, a deep queue's capacity is not kept (it would hold MB for the next burst).
  if (batch.capacity() > options_.batch_records) std::vector<api::RequestRecord>().swap(batch);
}

void LedgerWriter::run_background() {
  // SCHED_IDLE needs no privilege. Failure (a seccomp filter, say) leaves the thread at the
  // creator's policy: still correct, only less polite.
  if (options_.background_idle) {
    const sched_param none{};
    (void)pthread_setschedparam(pthread_self(), SCHED_IDLE, &none);
  }
  std::vector<api::RequestRecord> batch;  // swapped with the queue: capacity grows with use
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
    write_batch(batch);
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

void LedgerWriter::run_urgent() {
  std::vector<api::RequestRecord> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      urgent_cv_.wait(lock, [&] { return stopping_ || queue_.size() >= options_.urgent_records; });
      if (stopping_) return;  // the background thread writes what is left
      batch.swap(queue_);
    }
    urgent_batches_.fetch_add(1, std::memory_order_relaxed);
    write_batch(batch);
  }
}

}  // namespace splitpoint::ledger
