// Plans a request: which providers, in which order, with what masking. Explicit model names,
// tier aliases and pins keep the meaning the Router gives them; "auto" (and routing.auto_models)
// runs the policy chain. Every plan that may reach a cloud provider is checked by the privacy
// policy's mode: local-only data is routed locally, redact masks each value first.
//
// Built once per Config; immutable, so plan_*() are const and safe from any thread. No I/O.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "privacy/redactor.h"
#include "router/chain.h"
#include "router/router.h"

namespace splitpoint::router {

struct Plan {
  Status refusal;  // non-OK: refuse the request with this
  Tier tier = Tier::kLocal;
  std::vector<std::size_t> order;   // providers, primary first, then fallbacks
  std::vector<std::string> models;  // the upstream model for each entry of `order`
  std::vector<std::string> reasons;
  double score = -1;
  std::size_t findings = 0;  // privacy findings in the request
  // Values to mask before any cloud provider of `order` sees the request (0: none). The masking
  // itself is done by Planner::mask() when a cloud call is about to be made, so that deciding
  // stays cheap and local answers never pay for it.
  int redactions = 0;
  // Filled by mask(): the request as cloud providers get it, and the mapping that restores
  // their answers.
  std::shared_ptr<const ChatRequest> masked;
  std::shared_ptr<const privacy::Redaction> redaction;
  bool needs_masking() const { return redactions > 0 && masked == nullptr; }

  bool ok() const { return refusal.is_ok(); }
  std::string reason() const;  // reasons joined with "; "
};

class Planner {
 public:
  // Errors: those of building the chain (complexity model, detector, unknown policy).
  static Result<std::unique_ptr<Planner>> create(std::shared_ptr<const config::Config> config,
                                                 policy::LiveState live);

  // `facts_out` (optional): receives the facts the policy chain decided on (untouched when the
  // request names a model explicitly); its views borrow `request`, `pinned` and `task`.
  Plan plan_chat(const ChatRequest& request, std::string_view pinned, std::string_view task,
                 policy::RequestFacts* facts_out = nullptr) const;
  // Embeddings follow the Router; in local-only privacy mode inputs with findings stay local.
  Result<Decision> plan_embed(const EmbedRequest& request, std::string_view pinned) const;

  // Masks `request` into plan.masked / plan.redaction (see Plan::redactions). Idempotent.
  void mask(const ChatRequest& request, Plan& plan) const;

  const config::Config& config() const { return *config_; }
  const PolicyChain& chain() const { return *chain_; }
  const Router& router() const { return router_; }

 private:
  Planner(std::shared_ptr<const config::Config> config, std::unique_ptr<PolicyChain> chain,
          std::shared_ptr<const privacy::Detector> detector);
  Plan plan_explicit(const ChatRequest& request, std::string_view pinned) const;
  void plan_masking(Plan& plan) const;

  std::shared_ptr<const config::Config> config_;
  Router router_;
  std::unique_ptr<PolicyChain> chain_;
  std::shared_ptr<const privacy::Detector> detector_;  // null: privacy off
};

}  // namespace splitpoint::router
