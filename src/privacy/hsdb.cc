// Compiling and fingerprinting the pattern table; shared by the detector (its run-time fallback)
// and the build-time compiler tools/hs_compile, so both compile exactly the same input.
#include "privacy/hsdb.h"

#include <cstring>
#include <vector>

namespace splitpoint::privacy::detail {
namespace {

void mix(std::uint64_t& h, const void* data, std::size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= 0x100000001b3ull;
  }
}

void mix_u32(std::uint64_t& h, std::uint32_t v) {
  const unsigned char le[4] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8),
                               static_cast<unsigned char>(v >> 16),
                               static_cast<unsigned char>(v >> 24)};
  mix(h, le, sizeof le);
}

}  // namespace

std::uint64_t fingerprint(std::span<const Pattern> patterns) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  mix_u32(h, static_cast<std::uint32_t>(patterns.size()));
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    mix(h, patterns[i].expression, std::strlen(patterns[i].expression) + 1);  // with the NUL
    mix_u32(h, patterns[i].flags);
    mix_u32(h, static_cast<std::uint32_t>(i));
  }
  mix_u32(h, HS_MODE_BLOCK);
  return h;
}

hs_database_t* compile_patterns(std::span<const Pattern> patterns, std::string* error) {
  std::vector<const char*> exprs;
  std::vector<unsigned> flags, ids;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    exprs.push_back(patterns[i].expression);
    flags.push_back(patterns[i].flags);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                       HS_MODE_BLOCK, nullptr, &db, &err) == HS_SUCCESS) {
    return db;
  }
  if (error != nullptr) {
    *error = "privacy: pattern ";
    if (err != nullptr) *error += std::to_string(err->expression) + ": " + err->message;
  }
  if (err != nullptr) hs_free_compile_error(err);
  return nullptr;
}

}  // namespace splitpoint::privacy::detail
