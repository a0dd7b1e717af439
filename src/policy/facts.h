// make_facts(): what the policies need to know about a request, computed once per request before
// the chain runs (token estimates, capabilities asked for, complexity features, privacy findings).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "policy/policy.h"

namespace splitpoint::policy {

struct FactsOptions {
  const privacy::Detector* detector = nullptr;  // null: no privacy scan (findings stay empty)
  bool features = true;                         // compute complexity::extract()
  int64_t default_output_tokens = 256;          // output estimate when max_tokens is absent
  const std::vector<std::string>* auto_models = nullptr;  // names treated as "auto" besides it
};

// Fills RequestFacts for `request` (borrowed by the result: it must outlive it). `pinned` and
// `task` are the X-Splitpoint-Tier / X-Splitpoint-Task header values ("" when absent), borrowed
// too. Findings cover every text the request sends upstream: message text parts (system, user,
// assistant, tool results), tool call arguments and the generate suffix; each part is scanned on
// its own, so a finding's offsets are relative to the part it was found in (the policies use only
// kinds and the count).
RequestFacts make_facts(const ChatRequest& request, std::string_view pinned, std::string_view task,
                        const FactsOptions& options);

}  // namespace splitpoint::policy
