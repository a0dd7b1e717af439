// Parsing of the `ledger:` and `cost:` sections and of the cost keys of a provider, for
// parse_config(). Internal to src/config.
#pragma once

#include <string_view>

#include "config/config.h"
#include "config/yaml_reader.h"

namespace splitpoint::config {

// Reads `ledger:` into `out`. Errors: "<file>:<line>: ledger.<key>: <what>" (store_text: true is
// refused: prompt and answer text are never stored by this version).
Status parse_ledger(const Reader& r, const Value& v, LedgerConfig& out);
// Reads `cost:` (reference_provider, which must name a cloud provider of `providers`) into `out`.
Status parse_cost(const Reader& r, const Value& v, const std::vector<ProviderDescriptor>& providers,
                  CostConfig& out);

// The provider keys the cost model reads (prices, power_watts, ...).
bool is_provider_cost_key(std::string_view key);
// Reads one of those keys of a provider entry into `out`.
Status read_provider_cost_key(const Reader& r, std::string_view key, const Value& v,
                              ProviderCost& out);

}  // namespace splitpoint::config
