#include "ledger/cost_model.h"

namespace splitpoint::ledger {
namespace {

double token_cost(const Price& p, int64_t input, int64_t output) {
  return (static_cast<double>(input) * p.input_per_m + static_cast<double>(output) * p.output_per_m) /
         1e6;
}

}  // namespace

std::optional<Price> list_price(std::string_view model) {
  // OpenAI list prices, USD per 1M tokens (standard tier), as of 2025.
  if (model == "gpt-4o") return Price{2.50, 10.00};
  if (model == "gpt-4o-mini") return Price{0.15, 0.60};
  if (model == "text-embedding-3-small") return Price{0.02, 0};
  if (model == "text-embedding-3-large") return Price{0.13, 0};
  return std::nullopt;
}

bool is_embedding_endpoint(std::string_view endpoint) {
  return endpoint == "/v1/embeddings" || endpoint == "/api/embed" || endpoint == "/api/embeddings";
}

CostModel::CostModel(const config::Config& config) {
  for (const ProviderDescriptor& d : config.providers) {
    Entry e;
    e.name = d.name;
    e.tier = d.tier;
    e.chat_model = d.chat_model;
    e.embedding_model = d.embedding_model;
    e.descriptor = Price{d.price_input_per_m, d.price_output_per_m};
    if (auto it = config.cost.providers.find(d.name); it != config.cost.providers.end()) {
      e.cost = it->second;
    }
    by_name_.emplace(e.name, providers_.size());
    if (reference_ < 0 && d.tier == Tier::kCloud &&
        (config.cost.reference_provider.empty() || config.cost.reference_provider == d.name)) {
      reference_ = static_cast<int>(providers_.size());
    }
    providers_.push_back(std::move(e));
  }
}

int CostModel::index_of(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? -1 : static_cast<int>(it->second);
}

Price CostModel::price(std::size_t provider, std::string_view model) const {
  const Entry& e = providers_.at(provider);
  if (auto it = e.cost.prices.find(std::string(model)); it != e.cost.prices.end()) {
    return Price{it->second.input_per_m, it->second.output_per_m};
  }
  const bool descriptor_set = e.descriptor.input_per_m > 0 || e.descriptor.output_per_m > 0;
  if (model == e.chat_model && descriptor_set) return e.descriptor;
  if (e.tier == Tier::kCloud) {
    if (std::optional<Price> listed = list_price(model)) return *listed;
  }
  return e.descriptor;
}

double CostModel::usd_per_hour(std::size_t provider) const {
  const config::ProviderCost& c = providers_.at(provider).cost;
  const double energy = c.power_watts / 1000.0 * c.electricity_usd_per_kwh;
  const double hardware =
      c.hardware_lifetime_hours > 0 ? c.hardware_usd / c.hardware_lifetime_hours : 0;
  return energy + hardware;
}

double CostModel::cost(std::size_t provider, std::string_view model, int64_t input,
                       int64_t output, double busy_ms) const {
  const double busy = busy_ms > 0 ? usd_per_hour(provider) * busy_ms / 3.6e6 : 0;
  return token_cost(price(provider, model), input, output) + busy;
}

double CostModel::counterfactual(bool embedding, int64_t input, int64_t output) const {
  if (reference_ < 0) return 0;
  const Entry& ref = providers_[static_cast<std::size_t>(reference_)];
  const std::string& model = embedding && !ref.embedding_model.empty() ? ref.embedding_model
                                                                       : ref.chat_model;
  return token_cost(price(static_cast<std::size_t>(reference_), model), input, output);
}

void CostModel::apply(api::RequestRecord& r) const {
  const int i = r.provider.empty() ? -1 : index_of(r.provider);
  if (i < 0) {
    r.cost_usd = 0;
    r.cloud_cost_usd = 0;
    return;
  }
  const auto p = static_cast<std::size_t>(i);
  r.cost_usd = cost(p, r.model, r.input_tokens, r.output_tokens, r.total_ms);
  r.cloud_cost_usd = providers_[p].tier == Tier::kCloud
                         ? r.cost_usd
                         : counterfactual(is_embedding_endpoint(r.endpoint), r.input_tokens,
                                          r.output_tokens);
}

}  // namespace splitpoint::ledger
