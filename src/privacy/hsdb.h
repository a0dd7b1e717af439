// The detector's Hyperscan database (internal): compiled from patterns() at build time by
// tools/hs_compile (splitpoint-hs-compile), embedded in the library, deserialized at start-up.
// Serving then touches only Hyperscan's small runtime, not its pattern compiler (issue #6).
#pragma once

#include <hs/hs.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "privacy/detector.h"
#include "privacy/patterns.h"

namespace splitpoint::privacy::detail {

// A serialized database (hs_serialize_database output) and the fingerprint() of the patterns it
// was compiled from.
struct SerializedDb {
  std::span<const unsigned char> bytes;
  std::uint64_t fingerprint = 0;
};

// The database compiled at build time (generated source; see tools/hs_compile).
SerializedDb embedded_db();

// FNV-1a over what the database is compiled from: the count, then each pattern's expression,
// flags and id (its index), in order. Equal fingerprints: the same hs_compile_multi input.
std::uint64_t fingerprint(std::span<const Pattern> patterns);

// Compiles patterns as the detector uses them: ids are indices, HS_MODE_BLOCK, host platform.
// Returns null and sets *error (if not null) when Hyperscan rejects a pattern.
hs_database_t* compile_patterns(std::span<const Pattern> patterns, std::string* error);

// How many databases this process has compiled from the patterns at run time (create_detector's
// fallback); stays 0 while the embedded database loads.
std::uint64_t run_time_compiles();

enum class DbSource { kDeserialized, kCompiled };

// A detector over patterns(): deserializes db if its fingerprint matches patterns() and
// Hyperscan accepts it (same library version and a compatible CPU), else compiles at run time.
// *source (if not null) says which. Detector::create() is create_detector(embedded_db()).
Result<std::shared_ptr<const Detector>> create_detector(const SerializedDb& db, DbSource* source);

}  // namespace splitpoint::privacy::detail
