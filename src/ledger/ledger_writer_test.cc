#include "ledger/ledger_writer.h"

#include <unistd.h>

#include <filesystem>
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
