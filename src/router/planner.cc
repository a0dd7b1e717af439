#include "router/planner.h"

#include <algorithm>

namespace splitpoint::router {
namespace {

using PrivacyMode = config::RouterConfig::PrivacyMode;

bool scans(const config::RouterConfig& rc) {
  return rc.privacy != PrivacyMode::kOff &&
         std::find(rc.policies.begin(), rc.policies.end(), "privacy") != rc.policies.end();
}

// Findings over every text the request sends upstream.
std::size_t count_findings(const privacy::Detector& detector, const ChatRequest& request) {
  std::size_t n = 0;
  for (const Message& m : request.messages) {
    for (const ContentPart& p : m.parts) {
      if (p.kind == ContentPart::Kind::kText) n += detector.scan(p.text).size();
    }
    for (const ToolCall& c : m.tool_calls) n += detector.scan(c.arguments).size();
  }
  return n + detector.scan(request.suffix).size();
}

}  // namespace

std::string Plan::reason() const {
  std::string out;
  for (const std::string& r : reasons) {
    if (!out.empty()) out += "; ";
    out += r;
  }
  return out;
}

Planner::Planner(std::shared_ptr<const config::Config> config, std::unique_ptr<PolicyChain> chain,
                 std::shared_ptr<const privacy::Detector> detector)
    : config_(config), router_(config), chain_(std::move(chain)), detector_(std::move(detector)) {}

Result<std::unique_ptr<Planner>> Planner::create(std::shared_ptr<const config::Config> config,
                                                 policy::LiveState live) {
  PolicyChain::Deps deps;
  deps.live = live;
  if (scans(config->router)) {
    auto detector = privacy::Detector::create();
    if (!detector.ok()) return detector.status();
    deps.detector = std::move(detector).value();
  }
  std::shared_ptr<const privacy::Detector> detector = deps.detector;
  auto chain = PolicyChain::create(config, std::move(deps));
  if (!chain.ok()) return chain.status();
  return std::unique_ptr<Planner>(
      new Planner(std::move(config), std::move(chain).value(), std::move(detector)));
}

Plan Planner::plan_chat(const ChatRequest& request, std::string_view pinned,
                        std::string_view task, policy::RequestFacts* facts_out) const {
  if (!chain_->is_auto(request.model)) return plan_explicit(request, pinned);
  policy::RequestFacts facts = chain_->make_facts(request, pinned, task);
  PolicyChain::Decision d = chain_->decide(facts);
  if (facts_out != nullptr) *facts_out = std::move(facts);
  Plan plan;
  if (!d.ok()) {
    plan.refusal = d.refusal;
    return plan;
  }
  plan.tier = d.tier;
  plan.order = std::move(d.order);
  for (std::size_t i : plan.order) plan.models.push_back(config_->providers[i].chat_model);
  plan.reasons = std::move(d.reasons);
  plan.score = d.score;
  plan.findings = d.findings;
  if (d.redact && d.findings > 0) plan_masking(plan);
  if (plan.order.empty()) plan.refusal = Status::unavailable("no provider can serve this request");
  return plan;
}

Plan Planner::plan_explicit(const ChatRequest& request, std::string_view pinned) const {
  Plan plan;
  auto d = router_.route_chat(request, pinned);
  if (!d.ok()) {
    plan.refusal = d.status();
    return plan;
  }
  plan.tier = d->tier;
  plan.order = {d->provider_index};
  plan.models = {d->model};
  plan.reasons = {d->reason};
  if (detector_ == nullptr || d->tier != Tier::kCloud) return plan;
  plan.findings = count_findings(*detector_, request);
  if (plan.findings == 0) return plan;
  if (config_->router.privacy == PrivacyMode::kLocalOnly) {
    auto local = router_.route_chat(request, "local");
    if (!local.ok()) {
      plan.refusal = Status::unavailable(
          "privacy: the request carries personal or secret data and router.privacy is "
          "local-only, but no local provider can serve it");
      return plan;
    }
    plan.tier = Tier::kLocal;
    plan.order = {local->provider_index};
    plan.models = {local->model};
    plan.reasons = {"privacy: " + std::to_string(plan.findings) +
                    " sensitive values, local-only -> local tier (asked: " + d->reason + ")"};
    return plan;
  }
  plan.reasons.push_back("privacy: " + std::to_string(plan.findings) +
                         " sensitive values masked before the cloud");
  plan_masking(plan);
  return plan;
}

void Planner::plan_masking(Plan& plan) const {
  const bool reaches_cloud = std::any_of(plan.order.begin(), plan.order.end(), [&](std::size_t i) {
    return config_->providers[i].tier == Tier::kCloud;
  });
  if (detector_ != nullptr && reaches_cloud) plan.redactions = static_cast<int>(plan.findings);
}

void Planner::mask(const ChatRequest& request, Plan& plan) const {
  if (!plan.needs_masking() || detector_ == nullptr) return;
  auto masked = std::make_shared<ChatRequest>(request);
  auto redaction = std::make_shared<privacy::Redaction>();
  plan.redactions = redaction->apply(*detector_, *masked);
  plan.masked = std::move(masked);
  plan.redaction = std::move(redaction);
}

Result<Decision> Planner::plan_embed(const EmbedRequest& request, std::string_view pinned) const {
  auto d = router_.route_embed(request, pinned);
  if (!d.ok() || d->tier != Tier::kCloud || detector_ == nullptr) return d;
  const bool sensitive = std::any_of(request.inputs.begin(), request.inputs.end(),
                                     [&](const std::string& s) { return detector_->contains(s); });
  if (!sensitive) return d;
  // Embeddings cannot be restored, so masking would change what is embedded: such inputs stay
  // local in both privacy modes.
  auto local = router_.route_embed(request, "local");
  if (!local.ok()) {
    return Status::unavailable(
        "privacy: the input carries personal or secret data and no local embedding provider is "
        "configured");
  }
  local->reason = "privacy: sensitive input embedded locally (asked: " + d->reason + ")";
  return local;
}

}  // namespace splitpoint::router
