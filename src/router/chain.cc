#include "router/chain.h"

#include <algorithm>

#include "policy/capability_policy.h"
#include "policy/complexity_policy.h"
#include "policy/cost_policy.h"
#include "policy/health_policy.h"
#include "policy/latency_policy.h"
#include "policy/pin_policy.h"
#include "policy/privacy_policy.h"
#include "policy/task_policy.h"

namespace splitpoint::router {
namespace {

using policy::Candidate;
using policy::Verdict;

constexpr std::string_view kPrivateRefusal =
    "the local tier is unavailable and the request holds private data (router.privacy: "
    "local-only): it is not sent to the cloud";

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += "; ";
    out += p;
  }
  return out;
}

// The tier is usable, and it is not the cloud of a fail-closed verdict.
bool may_use(const Verdict& v, const std::vector<Candidate>& candidates, Tier tier) {
  return !(v.fail_closed && tier == Tier::kCloud) && policy::tier_usable(v, candidates, tier);
}

void append_tier(const Verdict& v, const std::vector<Candidate>& candidates, Tier tier,
                 std::vector<std::size_t>& order) {
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i].tier == tier && !v.is_excluded(i)) order.push_back(candidates[i].index);
  }
}

// The policy called `name`, or null for an unknown name.
std::unique_ptr<policy::Policy> make_policy(std::string_view name, const config::RouterConfig& rc,
                                            const PolicyChain::Deps& deps) {
  if (name == "pin") return std::make_unique<policy::PinPolicy>();
  if (name == "task") return std::make_unique<policy::TaskPolicy>(rc.task_routes);
  if (name == "privacy") return std::make_unique<policy::PrivacyPolicy>(rc.privacy);
  if (name == "capability") return std::make_unique<policy::CapabilityPolicy>();
  if (name == "complexity") {
    return std::make_unique<policy::ComplexityPolicy>(deps.model, rc.complexity_threshold);
  }
  if (name == "latency") return std::make_unique<policy::LatencyPolicy>(rc.latency_slo_ms);
  if (name == "cost") {
    return std::make_unique<policy::CostPolicy>(rc.daily_cloud_budget_usd, rc.over_budget,
                                                deps.live.budget);
  }
  if (name == "health") return std::make_unique<policy::HealthPolicy>();
  return nullptr;
}

}  // namespace

std::string PolicyChain::Decision::reason() const {
  return join(reasons);
}

Result<std::shared_ptr<const complexity::Model>> load_complexity_model(
    const config::RouterConfig& router) {
  if (router.complexity_model.empty()) return complexity::Model::builtin();
  Result<std::shared_ptr<const complexity::Model>> model =
      complexity::Model::load(router.complexity_model);
  if (!model.ok()) {
    return Status::invalid("router.complexity_model: " + model.status().message());
  }
  return model;
}

Result<std::unique_ptr<PolicyChain>> PolicyChain::create(
    std::shared_ptr<const config::Config> config, Deps deps) {
  std::unique_ptr<PolicyChain> chain(new PolicyChain());
  const config::RouterConfig& rc = config->router;
  // A policy's place in the chain; an absent one is at the end.
  const auto at = [&rc](std::string_view name) {
    return std::find(rc.policies.begin(), rc.policies.end(), name) - rc.policies.begin();
  };
  const auto listed = [&](std::string_view name) {
    return at(name) < static_cast<std::ptrdiff_t>(rc.policies.size());
  };
  if (listed("complexity") && deps.model == nullptr) {
    Result<std::shared_ptr<const complexity::Model>> model = load_complexity_model(rc);
    if (!model.ok()) return model.status();
    deps.model = std::move(model).value();
  }
  chain->needs_scan_ = listed("privacy") && rc.privacy != config::RouterConfig::PrivacyMode::kOff;
  chain->needs_features_ = listed("complexity");
  chain->pin_before_complexity_ = at("pin") < at("complexity");
  chain->task_before_complexity_ = at("task") < at("complexity");
  if (chain->needs_scan_ && deps.detector == nullptr) {
    Result<std::shared_ptr<const privacy::Detector>> detector = privacy::Detector::create();
    if (!detector.ok()) return detector.status();
    deps.detector = std::move(detector).value();
  }
  for (const std::string& name : rc.policies) {
    std::unique_ptr<policy::Policy> p = make_policy(name, rc, deps);
    if (p == nullptr) return Status::invalid("router.policies: unknown policy \"" + name + "\"");
    chain->policies_.push_back(std::move(p));
  }
  chain->config_ = std::move(config);
  chain->model_ = std::move(deps.model);
  chain->detector_ = std::move(deps.detector);
  chain->live_ = deps.live;
  return chain;
}

policy::RequestFacts PolicyChain::make_facts(const ChatRequest& request, std::string_view pinned,
                                             std::string_view task) const {
  policy::FactsOptions options;
  options.detector = needs_scan_ ? detector_.get() : nullptr;
  // A valid pin or a routed task forces the tier before the complexity policy runs: the
  // features would go unused.
  const bool forced =
      (pin_before_complexity_ && policy::parse_pin(pinned)) ||
      (task_before_complexity_ && !task.empty() &&
       config_->router.task_routes.count(std::string(task)) != 0);
  options.features = needs_features_ && !forced;
  options.default_output_tokens = config_->router.default_output_tokens;
  options.auto_models = &config_->routing.auto_models;
  return policy::make_facts(request, pinned, task, options);
}

std::vector<policy::Candidate> PolicyChain::candidates(Clock::time_point now) const {
  return policy::make_candidates(*config_, live_, now);
}

bool PolicyChain::is_auto(std::string_view model) const {
  const auto& names = config_->routing.auto_models;
  return model == "auto" || std::find(names.begin(), names.end(), model) != names.end();
}

PolicyChain::Decision PolicyChain::decide(const policy::RequestFacts& facts,
                                          const std::vector<Candidate>& candidates) const {
  Verdict v;
  v.reasons.reserve(policies_.size() + 1);
  for (const auto& p : policies_) {
    p->evaluate(facts, candidates, v);
    if (!v.refusal.is_ok()) break;
  }
  Decision d;
  d.score = v.score;
  d.redact = v.redact;
  d.fail_closed = v.fail_closed;
  d.findings = facts.findings.size();
  if (!v.refusal.is_ok()) {
    d.refusal = std::move(v.refusal);
    d.reasons = std::move(v.reasons);
    return d;
  }
  const Tier want = v.target();
  const Tier other = policy::other_tier(want);
  const bool want_usable = may_use(v, candidates, want);
  const bool other_usable = may_use(v, candidates, other);
  if (!v.forced && !v.preferred) v.reasons.push_back("default: local tier");
  if (want_usable) {
    d.tier = want;
  } else if (other_usable) {
    d.tier = other;
    v.reasons.push_back(
        std::string(tier_name(want)) +
        (v.allowed[policy::tier_index(want)] ? " tier unavailable -> " : " tier not allowed -> ") +
        tier_name(other));
  } else {
    if (v.fail_closed) {
      d.refusal = Status::unavailable(std::string(kPrivateRefusal));
    } else if (candidates.empty()) {
      d.refusal = Status::unavailable("no provider with a chat model is configured");
    } else {
      d.refusal =
          Status::unavailable("no provider can serve this request (" + join(v.reasons) + ")");
    }
    d.reasons = std::move(v.reasons);
    return d;
  }
  d.order.reserve(candidates.size());
  append_tier(v, candidates, d.tier, d.order);
  if (may_use(v, candidates, policy::other_tier(d.tier))) {
    append_tier(v, candidates, policy::other_tier(d.tier), d.order);
  }
  d.reasons = std::move(v.reasons);
  return d;
}

}  // namespace splitpoint::router
