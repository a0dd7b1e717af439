// complexity: scores the request with the complexity model (0..1, the probability that it needs
// the strong model). score > threshold prefers the cloud, else the local tier. Sets
// Verdict::score. Reason: "complexity: 0.72 > 0.50 -> cloud (long document (+0.8), code (+0.3))".
// A request whose tier is already forced (a pin or a task route, listed before this policy) is
// not scored: no preference can change it. The score stays -1 and no reason is added.
#pragma once

#include <memory>

#include "complexity/model.h"
#include "policy/policy.h"

namespace splitpoint::policy {

class ComplexityPolicy final : public Policy {
 public:
  // `model` must not be null.
  ComplexityPolicy(std::shared_ptr<const complexity::Model> model, double threshold)
      : model_(std::move(model)), threshold_(threshold) {}
  std::string_view name() const override { return "complexity"; }
  void evaluate(const RequestFacts& facts, const std::vector<Candidate>& candidates,
                Verdict& verdict) const override;

 private:
  std::shared_ptr<const complexity::Model> model_;
  double threshold_;
};

}  // namespace splitpoint::policy
