#include "metrics/assets.h"

#include <vector>

namespace splitpoint::metrics {
namespace {

const std::vector<Asset>& assets() {
  static const std::vector<Asset> all = [] {
    std::vector<Asset> v;
    for (std::size_t i = 0; i < kRawAssetCount; ++i) {
      const RawAsset& r = kRawAssets[i];
      v.push_back({r.name, r.content_type,
                   std::string_view(reinterpret_cast<const char*>(r.data), r.size), r.etag});
    }
    return v;
  }();
  return all;
}

}  // namespace

const Asset* find_asset(std::string_view name) {
  for (const Asset& a : assets()) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

std::size_t assets_total_bytes() {
  std::size_t n = 0;
  for (const Asset& a : assets()) n += a.body.size();
  return n;
}

}  // namespace splitpoint::metrics
