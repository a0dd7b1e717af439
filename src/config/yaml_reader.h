// Typed, located reads of yaml-cpp nodes for parse_config(). Internal to src/config.
// Every error is kInvalidArgument "<file>:<line>: <key path>: <what is wrong>" (line 1-based).
// Scalars are ${VAR}-expanded (see env.h) before they are interpreted.
#pragma once

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/env.h"
#include "splitpoint/model.h"
#include "splitpoint/status.h"

namespace splitpoint::config {

// A node, its key path ("providers[1].tier") and the position to report it at (the key's
// position when the node is null, because yaml-cpp gives null nodes no useful mark).
struct Value {
  YAML::Node node;
  std::string path;
  YAML::Mark mark;
};

// Returns "" when an item is acceptable, otherwise what is wrong with it.
using ItemCheck = std::string (*)(std::string_view item);

class Reader {
 public:
  Reader(std::string file, EnvLookup env) : file_(std::move(file)), env_(std::move(env)) {}

  const std::string& file() const { return file_; }
  Status error(const YAML::Mark& at, std::string_view path, std::string_view what) const;
  Status error(const Value& v, std::string_view what) const { return error(v.mark, v.path, what); }

  // Calls `fn` for each key of mapping `map`, in file order. Errors: `map` is not a mapping, a key
  // is not a string, a key appears twice, a key is not in `known` (with a did-you-mean).
  Status for_each_key(const Value& map, std::span<const std::string_view> known,
                      const std::function<Status(std::string_view key, const Value&)>& fn) const;
  // As for_each_key() for a mapping with free-form keys (any string key is accepted).
  Status for_each_entry(const Value& map,
                        const std::function<Status(std::string_view key, const Value&)>& fn) const;
  // Calls `fn` for each item of sequence `seq`; a null `seq` is an empty list.
  Status for_each_item(const Value& seq, const std::function<Status(const Value&)>& fn) const;

  // A string; null reads as "".
  Status read_string(const Value& v, std::string& out) const;
  // A string that must not be empty.
  Status read_required_string(const Value& v, std::string& out) const;
  // true/false (also yes/no, on/off), any case.
  Status read_bool(const Value& v, bool& out) const;
  // A decimal integer in [min, max].
  Status read_int(const Value& v, int64_t min, int64_t max, int64_t& out) const;
  // A finite decimal number in [min, max] ("2.5", "10", "1e-3").
  Status read_double(const Value& v, double min, double max, double& out) const;
  // A byte count: an integer, or with a unit B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB
  // (powers of 1024), e.g. "32MiB". Must be at least 1.
  Status read_size(const Value& v, std::size_t& out) const;
  // A positive number of milliseconds, at most 24 hours.
  Status read_millis(const Value& v, std::chrono::milliseconds& out) const;
  // A list of strings; null reads as an empty list. `check` (optional) vets each item.
  Status read_string_list(const Value& v, std::vector<std::string>& out,
                          ItemCheck check = nullptr) const;
  Status read_tier(const Value& v, Tier& out) const;
  Status read_protocol(const Value& v, Protocol& out) const;

 private:
  // The expanded text of scalar `v`; `what` names the expected type for the error.
  Status scalar(const Value& v, std::string_view what, std::string& out) const;
  // for_each_key() and for_each_entry(); `known` null accepts any key.
  Status iterate_map(const Value& map, const std::span<const std::string_view>* known,
                     const std::function<Status(std::string_view key, const Value&)>& fn) const;

  std::string file_;
  EnvLookup env_;
};

// Levenshtein distance, for did-you-mean suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The closest of `candidates` within distance 2 of `word`, or "".
std::string_view suggest(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace splitpoint::config
