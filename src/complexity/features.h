// Cheap, explainable features of a chat request that say how much it needs the strong (cloud)
// model. Pure functions; thread-safe. docs/routing-model.md describes every feature.
//
// Cost: one pass over bounded windows of the instruction text (the head and tail of each system
// and user message) with an Aho-Corasick automaton over a multilingual cue lexicon, plus a
// memchr line scan of the rest; no allocation per word, no regex. A 32 KB document costs a few
// microseconds.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "splitpoint/model.h"

namespace splitpoint::complexity {

// Feature indexes; feature_names() spells each one. Cue counts are capped at 3.
enum FeatureIndex : std::size_t {
  kLogInputTokens,   // log(1 + estimated input tokens)
  kLongInput,        // 0..1 ramp from ~1,200 to ~2,800 input tokens (about 2,000 words)
  kMaxTokensShort,   // max_tokens / num_predict given and <= 256
  kMaxTokensLong,    // max_tokens / num_predict given and >= 2,000
  kAsksShortLength,  // a numeric length request of at most ~150 words ("in five words")
  kAsksLongLength,   // a numeric length request of at least ~400 words ("2000 words")
  kShortCue,         // "briefly", "only the", "no explanation", "kurz", "en un mot" ...
  kLongCue,          // "in detail", "comprehensive", "ausführlich", "en détail" ...
  kLogMessages,      // log(1 + messages)
  kLogDocuments,     // log(1 + documents): "Document 2", <doc>, "---", subjects, long parts
  kTaskClassify,     // reflex task verbs ...
  kTaskExtract,
  kFieldTerms,
  kTaskTranslate,
  kTaskKeywords,
  kTaskYesNo,
  kTaskReformat,
  kTaskSummarize,  // reasoning task verbs ...
  kTaskCompare,
  kTaskSynthesize,
  kTaskAnalyze,
  kTaskRisk,
  kTaskRank,
  kTaskPlan,
  kTaskMath,
  kMathNotation,  // log(1 + operator expressions and LaTeX commands)
  kTaskCode,      // code-writing requests
  kCodeContent,   // code in the request: fences, indentation, braces, code tokens
  kWriteVerb,
  kLongformNoun,
  kJudgmentTerms,  // legal / financial / medical judgment vocabulary
  kAdviceRequest,
  kMultiStepCue,
  kStructuredOutput,  // response_format json_object / json_schema
  kLogTools,
  kAgentCue,
  kLogSystemChars,
  kImages,  // image parts (capped at 3)
  kImageTerms,
  kQuestionFactual,  // sentence-initial what/when/who/which/where/how many, is/does ...
  kQuestionExplain,  // why/how does/explain/describe
  kSummarizeXLong,   // interactions ...
  kSummarizeXShortAnswer,
  kExtractXRankOrRisk,
  kReflexOnlyXLong,
  kTranslateXLong,
  kWriteXLongform,
  kMultiDocXAnalysis,
  kFeatureIndexEnd
};

// A fixed-size feature vector; names() gives each index a stable name (used by the model file,
// the reasons and the ledger).
inline constexpr std::size_t kFeatureCount = kFeatureIndexEnd;
using Features = std::array<float, kFeatureCount>;

const std::vector<std::string>& feature_names();
Features extract(const ChatRequest& request);
// Estimated input tokens (about 4 bytes a token for Latin scripts), shared with the latency and
// capability policies. Counts all message text, tool calls, tool definitions and the response
// schema; each image counts as kImageTokens.
int64_t estimate_tokens(const ChatRequest& request);
inline constexpr int64_t kImageTokens = 800;

}  // namespace splitpoint::complexity
