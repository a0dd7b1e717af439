// Training, calibration and evaluation of the complexity model. Deterministic: no random
// numbers, fixed summation order, so the same examples give the same model byte for byte.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "complexity/features.h"
#include "complexity/model.h"

namespace splitpoint::complexity {

struct Example {
  Features features{};
  int label = 0;        // 1 = reasoning (needs the cloud model), 0 = reflex (local)
  double weight = 1.0;  // relative weight of the example in the loss
  std::string source;   // "archive", "gsm8k", "mmlu", "mt_bench", "arena_hard" ...
};

struct TrainOptions {
  // L2 penalty on the standardized weights (the bias is not penalized), relative to the mean
  // weighted log-loss.
  double l2 = 0.01;
  int max_iterations = 100;  // Newton steps
  double tolerance = 1e-9;   // stop when no parameter moves more than this
  // Scale the weights so that both classes carry the same total weight.
  bool balance_classes = true;
};

// L2-regularized logistic regression fitted by Newton's method (IRLS) with step halving, on
// features standardized by their weighted mean and standard deviation (scale 1 for a constant
// feature). Returns a model without training metadata. An empty set gives the neutral model.
Model train(const std::vector<Example>& examples, const TrainOptions& options = {});

// RouteLLM-style calibration: the threshold at which `target_local_share` of `scores` stay local
// (score <= threshold) and the rest go to the cloud (score > threshold). Midway between the two
// neighbouring scores; 0 for share <= 0 (all cloud), 1 for share >= 1 (all local). Ties can
// make the achieved share differ from the target.
double calibrate(std::vector<double> scores, double target_local_share);

struct Confusion {
  int64_t reflex_local = 0, reflex_cloud = 0;        // actual reflex, routed ...
  int64_t reasoning_local = 0, reasoning_cloud = 0;  // actual reasoning, routed ...
  int64_t total() const { return reflex_local + reflex_cloud + reasoning_local + reasoning_cloud; }
  double accuracy() const;
  double reflex_recall() const;     // reflex routed local / reflex
  double reasoning_recall() const;  // reasoning routed to the cloud / reasoning
};

// Routes every example with `model` at `threshold` (score > threshold -> cloud).
Confusion evaluate(const Model& model, const std::vector<Example>& examples, double threshold);

// One request of a RouteLLM benchmark, with the router's score.
struct RoutedItem {
  double score = 0;
  bool weak_correct = false;
  bool strong_correct = false;
};

struct TradeoffRow {
  double strong_share = 0;     // share of requests sent to the strong model
  double router_accuracy = 0;  // routing the highest-scored share to the strong model
  double random_accuracy = 0;  // routing the same share at random (expected value)
};

// For each share: send the round(share * n) highest-scored items to the strong model (ties in
// input order), accuracy = strong-correct if routed strong else weak-correct.
std::vector<TradeoffRow> tradeoff(const std::vector<RoutedItem>& items,
                                  const std::vector<double>& strong_shares);

}  // namespace splitpoint::complexity
