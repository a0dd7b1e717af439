// The shipped model against the product's targets, and its reproducibility from the repo's data.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "complexity/dataset.h"
#include "complexity/model.h"
#include "complexity/trainer.h"
#include "complexity/training_set.h"

namespace splitpoint::complexity {
namespace {

std::filesystem::path repo_root() {
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
}

// The shared data directory beside the repo (CI's layout), or $SPLITPOINT_SHARED_DATA.
std::string shared_data() {
  if (const char* env = std::getenv("SPLITPOINT_SHARED_DATA"); env != nullptr && *env) return env;
  const auto p = repo_root().parent_path() / "shared" / "data";
  return std::filesystem::is_directory(p / "routellm") ? p.string() : "";
}

TEST(ShippedModel, MeetsTheHoldoutTargetsAtTheDefaultThreshold) {
  auto holdout = load_archive((repo_root() / "data/archive/holdout.jsonl").string());
  ASSERT_TRUE(holdout.ok()) << holdout.status().message();
  ASSERT_GE(holdout->size(), 300u);
  std::vector<Example> ex;
  for (const auto& r : holdout.value()) ex.push_back({extract(r.request), r.label, 1.0, r.tag});
  const Confusion c = evaluate(*Model::builtin(), ex, 0.5);
  EXPECT_GE(c.reasoning_recall(), 0.95) << "reasoning -> cloud";
  EXPECT_GE(c.reflex_recall(), 0.85) << "reflex -> local";
}

TEST(ShippedModel, RetrainingReproducesTheShippedFileByteForByte) {
  const std::string shared = shared_data();
  if (shared.empty()) GTEST_SKIP() << "shared data (routellm, mt_bench, arena_hard) not found";
  auto model = train_product_model((repo_root() / "data/archive/train.jsonl").string(), shared);
  ASSERT_TRUE(model.ok()) << model.status().message();
  std::ifstream in(repo_root() / "models/complexity.json", std::ios::binary);
  std::ostringstream shipped;
  shipped << in.rdbuf();
  EXPECT_EQ(model->to_json(), shipped.str())
      << "models/complexity.json does not match `splitpoint train` on the repo's data";
}

TEST(ShippedModel, ArchiveOnlyTrainingAlsoMeetsTheTargets) {
  auto model = train_product_model((repo_root() / "data/archive/train.jsonl").string(), "");
  ASSERT_TRUE(model.ok()) << model.status().message();
  auto holdout = load_archive((repo_root() / "data/archive/holdout.jsonl").string());
  ASSERT_TRUE(holdout.ok());
  std::vector<Example> ex;
  for (const auto& r : holdout.value()) ex.push_back({extract(r.request), r.label, 1.0, r.tag});
  const Confusion c = evaluate(model.value(), ex, 0.5);
  EXPECT_GE(c.reasoning_recall(), 0.95);
  EXPECT_GE(c.reflex_recall(), 0.85);
}

}  // namespace
}  // namespace splitpoint::complexity
