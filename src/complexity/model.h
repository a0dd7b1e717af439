// The learned complexity model: a small logistic regression over complexity::Features, stored as
// a JSON file in the repo (models/complexity.json) and trained by `splitpoint train`.
// Immutable after load; shared as shared_ptr<const Model> and swapped atomically on reload.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "complexity/features.h"
#include "splitpoint/status.h"

namespace splitpoint::complexity {

struct Explanation {
  double score = 0;  // probability that the request needs the strong model, 0..1
  // The features that pushed the score most, strongest first: "long document (+0.8)".
  std::vector<std::string> top_factors;
};

class Model {
 public:
  static Result<std::shared_ptr<const Model>> load(const std::string& path);
  static Result<std::shared_ptr<const Model>> parse(std::string_view json_text);
  // The model built into the binary (the shipped models/complexity.json), for runs without files.
  static std::shared_ptr<const Model> builtin();

  double score(const Features& f) const;
  Explanation explain(const Features& f, std::size_t top = 3) const;
  std::string to_json() const;

  std::vector<double> weights;  // kFeatureCount
  double bias = 0;
  std::vector<double> mean, scale;  // standardization, kFeatureCount each
};

}  // namespace splitpoint::complexity
