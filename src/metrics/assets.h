// The dashboard's files (ui/), embedded in the binary at build time by cmake/embed_assets.cmake,
// so /ui works offline with no file on disk. Immutable static data; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace splitpoint::metrics {

struct Asset {
  std::string_view name;          // file name under ui/, e.g. "app.js"
  std::string_view content_type;  // e.g. "text/javascript; charset=utf-8"
  std::string_view body;
  std::string_view etag;          // quoted strong validator (a hash of the body)
};

// The asset called `name`, or nullptr.
const Asset* find_asset(std::string_view name);
// Sum of the embedded files' sizes.
std::size_t assets_total_bytes();

// Filled in by the generated source (see cmake/embed_assets.cmake).
struct RawAsset {
  const char* name;
  const char* content_type;
  const unsigned char* data;
  std::size_t size;
  const char* etag;
};
extern const RawAsset kRawAssets[];
extern const std::size_t kRawAssetCount;

}  // namespace splitpoint::metrics
