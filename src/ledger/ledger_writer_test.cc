#include "ledger/ledger_writer.h"

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "ledger/schema.h"

namespace splitpoint::ledger {
namespace {

// A fresh ledger path, removed with its WAL files when the object goes (declare it first).
struct TempLedger {
  explicit TempLedger(const char* name)
      : path((std::filesystem::temp_directory_path() /
              (std::string("sp-ledger-") + name + "-" + std::to_string(::getpid()) + ".db"))
                 .string()) {
    remove();
  }
  ~TempLedger() { remove(); }
  void remove() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  const std::string path;
};

api::RequestRecord sample(int i) {
  api::RequestRecord r;
  r.unix_ms = 1'700'000'000'000 + i * 1000;
  r.door = "openai";
  r.endpoint = "/v1/chat/completions";
  r.tier = i % 2 == 0 ? "local" : "cloud";
  r.provider = r.tier == "local" ? "home-gpu" : "openai";
  r.http_status = 200;
  r.input_tokens = 100;
  r.output_tokens = 10;
  r.total_ms = 50;
  r.cost_usd = 0.001;
  r.cloud_cost_usd = 0.002;
  if (i % 10 == 0) r.fallbacks = {"other"};
  return r;
}

int64_t scalar(Db& db, const char* sql) {
  Stmt q(db, sql);
  EXPECT_TRUE(q.ok()) << sql;
  return q.step() ? q.int64(0) : -1;
}

TEST(LedgerWriter, WritesEveryRecordFromManyThreadsAndKeepsRollupsInStep) {
  const TempLedger tmp("threads");
  const std::string& path = tmp.path;
  {
    auto w = LedgerWriter::start({.path = path});
    ASSERT_TRUE(w.ok()) << w.status().to_string();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 500; ++i) (*w)->record(sample(t * 500 + i));
      });
    }
    for (auto& t : threads) t.join();
    (*w)->flush();
    EXPECT_EQ((*w)->written(), 2000u);
    EXPECT_EQ((*w)->dropped(), 0u);
  }
  auto db = Db::open(path, true);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(schema_version(**db), kSchemaVersion);
  EXPECT_EQ(scalar(**db, "SELECT count(*) FROM requests"), 2000);
  EXPECT_EQ(scalar(**db, "SELECT sum(requests) FROM rollup"), 2000);
  EXPECT_EQ(scalar(**db, "SELECT sum(fallback_requests) FROM rollup"), 200);
  EXPECT_EQ(scalar(**db, "SELECT sum(count) FROM rollup_latency"), 2000);
  EXPECT_EQ(scalar(**db, "SELECT count(*) FROM requests WHERE tier = 'local'"), 1000);
}

TEST(LedgerWriter, CloseWritesWhatIsQueuedAndLaterRecordsAreDropped) {
  const TempLedger tmp("close");
  const std::string& path = tmp.path;
  auto w = LedgerWriter::start({.path = path, .interval = std::chrono::milliseconds(60000)});
  ASSERT_TRUE(w.ok());
  for (int i = 0; i < 10; ++i) (*w)->record(sample(i));
  (*w)->close();
  (*w)->record(sample(11));
  EXPECT_EQ((*w)->written(), 10u);
  EXPECT_EQ((*w)->dropped(), 1u);
}

TEST(LedgerWriter, AFullQueueDropsAndCountsInsteadOfBlocking) {
  const TempLedger tmp("full");
  const std::string& path = tmp.path;
  auto w = LedgerWriter::start(
      {.path = path, .queue_records = 8, .interval = std::chrono::milliseconds(60000),
       .batch_records = 1000});
  ASSERT_TRUE(w.ok());
  for (int i = 0; i < 20; ++i) (*w)->record(sample(i));
  EXPECT_EQ((*w)->dropped(), 12u);
  (*w)->flush();
  EXPECT_EQ((*w)->written(), 8u);
}

// Reads the scheduling policy of every thread of this process (field 41 of
// /proc/self/task/*/stat; SCHED_IDLE is 5).
std::vector<int> thread_policies() {
  std::vector<int> out;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream in(e.path() / "stat");
    std::string line;
    std::getline(in, line);
    std::istringstream rest(line.substr(line.rfind(')') + 2));  // after "pid (comm) "
    std::string field;
    for (int i = 3; i <= 41 && rest >> field; ++i) {
      if (i == 41) out.push_back(std::stoi(field));
    }
  }
  return out;
}

TEST(LedgerWriter, TheBackgroundWriterRunsOnlyWhenTheCoreIsOtherwiseIdle) {
  const TempLedger tmp("idle");
  const auto before = thread_policies();
  ASSERT_EQ(std::count(before.begin(), before.end(), SCHED_IDLE), 0);
  auto w = LedgerWriter::start({.path = tmp.path});
  ASSERT_TRUE(w.ok());
  (*w)->record(sample(1));
  (*w)->flush();  // the thread has started and set its priority
  const auto during = thread_policies();
  EXPECT_EQ(std::count(during.begin(), during.end(), SCHED_IDLE), 1);
  EXPECT_EQ(during.size(), before.size() + 2);  // the background and the urgent writer
}

TEST(LedgerWriter, ADeepQueueIsWrittenByTheUrgentWriterWithoutWaitingForTheBackgroundOne) {
  const TempLedger tmp("urgent");
  // The background writer would wait an hour (no batch size is ever reached).
  auto w = LedgerWriter::start({.path = tmp.path, .interval = std::chrono::hours(1),
                                .batch_records = 1'000'000, .urgent_records = 100});
  ASSERT_TRUE(w.ok());
  for (int i = 0; i < 150; ++i) (*w)->record(sample(i));
  for (int i = 0; i < 500 && (*w)->written() < 100; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // Whatever the queue held when the urgent writer woke (100 to 150 records), in one batch.
  EXPECT_GE((*w)->written(), 100u);
  EXPECT_EQ((*w)->urgent_batches(), 1u);
  (*w)->close();
  EXPECT_EQ((*w)->written(), 150u);
  EXPECT_EQ((*w)->dropped(), 0u);
}

// CPU time (ns) of every thread of this process but the calling one: the first field of
// /proc/self/task/<tid>/schedstat.
int64_t other_threads_cpu_ns() {
  int64_t sum = 0;
  const std::string self = std::to_string(::gettid());
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/task")) {
    if (e.path().filename() == self) continue;
    std::ifstream in(e.path() / "schedstat");
    int64_t ns = 0;
    if (in >> ns) sum += ns;
  }
  return sum;
}

TEST(LedgerWriter, TheUrgentWriterTakesAnEighthOfTheCoreWhileTheQueueIsAtMostAQuarterFull) {
  EXPECT_EQ(LedgerWriter::urgent_rest(16'384, 65'536), 7);
  EXPECT_EQ(LedgerWriter::urgent_rest(16'385, 65'536), 1);
  EXPECT_EQ(LedgerWriter::urgent_rest(32'768, 65'536), 1);
  EXPECT_EQ(LedgerWriter::urgent_rest(32'769, 65'536), 0);

  const TempLedger tmp("share");
  // 10,000 queued of 40,000: the urgent writer's one batch, at rest 7; the background writer
  // would wait an hour.
  auto w = LedgerWriter::start({.path = tmp.path, .queue_records = 40'000,
                                .interval = std::chrono::hours(1), .batch_records = 1'000'000,
                                .urgent_records = 10'000});
  ASSERT_TRUE(w.ok());
  const int64_t cpu_before = other_threads_cpu_ns();
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 10'000; ++i) (*w)->record(sample(i));
  for (int i = 0; i < 3000 && (*w)->written() < 10'000; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const double wall = std::chrono::duration<double, std::nano>(
                          std::chrono::steady_clock::now() - start).count();
  const double cpu = static_cast<double>(other_threads_cpu_ns() - cpu_before);
  ASSERT_EQ((*w)->written(), 10'000u);
  EXPECT_EQ((*w)->urgent_batches(), 1u);
  // An eighth (0.16 measured), plus room for wake-ups and unpaced commits; at rest 1: 0.37.
  EXPECT_LT(cpu / wall, 0.25) << "cpu " << cpu / 1e6 << " ms over " << wall / 1e6 << " ms";
}

// Records of ~2 KB (a large features text), so that a few thousand fill the WAL.
api::RequestRecord large_sample(int i) {
  api::RequestRecord r = sample(i);
  r.features = "{\"pad\":\"" + std::string(2000, 'x') + "\"}";
  return r;
}

TEST(LedgerWriter, TheBackgroundWriterGivesWayToTheUrgentOneAndNoRecordIsLostOrWrittenTwice) {
  const TempLedger tmp("both");
  {
    // The background writer (normal priority here, so that the test does not depend on idle
    // CPU) starts one large transaction at 20,000 queued records; 20,100 more wake the urgent
    // writer while it runs, and the background writer hands its records back.
    auto w = LedgerWriter::start({.path = tmp.path, .interval = std::chrono::hours(1),
                                  .batch_records = 20'000, .urgent_records = 20'100,
                                  .background_idle = false});
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < 20'000; ++i) (*w)->record(large_sample(i));
    // The background writer takes the queue at once; writing ~40 MB takes it far longer.
    for (int i = 0; i < 1000 && (*w)->queued() > 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_EQ((*w)->queued(), 0u);
    for (int i = 20'000; i < 40'100; ++i) (*w)->record(sample(i));
    for (int i = 0; i < 1000 && (*w)->written() < 40'100; ++i) {  // before close() stops them
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    (*w)->close();
    EXPECT_GE((*w)->abandoned(), 1u);
    EXPECT_GE((*w)->urgent_batches(), 1u);
    EXPECT_EQ((*w)->written(), 40'100u);
    EXPECT_EQ((*w)->dropped(), 0u);
  }
  auto db = Db::open(tmp.path, true);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(scalar(**db, "SELECT count(*) FROM requests"), 40'100);
  EXPECT_EQ(scalar(**db, "SELECT count(DISTINCT ts_ms) FROM requests"), 40'100);
  EXPECT_EQ(scalar(**db, "SELECT sum(requests) FROM rollup"), 40'100);
}

int64_t wal_bytes(const std::string& path) {
  std::error_code ec;
  const auto n = std::filesystem::file_size(path + "-wal", ec);
  return ec ? 0 : static_cast<int64_t>(n);
}

TEST(LedgerWriter, TheBackgroundWriterCheckpointsSoTheWalStaysShort) {
  const TempLedger tmp("wal");
  auto w = LedgerWriter::start({.path = tmp.path});
  ASSERT_TRUE(w.ok());
  // 8,000 records of ~2 KB: ~4,000 pages, four times the checkpoint threshold, in batches of 200
  // (~100 pages) so that no single transaction is large.
  for (int b = 0; b < 40; ++b) {
    for (int i = 0; i < 200; ++i) (*w)->record(large_sample(b * 200 + i));
    (*w)->flush();
  }
  EXPECT_EQ((*w)->written(), 8000u);
  // Without checkpoints the WAL would hold every page (~16 MB); with them, it is reused from its
  // start once it passes 1,000 pages: at most that plus one batch (~4.5 MB).
  EXPECT_LT(wal_bytes(tmp.path), 6 << 20);
  EXPECT_GT(wal_bytes(tmp.path), 1 << 20);
}

TEST(LedgerStore, PausesInsideOneTransactionAndAnAbandonedOneWritesNothing) {
  const TempLedger tmp("pause");
  auto s = LedgerStore::open(tmp.path);
  ASSERT_TRUE(s.ok());
  auto reader = Db::open(tmp.path, true);
  ASSERT_TRUE(reader.ok());
  std::vector<api::RequestRecord> rows;
  for (int i = 0; i < 50; ++i) rows.push_back(sample(i));
  int pauses = 0;
  ASSERT_TRUE((*s)
                  ->write(rows,
                          [&] {
                            ++pauses;
                            // Inside the transaction: a reader sees none of its rows yet.
                            EXPECT_EQ(scalar(**reader, "SELECT count(*) FROM requests"), 0);
                            return true;
                          })
                  .is_ok());
  EXPECT_EQ(pauses, 3);  // after rows 16, 32 and 48
  EXPECT_EQ(scalar(**reader, "SELECT count(*) FROM requests"), 50);

  const Status abandoned = (*s)->write(rows, [] { return false; });
  EXPECT_EQ(abandoned.code(), StatusCode::kCancelled);
  EXPECT_EQ(scalar(**reader, "SELECT count(*) FROM requests"), 50);
  EXPECT_EQ(scalar(**reader, "SELECT sum(requests) FROM rollup"), 50);
  ASSERT_TRUE((*s)->write(rows).is_ok());  // the store is usable afterwards
  EXPECT_EQ(scalar(**reader, "SELECT count(*) FROM requests"), 100);
}

TEST(LedgerStore, CheckpointsOnlyWhenAskedAndTheWalStartsAgainAfterwards) {
  const TempLedger tmp("checkpoint");
  auto s = LedgerStore::open(tmp.path);
  ASSERT_TRUE(s.ok());
  std::vector<api::RequestRecord> rows;
  for (int b = 0; b < 40 && (*s)->wal_pages() < LedgerStore::kCheckpointPages * 3 / 2; ++b) {
    rows.clear();
    for (int i = 0; i < 200; ++i) rows.push_back(large_sample(b * 200 + i));
    ASSERT_TRUE((*s)->write(rows).is_ok());
  }
  // No automatic checkpoint at 1,000 pages: the WAL holds every page written.
  ASSERT_GE((*s)->wal_pages(), LedgerStore::kCheckpointPages * 3 / 2);
  EXPECT_GE(wal_bytes(tmp.path), int64_t{LedgerStore::kCheckpointPages} * 3 / 2 * 4096);
  ASSERT_TRUE((*s)->checkpoint().is_ok());
  EXPECT_EQ((*s)->wal_pages(), 0);
  const std::vector<api::RequestRecord> one{sample(1)};
  ASSERT_TRUE((*s)->write(one).is_ok());
  EXPECT_GT((*s)->wal_pages(), 0);
  EXPECT_LT((*s)->wal_pages(), 20);  // written from the WAL's start again
  Status result;
  EXPECT_TRUE((*s)->try_checkpoint(result));
  EXPECT_TRUE(result.is_ok());
}

TEST(LedgerStore, TextColumnsAreStoredExactlyIncludingJsonListsWithQuotes) {
  const TempLedger tmp("text");
  auto s = LedgerStore::open(tmp.path);
  ASSERT_TRUE(s.ok());
  std::vector<api::RequestRecord> rows{sample(1), sample(2)};
  rows[0].reasons = {"privacy: \"iban\" found", "complexity 0.81 > 0.5"};
  rows[0].fallbacks = {"home-gpu", "backup"};
  rows[0].error = "upstream said \"no\"";
  rows[0].features = R"({"v":1,"in":12})";
  ASSERT_TRUE((*s)->write(rows).is_ok());
  Stmt q((*s)->db(), "SELECT reasons, fallbacks, error, features, caller FROM requests ORDER BY id");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), R"(["privacy: \"iban\" found","complexity 0.81 > 0.5"])");
  EXPECT_EQ(q.text(1), R"(["home-gpu","backup"])");
  EXPECT_EQ(q.text(2), "upstream said \"no\"");
  EXPECT_EQ(q.text(3), R"({"v":1,"in":12})");
  ASSERT_TRUE(q.step());  // the second row's lists are its own, not the first's
  EXPECT_EQ(q.text(0), "[]");
  EXPECT_EQ(q.text(1), "[]");
  EXPECT_EQ(q.text(2), "");
}

// Rows are inserted several to a statement: a record whose values are all its own, in a batch
// that is not a multiple of the statement's size, must come back column for column, in order.
TEST(LedgerStore, EveryColumnOfEveryRowIsStoredInOrder) {
  const TempLedger tmp("columns");
  auto s = LedgerStore::open(tmp.path);
  ASSERT_TRUE(s.ok());
  std::vector<api::RequestRecord> rows;
  for (int i = 0; i < 2 * static_cast<int>(LedgerStore::kRowsPerInsert) + 5; ++i) {
    const std::string n = std::to_string(i);
    api::RequestRecord r;
    r.unix_ms = 1'700'000'000'000 + i;
    r.caller = "key-" + n, r.door = "door" + n, r.endpoint = "/e" + n;
    r.requested_model = "m" + n, r.task = "t" + n, r.pinned_tier = "p" + n;
    r.stream = i % 2 == 1, r.tier = "tier" + n, r.provider = "prov" + n, r.model = "up" + n;
    r.score = i / 100.0, r.reasons = {"r" + n}, r.redactions = i + 1, r.fallbacks = {"f" + n};
    r.http_status = 200 + i, r.error = "err" + n, r.input_tokens = 1000 + i;
    r.output_tokens = 2000 + i, r.tokens_estimated = i % 3 == 0, r.ttft_ms = 5 + i;
    r.total_ms = 1000 + i, r.cost_usd = i * 1e-4, r.cloud_cost_usd = i * 1e-3;
    r.features = "{\"v\":" + n + "}";
    rows.push_back(std::move(r));
  }
  ASSERT_TRUE((*s)->write(rows).is_ok());
  Stmt q((*s)->db(),
         "SELECT ts_ms, caller, door, endpoint, requested_model, task, pinned_tier, stream, tier, "
         "provider, model, score, reasons, redactions, fallbacks, http_status, error, "
         "input_tokens, output_tokens, tokens_estimated, ttft_ms, total_ms, tokens_per_sec, "
         "cost_usd, cloud_cost_usd, features FROM requests ORDER BY id");
  for (const api::RequestRecord& r : rows) {
    SCOPED_TRACE(r.caller);
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.int64(0), r.unix_ms);
    EXPECT_EQ(q.text(1), r.caller);
    EXPECT_EQ(q.text(2), r.door);
    EXPECT_EQ(q.text(3), r.endpoint);
    EXPECT_EQ(q.text(4), r.requested_model);
    EXPECT_EQ(q.text(5), r.task);
    EXPECT_EQ(q.text(6), r.pinned_tier);
    EXPECT_EQ(q.int64(7), r.stream ? 1 : 0);
    EXPECT_EQ(q.text(8), r.tier);
    EXPECT_EQ(q.text(9), r.provider);
    EXPECT_EQ(q.text(10), r.model);
    EXPECT_EQ(q.real(11), r.score);
    EXPECT_EQ(q.text(12), "[\"" + r.reasons[0] + "\"]");
    EXPECT_EQ(q.int64(13), r.redactions);
    EXPECT_EQ(q.text(14), "[\"" + r.fallbacks[0] + "\"]");
    EXPECT_EQ(q.int64(15), r.http_status);
    EXPECT_EQ(q.text(16), r.error);
    EXPECT_EQ(q.int64(17), r.input_tokens);
    EXPECT_EQ(q.int64(18), r.output_tokens);
    EXPECT_EQ(q.int64(19), r.tokens_estimated ? 1 : 0);
    EXPECT_EQ(q.real(20), r.ttft_ms);
    EXPECT_EQ(q.real(21), r.total_ms);
    EXPECT_DOUBLE_EQ(q.real(22), tokens_per_sec(r));
    EXPECT_EQ(q.real(23), r.cost_usd);
    EXPECT_EQ(q.real(24), r.cloud_cost_usd);
    EXPECT_EQ(q.text(25), r.features);
  }
  EXPECT_FALSE(q.step());
}

TEST(LedgerStore, ReopeningKeepsTheDataAndANewerSchemaIsRefused) {
  const TempLedger tmp("reopen");
  const std::string& path = tmp.path;
  {
    auto s = LedgerStore::open(path);
    ASSERT_TRUE(s.ok());
    const std::vector<api::RequestRecord> one{sample(1)};
    ASSERT_TRUE((*s)->write(one).is_ok());
  }
  {
    auto s = LedgerStore::open(path);
    ASSERT_TRUE(s.ok()) << s.status().to_string();
    EXPECT_EQ(scalar((*s)->db(), "SELECT count(*) FROM requests"), 1);
    ASSERT_TRUE((*s)->db().exec("PRAGMA user_version = 99").is_ok());
  }
  auto s = LedgerStore::open(path);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("newer"), std::string::npos) << s.status().message();
}

TEST(LedgerStore, AnUnwritablePathIsAClearError) {
  auto s = LedgerStore::open("/nonexistent-dir/ledger.db");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("/nonexistent-dir/ledger.db"), std::string::npos);
}

TEST(LatencyBuckets, APercentileFromTheHistogramIsWithinTwoAndAHalfPercent) {
  for (double ms : {1.5, 12.0, 250.0, 4321.0, 60000.0}) {
    EXPECT_NEAR(bucket_ms(latency_bucket(ms)), ms, ms * 0.026) << ms;
  }
  EXPECT_EQ(latency_bucket(0.2), 0);
}

}  // namespace
}  // namespace splitpoint::ledger
