// The shipped model's training recipe: which data, which weights, which options. `splitpoint
// train` and the reproducibility test both go through train_product_model(), so the shipped
// models/complexity.json is exactly what this recipe gives on the repo's data.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "complexity/model.h"
#include "complexity/trainer.h"
#include "splitpoint/status.h"

namespace splitpoint::complexity {

// Per-example weight by source. The archive set defines the product's rule and dominates; the
// public benchmarks add breadth (their labels follow a different rule: which model got the
// answer right).
struct SourceWeights {
  double archive = 1.0;
  double mt_bench = 0.1;
  double arena_hard = 0.01;
  double gsm8k = 0.02;
  double mmlu = 0.004;
};

struct TrainingSet {
  std::vector<Example> examples;
  std::vector<std::pair<std::string, int>> counts;  // examples per source, in load order
};

// The training examples: the archive set at `archive_train`, and when `shared_data` is not
// empty, RouteLLM (the non-held-out half of GSM8K and MMLU: reasoning when the weak model failed
// and the strong one succeeded, reflex when the weak model succeeded, both-failed skipped),
// MT-Bench and Arena-Hard from that directory.
Result<TrainingSet> build_training_set(const std::string& archive_train,
                                       const std::string& shared_data,
                                       const SourceWeights& weights = {});

// The product model: build_training_set() + train() with the recipe's options, training
// metadata filled in.
// `set_out`, if given, receives the training set.
Result<Model> train_product_model(const std::string& archive_train, const std::string& shared_data,
                                  TrainingSet* set_out = nullptr);

TrainOptions product_train_options();

// "" stays "" only if nothing is found: otherwise `given`, else $SPLITPOINT_SHARED_DATA, else
// ../shared/data (relative to the working directory, the layout of CI's checkout).
std::string resolve_shared_data(const std::string& given);

// The C++ source of src/complexity/builtin_model.cc embedding `model_json`.
std::string builtin_model_source(std::string_view model_json);

}  // namespace splitpoint::complexity
