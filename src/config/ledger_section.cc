// parse_ledger(), parse_cost() and the cost keys of a provider.
#include "config/ledger_section.h"

#include <array>
#include <limits>

namespace splitpoint::config {
namespace {

constexpr std::array<std::string_view, 4> kLedgerKeys = {"enabled", "path", "store_text",
                                                         "queue_records"};
constexpr std::array<std::string_view, 1> kCostKeys = {"reference_provider"};
constexpr std::array<std::string_view, 5> kProviderCostKeys = {
    "prices", "power_watts", "electricity_usd_per_kwh", "hardware_usd", "hardware_lifetime_hours"};
constexpr std::array<std::string_view, 2> kPriceKeys = {"input_per_m", "output_per_m"};
constexpr double kMaxPricePerM = 1e6;
constexpr double kMaxWatts = 1e6;
constexpr double kMaxUsd = 1e9;
constexpr double kMaxHours = 1e7;

Status read_prices(const Reader& r, const Value& v,
                   std::map<std::string, ProviderCost::Price>& out) {
  return r.for_each_entry(v, [&](std::string_view model, const Value& entry) {
    ProviderCost::Price price;
    Status st = r.for_each_key(entry, kPriceKeys, [&](std::string_view key, const Value& field) {
      double& target = key == "input_per_m" ? price.input_per_m : price.output_per_m;
      return r.read_double(field, 0, kMaxPricePerM, target);
    });
    if (!st.is_ok()) return st;
    out[std::string(model)] = price;
    return Status::OK();
  });
}

}  // namespace

Status parse_ledger(const Reader& r, const Value& v, LedgerConfig& out) {
  return r.for_each_key(v, kLedgerKeys, [&](std::string_view key, const Value& field) {
    if (key == "enabled") return r.read_bool(field, out.enabled);
    if (key == "path") return r.read_required_string(field, out.path);
    if (key == "queue_records") return r.read_int(field, 1, 10'000'000, out.queue_records);
    if (Status st = r.read_bool(field, out.store_text); !st.is_ok()) return st;  // store_text
    if (out.store_text) {
      return r.error(field,
                     "storing prompt and answer text is not supported by this version; the ledger "
                     "keeps metadata and router features only (set false or remove the key)");
    }
    return Status::OK();
  });
}

Status parse_cost(const Reader& r, const Value& v, const std::vector<ProviderDescriptor>& providers,
                  CostConfig& out) {
  return r.for_each_key(v, kCostKeys, [&](std::string_view, const Value& field) {
    if (Status st = r.read_required_string(field, out.reference_provider); !st.is_ok()) return st;
    for (const ProviderDescriptor& p : providers) {
      if (p.name != out.reference_provider) continue;
      if (p.tier == Tier::kCloud) return Status::OK();
      return r.error(field, "provider \"" + p.name + "\" is not a cloud provider");
    }
    return r.error(field, "no provider is called \"" + out.reference_provider + "\"");
  });
}

bool is_provider_cost_key(std::string_view key) {
  for (std::string_view k : kProviderCostKeys) {
    if (k == key) return true;
  }
  return false;
}

Status read_provider_cost_key(const Reader& r, std::string_view key, const Value& v,
                              ProviderCost& out) {
  if (key == "prices") return read_prices(r, v, out.prices);
  if (key == "power_watts") return r.read_double(v, 0, kMaxWatts, out.power_watts);
  if (key == "electricity_usd_per_kwh") {
    return r.read_double(v, 0, kMaxUsd, out.electricity_usd_per_kwh);
  }
  if (key == "hardware_usd") return r.read_double(v, 0, kMaxUsd, out.hardware_usd);
  return r.read_double(v, 0, kMaxHours, out.hardware_lifetime_hours);  // hardware_lifetime_hours
}

}  // namespace splitpoint::config
