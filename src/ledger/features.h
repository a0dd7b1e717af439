// The router's inputs of one request as stored in the ledger (RequestRecord::features), so that
// `splitpoint replay` can run another configuration's policy chain without the prompt text.
//
// Format (compact JSON, docs/ledger.md): {"v":1,"auto":1,"in":812,"out":256,"img":0,"tools":0,
// "pf":[0,1],"f":[...]} — token estimates, capabilities asked for, privacy finding kinds (one
// entry per finding, privacy::Kind as an integer), complexity features in FeatureIndex order
// ("f" absent when the chain did not compute them). Pure functions; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/request_record.h"
#include "policy/policy.h"
#include "splitpoint/status.h"

namespace splitpoint::ledger {

inline constexpr int kFeaturesVersion = 1;

struct StoredFacts {
  bool automatic = false;
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  bool has_image = false;
  bool has_tools = false;
  bool has_features = false;  // "f" was present (and had kFeatureCount entries)
  complexity::Features features{};
  std::vector<privacy::Kind> findings;
};

// Encodes the facts a policy reads (not the request, pin or task: the record holds those).
// About 3 µs (mostly the shortest form of 48 floats); allocation: the returned string only.
std::string encode_features(const policy::RequestFacts& facts);
std::string encode_features(const StoredFacts& facts);

// The same facts copied (one allocation, no formatting) for encoding later, on another thread:
// what the request path hands to the ledger. encode() equals encode_features(facts).
std::shared_ptr<const api::FeaturesSource> capture_features(const policy::RequestFacts& facts);

// Errors: kInvalidArgument for text that is not this format (or a newer version).
Result<StoredFacts> decode_features(std::string_view json);

// RequestFacts for the chain from stored facts. `request`, `pinned` and `task` are borrowed by
// the result (the request only needs the model name: no policy reads the text).
policy::RequestFacts to_request_facts(const StoredFacts& stored, const ChatRequest& request,
                                      std::string_view pinned, std::string_view task);

}  // namespace splitpoint::ledger
