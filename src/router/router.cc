#include "router/router.h"

#include <algorithm>
#include <optional>

#include "policy/pin_policy.h"

namespace splitpoint::router {

Router::Router(std::shared_ptr<const config::Config> config) : config_(std::move(config)) {}

const std::vector<std::string>& Router::aliases() {
  static const std::vector<std::string> kAliases = {"auto", "local", "cloud", "reflex",
                                                    "reasoning"};
  return kAliases;
}

Result<Decision> Router::route_chat(const ChatRequest& request, std::string_view pin) const {
  return route(request.model, pin, Kind::kChat, request.has_image());
}

Result<Decision> Router::route_embed(const EmbedRequest& request, std::string_view pin) const {
  return route(request.model, pin, Kind::kEmbed, false);
}

Result<Decision> Router::route(const std::string& model, std::string_view pin, Kind kind,
                               bool has_image) const {
  const std::optional<Tier> pinned = policy::parse_pin(pin);
  if (!pin.empty() && !pinned) {
    return Status::invalid("X-Splitpoint-Tier: expected \"local\" or \"cloud\", got \"" +
                           std::string(pin) + "\"");
  }
  const auto& providers = config_->providers;
  for (std::size_t i = 0; i < providers.size(); ++i) {
    if (!providers[i].serves_model(model) || Router::is_alias(model)) continue;
    if (pinned && *pinned != providers[i].tier) break;  // the pin overrides the model's tier
    return Decision{i, providers[i].tier, model,
                    "model '" + model + "' is served by provider '" + providers[i].name + "'"};
  }
  if (pinned) return to_tier(*pinned, kind, "pinned by X-Splitpoint-Tier");
  if (model == "local" || model == "reflex") {
    return to_tier(Tier::kLocal, kind, "model alias '" + model + "' selects the local tier");
  }
  if (model == "cloud" || model == "reasoning") {
    return to_tier(Tier::kCloud, kind, "model alias '" + model + "' selects the cloud tier");
  }
  if (is_auto(model)) {
    if (kind == Kind::kEmbed) {
      const Tier t = config_->routing.embeddings_tier;
      return to_tier(t, kind, std::string("auto: embeddings go to the ") + tier_name(t) + " tier");
    }
    if (has_image) return to_tier(Tier::kCloud, kind, "auto: request has image parts");
    return to_tier(Tier::kLocal, kind, "auto: text-only request");
  }
  if (model.empty()) return Status::invalid("model: required");
  return Status::not_found("model '" + model + "' is not served by this gateway; known models: " +
                           known_models());
}

bool Router::is_alias(const std::string& model) {
  const auto& a = aliases();
  return std::find(a.begin(), a.end(), model) != a.end();
}

Result<Decision> Router::to_tier(Tier tier, Kind kind, std::string reason) const {
  const auto& providers = config_->providers;
  for (std::size_t i = 0; i < providers.size(); ++i) {
    const auto& p = providers[i];
    if (p.tier != tier) continue;
    const std::string& m = kind == Kind::kChat ? p.chat_model : p.embedding_model;
    if (m.empty()) continue;
    return Decision{i, tier, m, std::move(reason)};
  }
  return Status::unavailable(std::string("no ") + tier_name(tier) + " provider with " +
                             (kind == Kind::kChat ? "a chat" : "an embedding") +
                             " model is configured");
}

bool Router::is_auto(const std::string& model) const {
  const auto& names = config_->routing.auto_models;
  return model == "auto" || std::find(names.begin(), names.end(), model) != names.end();
}

std::string Router::known_models() const {
  std::string out;
  auto add = [&out](const std::string& m) {
    if (m.empty() || out.find("'" + m + "'") != std::string::npos) return;
    if (!out.empty()) out += ", ";
    out += "'" + m + "'";
  };
  for (const auto& a : aliases()) add(a);
  for (const auto& m : config_->routing.auto_models) add(m);
  for (const auto& p : config_->providers) {
    add(p.chat_model);
    add(p.embedding_model);
    for (const auto& m : p.models) add(m);
  }
  return out;
}

}  // namespace splitpoint::router
