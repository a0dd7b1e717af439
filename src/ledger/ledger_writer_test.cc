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
