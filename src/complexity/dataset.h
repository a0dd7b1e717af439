// Loaders for the complexity model's training and evaluation data: the product's archive set
// (data/archive/*.jsonl), RouteLLM's GSM8K and MMLU judgments, MT-Bench and Arena-Hard prompts
// (the shared data directory, see /work/shared/data/*/SOURCE.txt).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "splitpoint/model.h"
#include "splitpoint/status.h"

namespace splitpoint::complexity {

struct LabelledRequest {
  ChatRequest request;
  int label = 0;    // 1 = reasoning, 0 = reflex, -1 = unlabelled
  std::string tag;  // "lang/kind" of archive lines (their optional "lang" and "kind" fields)
};

// Decodes the parts of an OpenAI chat request body the features read: messages (string or
// content-part arrays with text and image_url parts, tool_calls), max_tokens /
// max_completion_tokens, tools, response_format. Errors: kInvalidArgument.
Result<ChatRequest> parse_openai_request(std::string_view json_text);

// A request with one user message.
ChatRequest user_request(std::string prompt);

// Lines {"request": {OpenAI chat request}, "label": "reflex" | "reasoning"}; blank lines are
// skipped. Errors name the line.
Result<std::vector<LabelledRequest>> load_archive(const std::string& path);
// Like load_archive(), but the label is optional (-1 when absent) and a line may also be a bare
// OpenAI chat request ({"messages": ...}).
Result<std::vector<LabelledRequest>> load_requests(const std::string& path, bool require_label);

// A RouteLLM benchmark prompt with the weak (Mixtral-8x7B) and strong (GPT-4-1106) models'
// correctness. `heldout` splits the prompts deterministically in halves (top bit of FNV-1a).
struct RouteLlmItem {
  std::string source;  // "gsm8k" | "mmlu"
  std::string prompt;
  bool weak_correct = false;
  bool strong_correct = false;
  bool heldout = false;
};

// <dir>/gsm8k/gsm8k_responses.csv and <dir>/mmlu/responses/*.csv (file name order), without
// the prompts listed in the contaminated_prompts.jsonl files.
Result<std::vector<RouteLlmItem>> load_routellm(const std::string& routellm_dir);

// MT-Bench turn-1 questions by category: math, reasoning, coding, writing -> reasoning;
// extraction -> reflex; humanities, stem, roleplay skipped (mixed).
Result<std::vector<LabelledRequest>> load_mt_bench(const std::string& question_jsonl);

// Arena-Hard prompts (v0.1 all; v2.0 hard_prompt coding/math), all reasoning; deduplicated.
Result<std::vector<LabelledRequest>> load_arena_hard(const std::string& arena_dir);

// Deterministic 64-bit FNV-1a.
uint64_t fnv1a(std::string_view s);

// RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes) into rows of fields.
std::vector<std::vector<std::string>> parse_csv(std::string_view text);

}  // namespace splitpoint::complexity
