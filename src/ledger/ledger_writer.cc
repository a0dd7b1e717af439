#include "ledger/ledger_writer.h"

#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>

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

std::size_t LedgerWriter::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
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

void LedgerWriter::log_error(const std::string& what) {
  std::lock_guard store_lock(store_mutex_);
  if (std::chrono::steady_clock::now() < next_error_log_) return;  // a full disk: once a minute
  spdlog::error("ledger {}: {}", options_.path, what);
  next_error_log_ = std::chrono::steady_clock::now() + std::chrono::minutes(1);
}

void LedgerWriter::write_batch(std::vector<api::RequestRecord>& batch, Writer who) {
  const bool urgent = who == Writer::kUrgent;
  // The urgent writer: short transactions, paced inside (a commit is one piece of work). The
  // background writer: one transaction, abandoned at its next pause point once the urgent writer
  // is active: preempted while holding the store, an idle-priority thread would make the urgent
  // writer wait for an idle thread's share of the CPU.
  const std::size_t step = urgent ? kPacedTransactionRecords : batch.size();
  const std::function<bool()> pause = [this, urgent] {
    if (urgent) {
      pacer_.pause();
      return true;
    }
    // An idle-priority thread still gets a turn when the core is busy (its small fair share),
    // and without a sleep it keeps the core until the next tick (4 ms at HZ=250); yielding
    // every 16 rows hands the core back to a waiting request thread within ~0.1 ms.
    sched_yield();
    return !urgent_active_.load(std::memory_order_relaxed);
  };
  std::size_t at = 0;
  for (; at < batch.size(); at += step) {
    const std::size_t n = std::min(step, batch.size() - at);
    if (urgent && at != 0) pacer_.pause();
    Status s;
    {
      std::lock_guard store_lock(store_mutex_);
      s = store_->write(std::span(batch).subspan(at, n), pause);
    }
    if (s.code() == StatusCode::kCancelled) {
      abandoned_.fetch_add(1, std::memory_order_relaxed);
      break;
    }
    if (!s.is_ok()) {
      failed_.fetch_add(n, std::memory_order_relaxed);
      log_error(fmt::format("{} records not written ({} so far): {}", n, failed(), s.message()));
      continue;
    }
    written_.fetch_add(n, std::memory_order_relaxed);
    // A checkpoint copies ~1,000 pages in one piece, beside the writes (its own connection): the
    // background writer runs them; the urgent writer only when the WAL has grown far past that
    // (a long overload) and no checkpoint is running.
    Status c;
    if (!urgent && store_->wal_pages() >= LedgerStore::kCheckpointPages) c = store_->checkpoint();
    if (urgent && store_->wal_pages() >= kUrgentCheckpointPages) (void)store_->try_checkpoint(c);
    if (!c.is_ok()) log_error(c.message());
  }
  const std::size_t handled = std::min(at, batch.size());
  {
    std::lock_guard lock(mutex_);
    done_total_ += handled;
    // What an abandoned transaction held goes back to the front of the queue, in order.
    queue_.insert(queue_.begin(), std::make_move_iterator(batch.begin() + handled),
                  std::make_move_iterator(batch.end()));
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
      // While the urgent writer is active it writes the queue; this thread waits for it.
      wake_.wait(lock, [&] { return !urgent_active_.load(std::memory_order_relaxed); });
      flush_requested_ = false;
      batch.swap(queue_);
      stop = stopping_;
    }
    write_batch(batch, Writer::kBackground);
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

namespace {

struct SchedAttr {  // the kernel's struct sched_attr (glibc 2.36 has no wrapper)
  uint32_t size, policy;
  uint64_t flags;
  int32_t nice;
  uint32_t priority;
  uint64_t runtime, deadline, period;
  uint32_t util_min, util_max;
};

// Asks the kernel for a 0.1 ms time slice (Linux >= 6.12: sched_runtime of a SCHED_OTHER thread).
// The scheduler then lets this thread preempt a busy request thread when it wakes, instead of
// making it wait for the next tick (4 ms at HZ=250), and only for that short slice. Older kernels
// ignore the field: the pacing below still keeps the pieces short.
void request_short_slice() {
  SchedAttr attr{};
  if (syscall(SYS_sched_getattr, 0, &attr, sizeof attr, 0) != 0) return;
  attr.size = sizeof attr;
  attr.runtime = 100'000;  // ns, the kernel's minimum
  (void)syscall(SYS_sched_setattr, 0, &attr, 0);
}

}  // namespace

int LedgerWriter::urgent_rest(std::size_t queued, std::size_t capacity) {
  if (queued <= capacity / 4) return 7;
  return queued <= capacity / 2 ? 1 : 0;
}

void LedgerWriter::run_urgent() {
  request_short_slice();
  std::vector<api::RequestRecord> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (urgent_active_.exchange(false, std::memory_order_relaxed)) wake_.notify_one();
      urgent_cv_.wait(lock, [&] { return stopping_ || queue_.size() >= options_.urgent_records; });
      if (stopping_) return;  // the background thread writes what is left
      urgent_active_.store(true, std::memory_order_relaxed);
      batch.swap(queue_);
    }
    urgent_batches_.fetch_add(1, std::memory_order_relaxed);
    pacer_.start(urgent_rest(batch.size(), options_.queue_records));
    write_batch(batch, Writer::kUrgent);
  }
}

}  // namespace splitpoint::ledger
