#include "complexity/model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "complexity/dataset.h"

namespace splitpoint::complexity {
namespace {

std::filesystem::path repo_root() {
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Model small_model() {
  Model m;
  m.weights.assign(kFeatureCount, 0);
  m.mean.assign(kFeatureCount, 0);
  m.scale.assign(kFeatureCount, 1);
  m.bias = -1;
  m.weights[kLongInput] = 2;
  m.weights[kShortCue] = -0.5;
  m.mean[kShortCue] = 1;
  m.scale[kShortCue] = 2;
  return m;
}

TEST(Model, ScoreIsTheLogisticOfTheStandardizedSum) {
  const Model m = small_model();
  Features f{};
  f[kLongInput] = 1;
  f[kShortCue] = 3;  // standardized (3 - 1) / 2 = 1
  EXPECT_NEAR(m.logit(f), -1 + 2 - 0.5, 1e-12);
  EXPECT_NEAR(m.score(f), 1 / (1 + std::exp(-0.5)), 1e-12);
}

TEST(Model, ExplainListsStrongestSignedContributions) {
  const Model m = small_model();
  Features f{};
  f[kLongInput] = 1;
  f[kShortCue] = 3;
  const Explanation e = m.explain(f, 5);
  EXPECT_NEAR(e.score, m.score(f), 1e-12);
  ASSERT_EQ(e.top_factors.size(), 2u);  // zero contributions are left out
  EXPECT_EQ(e.top_factors[0], "long_input (+2.00)");
  EXPECT_EQ(e.top_factors[1], "short_output_cue (-0.50)");
  EXPECT_EQ(m.explain(f, 1).top_factors.size(), 1u);
}

TEST(Model, JsonRoundTripIsExact) {
  Model m = small_model();
  m.training = "{\"examples\":{\"archive\":3}}";
  const std::string text = m.to_json();
  auto parsed = Model::parse(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ((*parsed)->to_json(), text);
  EXPECT_EQ((*parsed)->training, m.training);
  EXPECT_EQ((*parsed)->weights[kLongInput], 2);
}

TEST(Model, ParseErrors) {
  const std::string good = small_model().to_json();
  auto bad = [](std::string_view text) {
    auto r = Model::parse(text);
    EXPECT_FALSE(r.ok()) << text.substr(0, 60);
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_NE(bad("{").find("complexity model"), std::string::npos);
  bad("[]");
  EXPECT_NE(bad("{\"format\": \"other\"}").find("format"), std::string::npos);
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  };
  EXPECT_NE(bad(replace("\"bias\": -1", "\"bias\": \"x\"")).find("bias"), std::string::npos);
  EXPECT_NE(bad(replace("\"name\": \"long_input\"", "\"name\": \"nope\"")).find("unknown"),
            std::string::npos);
  EXPECT_NE(
      bad(replace("\"name\": \"long_input\"", "\"name\": \"log_input_tokens\"")).find("duplicate"),
      std::string::npos);
  EXPECT_NE(bad(replace("\"scale\": 2", "\"scale\": 0")).find("scale"), std::string::npos);
  EXPECT_NE(bad(replace("\"weight\": 2", "\"weight\": null")).find("numbers"), std::string::npos);
  // A feature left out.
  std::string missing = good;
  const auto line = missing.find("    {\"name\": \"long_input\"");
  missing.erase(line, missing.find('\n', line) + 1 - line);
  EXPECT_NE(bad(missing).find("missing feature long_input"), std::string::npos);
  EXPECT_NE(bad(replace("\"features\": [", "\"features\": {\"a\": [")).find(""), std::string::npos);
}

TEST(Model, LoadReportsMissingAndInvalidFiles) {
  auto missing = Model::load("/nonexistent/complexity.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  const auto path = std::filesystem::temp_directory_path() / "complexity_model_test.json";
  std::ofstream(path) << "{\"format\": \"splitpoint-complexity-v1\"}";
  auto invalid = Model::load(path.string());
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.status().code(), StatusCode::kInvalidArgument);
  std::ofstream(path, std::ios::trunc) << small_model().to_json();
  EXPECT_TRUE(Model::load(path.string()).ok());
  std::filesystem::remove(path);
}

TEST(Model, BuiltinEqualsTheShippedFile) {
  const std::string shipped = read(repo_root() / "models" / "complexity.json");
  ASSERT_FALSE(shipped.empty()) << "models/complexity.json not found";
  EXPECT_EQ(builtin_model_json(), shipped)
      << "src/complexity/builtin_model.cc is stale: run `splitpoint train --builtin-out "
         "src/complexity/builtin_model.cc` (see docs/routing-model.md)";
  auto parsed = Model::parse(builtin_model_json());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(Model::builtin()->to_json(), shipped);
  EXPECT_NE(Model::builtin()->training.find("archive"), std::string::npos);
}

}  // namespace
}  // namespace splitpoint::complexity
