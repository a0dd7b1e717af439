// What a request cost, and what it would have cost on the cloud (docs/ledger.md, "Cost model").
//
//   cloud provider:  input_tokens * in_price/1e6 + output_tokens * out_price/1e6
//   local provider:  the same with its prices (usually 0), plus busy time total_ms charged at
//                    power_watts/1000 * electricity_usd_per_kwh + hardware_usd /
//                    hardware_lifetime_hours per hour
//   counterfactual:  a cloud-served request: its cost; a local one: its tokens at the reference
//                    cloud provider's price (cost.reference_provider, else the first cloud
//                    provider) for its chat model (its embedding model for embedding endpoints)
//   savings = counterfactual - cost
//
// Prices of a (provider, model): the provider's `prices:` entry for the model; else, for its
// chat model, the provider's price_input_per_m/price_output_per_m when set; else the shipped
// OpenAI list price of the model name (cloud providers only); else the provider's price pair.
// Immutable after construction; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "api/request_record.h"
#include "config/config.h"

namespace splitpoint::ledger {

struct Price {
  double input_per_m = 0;
  double output_per_m = 0;
};

// Shipped list prices (USD per 1M tokens) of the OpenAI models the default config names;
// nullopt for other names.
std::optional<Price> list_price(std::string_view model);

class CostModel {
 public:
  explicit CostModel(const config::Config& config);

  Price price(std::size_t provider, std::string_view model) const;
  // Fills record.cost_usd and record.cloud_cost_usd from its provider, model, tokens and
  // total_ms. A record without a (known) provider costs nothing.
  void apply(api::RequestRecord& record) const;
  // The cost of `input`/`output` tokens and `busy_ms` on provider `provider` with `model`.
  double cost(std::size_t provider, std::string_view model, int64_t input, int64_t output,
              double busy_ms) const;
  // The reference cloud price for an embedding (or chat) request's tokens; 0 without a cloud.
  double counterfactual(bool embedding, int64_t input, int64_t output) const;
  // Index of the provider called `name`, or -1.
  int index_of(std::string_view name) const;
  // USD per busy hour of a provider (energy + amortized hardware).
  double usd_per_hour(std::size_t provider) const;

 private:
  struct Entry {
    std::string name;
    Tier tier = Tier::kLocal;
    std::string chat_model, embedding_model;
    Price descriptor;
    config::ProviderCost cost;
  };
  std::vector<Entry> providers_;
  std::unordered_map<std::string, std::size_t> by_name_;
  int reference_ = -1;
};

// True for the embedding endpoints of both doors.
bool is_embedding_endpoint(std::string_view endpoint);

}  // namespace splitpoint::ledger
