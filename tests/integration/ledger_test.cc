// The ledger through the running gateway: requests through both doors, streamed and not, one
// with a scripted upstream fault; then the rows in the SQLite file say who served, with which
// tokens (the emulator's usage), status and fallbacks. The file is read by a second connection
// while the gateway runs, and again after a SIGTERM (the drain path writes the queue out).
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "fixture.h"
#include "ledger/sqlite.h"

namespace splitpoint::testing {
namespace {

namespace json = boost::json;

struct Row {
  std::string door, endpoint, requested_model, tier, provider, fallbacks, error, caller, features;
  int status = 0;
  int64_t input_tokens = 0, output_tokens = 0;
  bool stream = false, estimated = false;
  double ttft_ms = 0, total_ms = 0, cost = 0, cloud_cost = 0;
};

std::vector<Row> read_rows(const std::string& path) {
  std::vector<Row> rows;
  auto db = ledger::Db::open(path, true);
  if (!db.ok()) return rows;
  ledger::Stmt q(**db,
                 "SELECT door, endpoint, requested_model, tier, provider, fallbacks, error, "
                 "caller, features, http_status, input_tokens, output_tokens, stream, "
                 "tokens_estimated, ttft_ms, total_ms, cost_usd, cloud_cost_usd FROM requests "
                 "ORDER BY id");
  if (!q.ok()) return rows;
  while (q.step()) {
    Row r;
    r.door = q.text(0), r.endpoint = q.text(1), r.requested_model = q.text(2);
    r.tier = q.text(3), r.provider = q.text(4), r.fallbacks = q.text(5), r.error = q.text(6);
    r.caller = q.text(7), r.features = q.text(8);
    r.status = static_cast<int>(q.int64(9));
    r.input_tokens = q.int64(10), r.output_tokens = q.int64(11);
    r.stream = q.int64(12) != 0, r.estimated = q.int64(13) != 0;
    r.ttft_ms = q.real(14), r.total_ms = q.real(15);
    r.cost = q.real(16), r.cloud_cost = q.real(17);
    rows.push_back(std::move(r));
  }
  return rows;
}

// Polls (bounded: 50 x 100 ms) until the file holds `n` rows.
std::vector<Row> wait_rows(const std::string& path, std::size_t n) {
  std::vector<Row> rows;
  for (int i = 0; i < 50; ++i) {
    rows = read_rows(path);
    if (rows.size() >= n) break;
    std::this_thread::sleep_for(100ms);
  }
  return rows;
}

std::pair<int64_t, int64_t> openai_usage(const std::string& body) {
  const json::value v = json::parse(body);
  const json::object& u = v.at("usage").as_object();
  return {u.at("prompt_tokens").as_int64(), u.at("completion_tokens").as_int64()};
}

class LedgerTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    path_ = (std::filesystem::temp_directory_path() /
             ("sp-ledger-it-" + std::to_string(::getpid()) + ".db"))
                .string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
    gw_ = start_gateway(gateway_yaml(emu_port_, "  api_keys: [key-zero, key-one]\n") +
                            "ledger:\n  path: " + path_ + "\n",
                        port_);
    ASSERT_NE(gw_, nullptr);
  }
  HttpResult call(const std::string& path, const std::string& body) {
    return http_call(port_, "POST", path, body, {{"Authorization", "Bearer key-one"}});
  }

  void TearDown() override {
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + s);
  }
  std::string path_;
  std::unique_ptr<Process> gw_;
  uint16_t port_ = 0;
};

TEST_F(LedgerTest, EveryRequestOfBothDoorsLeavesOneRowThatMatchesWhatHappened) {
  const HttpResult a = call("/v1/chat/completions",
                            R"({"model":"local","messages":[{"role":"user","content":"hi"}]})");
  ASSERT_EQ(a.status, 200) << a.body;
  const HttpResult b = call(
      "/v1/chat/completions",
      R"({"model":"cloud","stream":true,"stream_options":{"include_usage":true},)"
      R"("messages":[{"role":"user","content":"tell me"}]})");
  ASSERT_EQ(b.status, 200) << b.body;
  const HttpResult c = call("/api/chat", R"({"model":"auto","stream":false,)"
                                         R"("messages":[{"role":"user","content":"hello"}]})");
  ASSERT_EQ(c.status, 200) << c.body;
  const HttpResult d = call("/api/chat", R"({"model":"auto","messages":[{"role":"user",)"
                                         R"("content":"hello there"}]})");  // streams
  ASSERT_EQ(d.status, 200) << d.body;
  fault(R"({"kind":"status","code":500,"path":"/api/chat"})");
  const HttpResult e = call("/v1/chat/completions",
                            R"({"model":"auto","messages":[{"role":"user","content":"hi"}]})");
  ASSERT_EQ(e.status, 200) << e.body;
  const HttpResult f = call("/v1/chat/completions",
                            R"({"model":"no-such-model","messages":[{"role":"user","content":"x"}]})");
  ASSERT_EQ(f.status, 404) << f.body;
  ASSERT_EQ(http_call(port_, "GET", "/healthz").status, 200);  // not recorded

  const std::vector<Row> rows = wait_rows(path_, 6);
  ASSERT_EQ(rows.size(), 6u);
  const auto [a_in, a_out] = openai_usage(a.body);
  EXPECT_EQ(rows[0].door, "openai");
  EXPECT_EQ(rows[0].endpoint, "/v1/chat/completions");
  EXPECT_EQ(rows[0].caller, "key-1");
  EXPECT_EQ(rows[0].tier, "local");
  EXPECT_EQ(rows[0].provider, "home-gpu");
  EXPECT_EQ(rows[0].status, 200);
  EXPECT_EQ(rows[0].input_tokens, a_in);
  EXPECT_EQ(rows[0].output_tokens, a_out);
  EXPECT_FALSE(rows[0].estimated);
  EXPECT_FALSE(rows[0].stream);
  EXPECT_GT(rows[0].total_ms, 0);
  EXPECT_TRUE(rows[0].features.empty());  // an explicit alias: the chain did not run
  // No power or hardware configured: local is free; the cloud would have charged gpt-4o's list
  // price (2.50 / 10.00 USD per 1M tokens).
  EXPECT_EQ(rows[0].cost, 0);
  EXPECT_NEAR(rows[0].cloud_cost, (a_in * 2.5 + a_out * 10.0) / 1e6, 1e-12);

  EXPECT_EQ(rows[1].tier, "cloud");
  EXPECT_EQ(rows[1].provider, "cloud");
  EXPECT_TRUE(rows[1].stream);
  EXPECT_GT(rows[1].ttft_ms, 0);
  EXPECT_LE(rows[1].ttft_ms, rows[1].total_ms);
  EXPECT_GT(rows[1].output_tokens, 0);
  EXPECT_FALSE(rows[1].estimated);  // the usage chunk was asked for
  EXPECT_NEAR(rows[1].cost, (rows[1].input_tokens * 2.5 + rows[1].output_tokens * 10.0) / 1e6,
              1e-12);
  EXPECT_EQ(rows[1].cloud_cost, rows[1].cost);

  EXPECT_EQ(rows[2].door, "ollama");
  EXPECT_EQ(rows[2].endpoint, "/api/chat");
  EXPECT_EQ(rows[2].requested_model, "auto");
  EXPECT_EQ(rows[2].tier, "local");
  const json::value cv = json::parse(c.body);
  EXPECT_EQ(rows[2].input_tokens, cv.at("prompt_eval_count").as_int64());
  EXPECT_EQ(rows[2].output_tokens, cv.at("eval_count").as_int64());
  EXPECT_NE(rows[2].features.find("\"v\":1"), std::string::npos) << rows[2].features;

  EXPECT_TRUE(rows[3].stream);
  EXPECT_EQ(rows[3].door, "ollama");
  EXPECT_GT(rows[3].output_tokens, 0);

  EXPECT_EQ(rows[4].provider, "cloud");  // home-gpu answered 500: the cloud served
  EXPECT_EQ(rows[4].tier, "cloud");
  EXPECT_EQ(rows[4].fallbacks, R"(["home-gpu"])");
  EXPECT_EQ(rows[4].status, 200);

  EXPECT_EQ(rows[5].status, 404);
  EXPECT_EQ(rows[5].tier, "");
  EXPECT_NE(rows[5].error.find("no-such-model"), std::string::npos) << rows[5].error;
}

// /metrics and /ui are not LLM traffic: refused (401) or served, they leave no row and no count.
TEST_F(LedgerTest, ViewPathsAreRefusedWithoutTheKeyAndNeverRecorded) {
  for (const char* path : {"/metrics", "/ui/api/summary"}) {
    const HttpResult refused = http_call(port_, "GET", path);
    EXPECT_EQ(refused.status, 401) << path << ": " << refused.body;
    EXPECT_NE(refused.body.find("API key"), std::string::npos) << refused.body;
    EXPECT_EQ(http_call(port_, "GET", path, "", {{"Authorization", "Bearer key-one"}}).status, 200)
        << path;
  }
  EXPECT_EQ(http_call(port_, "GET", "/ui").status, 200);
  ASSERT_EQ(call("/v1/chat/completions",
                 R"({"model":"local","messages":[{"role":"user","content":"hi"}]})")
                .status,
            200);
  ASSERT_EQ(wait_rows(path_, 1).size(), 1u);
  std::this_thread::sleep_for(300ms);  // a view's row, if one were written late, would show now
  const std::vector<Row> rows = read_rows(path_);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].endpoint, "/v1/chat/completions");
  const HttpResult summary =
      http_call(port_, "GET", "/ui/api/summary", "", {{"Authorization", "Bearer key-one"}});
  ASSERT_EQ(summary.status, 200);
  EXPECT_EQ(json::parse(summary.body).at("totals").at("requests").as_int64(), 1) << summary.body;
}

TEST_F(LedgerTest, SigtermWritesTheQueuedRecordsBeforeExit) {
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(call("/api/chat", R"({"model":"local","stream":false,)"
                                R"("messages":[{"role":"user","content":"x"}]})")
                  .status,
              200);
  }
  gw_->signal(SIGTERM);
  auto code = gw_->wait_exit(10s);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 0) << gw_->output();
  EXPECT_EQ(read_rows(path_).size(), 20u);
}

TEST_F(LedgerTest, ReportAndReplayReadTheFileTheGatewayWrites) {
  const char* kComplex =
      "Write a comprehensive, detailed 2000-word analysis comparing the legal and financial "
      "risks of three merger strategies, with a step-by-step plan and a ranked recommendation.";
  for (const std::string text : {"hi", "what is 2+2?", kComplex}) {
    ASSERT_EQ(call("/v1/chat/completions", R"({"model":"auto","messages":[{"role":"user",)"
                                           R"("content":")" + text + R"("}]})")
                  .status,
              200);
  }
  const std::vector<Row> rows = wait_rows(path_, 3);
  ASSERT_EQ(rows.size(), 3u);
  int recorded_local = 0;
  for (const Row& r : rows) recorded_local += r.tier == "local" ? 1 : 0;
  ASSERT_EQ(rows[2].tier, "cloud");  // the complex one: replay below has something to move

  auto report = run_program({SPLITPOINT_PATH, "report", "--ledger", path_, "--since", "1h",
                             "--json"},
                            10s);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->exit_code, 0) << report->output;
  const json::object r = json::parse(report->output).as_object();
  EXPECT_EQ(r.at("requests").as_int64(), 3);
  EXPECT_EQ(r.at("local").as_int64(), recorded_local);
  EXPECT_EQ(r.at("local").as_int64() + r.at("cloud").as_int64(), 3);

  // NEW: nothing is complex enough for the cloud.
  const std::string next = write_temp(gateway_yaml(emu_port_) +
                                      "router:\n  complexity_threshold: 1.0\n");
  auto replay = run_program({SPLITPOINT_PATH, "replay", "-c", next, "--ledger", path_, "--since",
                             "1h", "--json"},
                            10s);
  ASSERT_TRUE(replay.ok());
  ASSERT_EQ(replay->exit_code, 0) << replay->output;
  const json::object p = json::parse(replay->output).as_object();
  EXPECT_EQ(p.at("requests").as_int64(), 3);
  EXPECT_EQ(p.at("actual").at("local").as_int64(), recorded_local);
  EXPECT_EQ(p.at("forecast").at("local").as_int64(), 3);
  EXPECT_EQ(p.at("changed").as_int64(), 3 - recorded_local);
}

}  // namespace
}  // namespace splitpoint::testing
