// The learned complexity model: a small logistic regression over complexity::Features, stored as
// a JSON file in the repo (models/complexity.json) and trained by `splitpoint train`.
// Immutable after load; shared as shared_ptr<const Model> and swapped atomically on reload.
//
// File format (docs/routing-model.md):
//   {"format": "splitpoint-complexity-v1", "bias": B,
//    "features": [{"name": "log_input_tokens", "mean": M, "scale": S, "weight": W}, ...],
//    "training": {...}}
// score = sigmoid(B + sum W * (x - M) / S); every feature of feature_names() must be listed
// exactly once (any order), scale > 0; "training" is optional metadata, kept verbatim.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "complexity/features.h"
#include "splitpoint/status.h"

namespace splitpoint::complexity {

inline constexpr std::string_view kModelFormat = "splitpoint-complexity-v1";

struct Explanation {
  double score = 0;  // probability that the request needs the strong model, 0..1
  // The features that pushed the score most, strongest first: "long_input (+0.80)".
  std::vector<std::string> top_factors;
};

class Model {
 public:
  // Errors: kNotFound if the file cannot be read, kInvalidArgument if it is not a valid model.
  static Result<std::shared_ptr<const Model>> load(const std::string& path);
  static Result<std::shared_ptr<const Model>> parse(std::string_view json_text);
  // The model built into the binary (the shipped models/complexity.json), for runs without files.
  static std::shared_ptr<const Model> builtin();

  double score(const Features& f) const;
  double logit(const Features& f) const;
  // Signed contribution of each feature to the logit: weight * standardized value.
  std::vector<double> contributions(const Features& f) const;
  Explanation explain(const Features& f, std::size_t top = 3) const;
  // Deterministic text (one feature a line, numbers with 6 significant digits):
  // parse(to_json()) reproduces the same text.
  std::string to_json() const;

  std::vector<double> weights;  // kFeatureCount
  double bias = 0;
  std::vector<double> mean, scale;  // standardization, kFeatureCount each
  std::string training;             // compact JSON object describing the training run; "" if none
};

// The JSON text compiled into the binary (src/complexity/builtin_model.cc).
std::string_view builtin_model_json();

}  // namespace splitpoint::complexity
