#include "complexity/trainer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "complexity/dataset.h"

namespace splitpoint::complexity {
namespace {

// Reasoning when long_input is high, reflex when a short cue is present: noisy but learnable.
std::vector<Example> synthetic(int n) {
  std::vector<Example> out;
  for (int i = 0; i < n; ++i) {
    Example e;
    e.label = i % 3 == 0 ? 1 : 0;
    e.features[kLongInput] = e.label ? 0.6f + 0.1f * (i % 4) : 0.1f * (i % 5);
    e.features[kShortCue] = e.label ? static_cast<float>(i % 7 == 0) : 1.0f + (i % 2);
    e.features[kLogMessages] = 1;  // constant: scale 1
    e.weight = 1 + (i % 2);
    out.push_back(e);
  }
  out[1].label = 1;  // one noisy label
  return out;
}

TEST(Trainer, LearnsASeparableRuleAndStandardizes) {
  const auto ex = synthetic(300);
  const Model m = train(ex);
  const Confusion c = evaluate(m, ex, 0.5);
  EXPECT_GT(c.accuracy(), 0.98);
  EXPECT_GT(m.weights[kLongInput], 0);
  EXPECT_LT(m.weights[kShortCue], 0);
  EXPECT_EQ(m.scale[kLogMessages], 1);
  EXPECT_NEAR(m.mean[kLogMessages], 1, 1e-12);
  EXPECT_NEAR(m.weights[kLogMessages], 0, 1e-9);
}

TEST(Trainer, IsDeterministic) {
  const auto ex = synthetic(200);
  EXPECT_EQ(train(ex).to_json(), train(ex).to_json());
  TrainOptions o;
  o.l2 = 1.0;
  EXPECT_NE(train(ex, o).to_json(), train(ex).to_json());
}

TEST(Trainer, EmptySetGivesTheNeutralModel) {
  const Model m = train({});
  Features f{};
  EXPECT_EQ(m.score(f), 0.5);
}

TEST(Trainer, CalibrateKeepsTheTargetShareLocal) {
  const std::vector<double> s = {0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.05};
  const double t = calibrate(s, 0.7);
  int local = 0;
  for (double v : s) local += v <= t;
  EXPECT_EQ(local, 7);
  EXPECT_NEAR(t, 0.65, 1e-12);
  EXPECT_EQ(calibrate(s, 0), 0.0);
  EXPECT_EQ(calibrate(s, 1), 1.0);
  EXPECT_EQ(calibrate({}, 0.5), 1.0);
  EXPECT_EQ(calibrate(s, 0.01), 0.0);  // rounds to none local
}

TEST(Trainer, ConfusionCountsAndRecalls) {
  Model m;
  m.weights.assign(kFeatureCount, 0);
  m.mean.assign(kFeatureCount, 0);
  m.scale.assign(kFeatureCount, 1);
  m.weights[kLongInput] = 10;
  m.bias = -5;
  std::vector<Example> ex(4);
  ex[0].label = 1, ex[0].features[kLongInput] = 1;  // reasoning -> cloud
  ex[1].label = 1;                                  // reasoning -> local
  ex[2].label = 0;                                  // reflex -> local
  ex[3].label = 0, ex[3].features[kLongInput] = 1;  // reflex -> cloud
  const Confusion c = evaluate(m, ex, 0.5);
  EXPECT_EQ(c.reasoning_cloud, 1);
  EXPECT_EQ(c.reasoning_local, 1);
  EXPECT_EQ(c.reflex_local, 1);
  EXPECT_EQ(c.reflex_cloud, 1);
  EXPECT_EQ(c.accuracy(), 0.5);
  EXPECT_EQ(c.reflex_recall(), 0.5);
  EXPECT_EQ(c.reasoning_recall(), 0.5);
  EXPECT_EQ(Confusion{}.accuracy(), 0);
}

TEST(Trainer, TradeoffAgainstRandomRouting) {
  // The weak model fails exactly on the two highest-scored items: a perfect router.
  std::vector<RoutedItem> items = {
      {0.9, false, true}, {0.8, false, true}, {0.3, true, true}, {0.2, true, false}};
  const auto rows = tradeoff(items, {0.0, 0.5, 1.0});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].router_accuracy, 0.5);
  EXPECT_EQ(rows[1].strong_share, 0.5);
  EXPECT_EQ(rows[1].router_accuracy, 1.0);
  EXPECT_EQ(rows[1].random_accuracy, 0.5 * 0.5 + 0.5 * 0.75);
  EXPECT_EQ(rows[2].router_accuracy, 0.75);
  EXPECT_TRUE(tradeoff({}, {0.5}).empty());
}

TEST(Dataset, CsvQuotesAndNewlines) {
  const auto rows = parse_csv("prompt,a,b\n\"x, \"\"y\"\"\nz\",True,False\r\nlast,1,2");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "x, \"y\"\nz");
  EXPECT_EQ(rows[1][2], "False");
  EXPECT_EQ(rows[2][1], "1");
}

TEST(Dataset, ParsesOpenAiRequests) {
  auto r = parse_openai_request(
      R"({"model":"auto","max_completion_tokens":50,"messages":[)"
      R"({"role":"developer","content":"be brief"},)"
      R"({"role":"user","content":[{"type":"text","text":"what is this?"},)"
      R"({"type":"image_url","image_url":{"url":"data:image/png;base64,AA"}}]}],)"
      R"("tools":[{"type":"function","function":{"name":"f","description":"d","parameters":{}}}],)"
      R"("response_format":{"type":"json_schema","json_schema":{"name":"n","schema":{"type":"object"}}}})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->messages[0].role, "system");
  EXPECT_TRUE(r->has_image());
  EXPECT_EQ(*r->options.max_tokens, 50);
  EXPECT_EQ(r->tools.size(), 1u);
  EXPECT_EQ(r->response_format.kind, ResponseFormat::Kind::kJsonSchema);
  EXPECT_FALSE(parse_openai_request("{\"messages\": 3}").ok());
  EXPECT_FALSE(parse_openai_request("{\"messages\": [{\"content\": \"x\"}]}").ok());
  EXPECT_FALSE(parse_openai_request("nope").ok());
}

TEST(Dataset, ArchiveLoaderNamesTheBadLine) {
  const auto path = std::filesystem::temp_directory_path() / "complexity_archive_test.jsonl";
  std::ofstream(path)
      << R"({"request":{"messages":[{"role":"user","content":"hi"}]},"label":"reflex","lang":"en","kind":"x"})"
      << "\n\n"
      << R"({"request":{"messages":[]},"label":"maybe"})"
      << "\n";
  auto r = load_archive(path.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(":3:"), std::string::npos) << r.status().message();
  std::ofstream(path, std::ios::trunc)
      << R"({"request":{"messages":[{"role":"user","content":"hi"}]},"label":"reasoning","lang":"de","kind":"x"})"
      << "\n"
      << R"({"messages":[{"role":"user","content":"bare"}]})"
      << "\n";
  EXPECT_FALSE(load_archive(path.string()).ok());  // a bare request has no label
  auto loose = load_requests(path.string(), false);
  ASSERT_TRUE(loose.ok()) << loose.status().message();
  ASSERT_EQ(loose->size(), 2u);
  EXPECT_EQ((*loose)[0].label, 1);
  EXPECT_EQ((*loose)[0].tag, "de/x");
  EXPECT_EQ((*loose)[1].label, -1);
  std::filesystem::remove(path);
  EXPECT_EQ(load_archive("/nonexistent.jsonl").status().code(), StatusCode::kNotFound);
}

TEST(Dataset, SplitIsDeterministic) {
  EXPECT_EQ(fnv1a(""), 14695981039346656037ull);
  EXPECT_EQ(fnv1a("a"), 0xaf63dc4c8601ec8cull);
}

}  // namespace
}  // namespace splitpoint::complexity
