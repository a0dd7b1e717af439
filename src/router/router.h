// Chooses the provider for a request from its model name and the tier pin (this is the explicit
// routing of the gateway core; the policy chain of automatic routing replaces choose_auto()).
// Pure and synchronous: no I/O. Immutable after construction; safe to share between threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "splitpoint/model.h"
#include "splitpoint/status.h"

namespace splitpoint::router {

struct Decision {
  std::size_t provider_index = 0;  // into Config::providers
  Tier tier = Tier::kLocal;
  std::string model;   // the model name to send upstream
  std::string reason;  // human-readable, ASCII
};

class Router {
 public:
  explicit Router(std::shared_ptr<const config::Config> config);

  // `pinned_tier` is the X-Splitpoint-Tier header ("" when absent).
  // Errors: kInvalidArgument (bad pin), kNotFound (unknown model), kUnavailable (no provider).
  Result<Decision> route_chat(const ChatRequest& request, std::string_view pinned_tier) const;
  Result<Decision> route_embed(const EmbedRequest& request, std::string_view pinned_tier) const;

  // The names clients may send besides configured model names.
  static const std::vector<std::string>& aliases();
  static bool is_alias(const std::string& model);
  const config::Config& config() const { return *config_; }

 private:
  enum class Kind { kChat, kEmbed };
  Result<Decision> route(const std::string& model, std::string_view pin, Kind kind,
                         bool has_image) const;
  Result<Decision> to_tier(Tier tier, Kind kind, std::string reason) const;
  bool is_auto(const std::string& model) const;
  std::string known_models() const;

  std::shared_ptr<const config::Config> config_;
};

}  // namespace splitpoint::router
