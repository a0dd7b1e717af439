// The policy chain of automatic routing: runs the configured policies (router.policies, in order)
// over a request's facts and turns their Verdict into a decision: the tier, the ordered provider
// list (primary first, then fallbacks), the complexity score and the reasons.
//
// Built once per Config (and rebuilt on reload); immutable afterwards, so decide() is const and
// safe to call from any thread. The live state (latency, health, budget) is borrowed and must
// outlive the chain. decide() does no I/O, takes no lock except the budget's tiny one, and
// allocates only the reasons and the provider list.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "complexity/model.h"
#include "config/config.h"
#include "policy/facts.h"
#include "policy/live_state.h"
#include "policy/policy.h"
#include "privacy/detector.h"
#include "splitpoint/status.h"

namespace splitpoint::router {

class PolicyChain {
 public:
  struct Decision {
    Status refusal;  // non-OK: refuse the request with this (nothing else is meaningful)
    Tier tier = Tier::kLocal;
    // Indices into Config::providers: the primary first, then the other usable providers of the
    // same tier (file order), then, if that tier is allowed and the verdict is not fail_closed,
    // the usable providers of the other tier. Unhealthy and incapable providers are left out.
    std::vector<std::size_t> order;
    double score = -1;                 // complexity score, -1 if not computed
    std::vector<std::string> reasons;  // in evaluation order, then the chain's own
    bool redact = false;               // mask the findings before any cloud provider of `order`
    bool fail_closed = false;          // private data: `order` holds no cloud provider
    std::size_t findings = 0;          // privacy findings in the request

    bool ok() const { return refusal.is_ok(); }
    // The reasons joined with "; " (for the X-Splitpoint-Reason header and the ledger).
    std::string reason() const;
  };

  struct Deps {
    // null: loaded from router.complexity_model, or the built-in model.
    std::shared_ptr<const complexity::Model> model;
    // null: created when the privacy policy is listed and router.privacy is not off.
    std::shared_ptr<const privacy::Detector> detector;
    policy::LiveState live;
  };

  // Errors: kInvalidArgument for an unknown policy name (validate() catches these at load), or
  // the error of loading the complexity model or creating the detector.
  static Result<std::unique_ptr<PolicyChain>> create(std::shared_ptr<const config::Config> config,
                                                     Deps deps);

  // The facts of `request`: the privacy scan runs only when a privacy policy can use it, the
  // complexity features only when the complexity policy is listed and no valid pin or routed
  // task (their policy listed before it) forces the tier. `pinned`/`task` are borrowed.
  policy::RequestFacts make_facts(const ChatRequest& request, std::string_view pinned,
                                  std::string_view task) const;
  // Candidates from the Config and the live state (see policy::make_candidates()).
  std::vector<policy::Candidate> candidates(Clock::time_point now = Clock::now()) const;

  // Runs the chain. `candidates` must have been built from this chain's Config. See
  // docs/routing.md for the decision rule.
  Decision decide(const policy::RequestFacts& facts,
                  const std::vector<policy::Candidate>& candidates) const;
  Decision decide(const policy::RequestFacts& facts) const { return decide(facts, candidates()); }

  // True for "auto" and routing.auto_models.
  bool is_auto(std::string_view model) const;
  const std::vector<std::unique_ptr<policy::Policy>>& policies() const { return policies_; }
  const config::Config& config() const { return *config_; }

 private:
  PolicyChain() = default;

  std::shared_ptr<const config::Config> config_;
  std::shared_ptr<const complexity::Model> model_;
  std::shared_ptr<const privacy::Detector> detector_;
  policy::LiveState live_;
  std::vector<std::unique_ptr<policy::Policy>> policies_;
  bool needs_scan_ = false;
  bool needs_features_ = false;
  bool pin_before_complexity_ = false;   // a valid pin makes the complexity features moot
  bool task_before_complexity_ = false;  // so does a task with a route
};

// The complexity model router.complexity_model names, or the built-in one when it is "".
Result<std::shared_ptr<const complexity::Model>> load_complexity_model(
    const config::RouterConfig& router);

}  // namespace splitpoint::router
