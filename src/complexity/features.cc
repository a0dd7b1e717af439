#include "complexity/features.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "complexity/automaton.h"
#include "complexity/scanner.h"

namespace splitpoint::complexity {
namespace {

using lexicon::Cue;

// Windows of each instruction message scanned for cues; the middle of a long message (the
// document) is only line-scanned.
constexpr std::size_t kHeadBytes = 1024;
constexpr std::size_t kTailBytes = 512;
constexpr std::size_t kWindowBudget = 16 * 1024;  // per request
constexpr std::size_t kLongPartBytes = 2000;      // a part this long counts as a document

bool is_system(const Message& m) {
  return m.role == "system" || m.role == "developer";
}

float capped(uint32_t n) {
  return static_cast<float>(std::min<uint32_t>(n, 3));
}
float flag(bool b) {
  return b ? 1.0f : 0.0f;
}

// Scans the text parts of one message; returns the bytes of window scanned.
void scan_message(const Message& m, Scanner& sc, std::size_t& budget, uint32_t& long_parts) {
  for (const auto& part : m.parts) {
    if (part.kind != ContentPart::Kind::kText) continue;
    if (part.text.size() >= kLongPartBytes) ++long_parts;
    sc.scan_text(part.text, kHeadBytes, kTailBytes, budget);
  }
}

}  // namespace

const std::vector<std::string>& feature_names() {
  static const std::vector<std::string> kNames = {
      "log_input_tokens",
      "long_input",
      "max_tokens_short",
      "max_tokens_long",
      "asks_short_length",
      "asks_long_length",
      "short_output_cue",
      "long_output_cue",
      "log_messages",
      "log_documents",
      "task_classify",
      "task_extract",
      "field_terms",
      "task_translate",
      "task_keywords_title",
      "task_yes_no",
      "task_reformat",
      "task_summarize",
      "task_compare",
      "task_synthesize",
      "task_analyze",
      "task_risk",
      "task_rank",
      "task_plan_design",
      "task_math",
      "math_notation",
      "task_code",
      "code_content",
      "write_verb",
      "longform_noun",
      "judgment_terms",
      "advice_request",
      "multi_step_cue",
      "structured_output",
      "log_tools",
      "agent_cue",
      "log_system_chars",
      "images",
      "image_terms",
      "question_factual",
      "question_explain",
      "summarize_x_long",
      "summarize_x_short_answer",
      "extract_x_rank_or_risk",
      "reflex_only_x_long",
      "translate_x_long",
      "write_x_longform",
      "multi_doc_x_analysis",
  };
  return kNames;
}

int64_t estimate_tokens(const ChatRequest& request) {
  std::size_t bytes = 0;
  int64_t images = 0;
  for (const auto& m : request.messages) {
    for (const auto& p : m.parts) {
      if (p.kind == ContentPart::Kind::kImage)
        ++images;
      else
        bytes += p.text.size();
    }
    for (const auto& tc : m.tool_calls) bytes += tc.name.size() + tc.arguments.size();
  }
  for (const auto& t : request.tools) {
    bytes += t.name.size() + t.description.size() + t.parameters.size();
  }
  bytes += request.response_format.schema.size();
  return static_cast<int64_t>((bytes + 3) / 4) + images * kImageTokens;
}

Features extract(const ChatRequest& request) {
  ScanCounts c;
  Scanner sc(Automaton::instance(), c);
  std::size_t budget = kWindowBudget;
  uint32_t long_parts = 0, images = 0;
  std::size_t system_chars = 0;
  for (const auto& m : request.messages) {
    for (const auto& p : m.parts) {
      if (p.kind == ContentPart::Kind::kImage)
        ++images;
      else if (is_system(m))
        system_chars += p.text.size();
    }
    if (is_system(m)) scan_message(m, sc, budget, long_parts);
  }
  for (auto it = request.messages.rbegin(); it != request.messages.rend(); ++it) {
    if (it->role == "user") scan_message(*it, sc, budget, long_parts);
  }

  Features f{};
  auto cue = [&](Cue q) { return c.cue[static_cast<std::size_t>(q)]; };
  const int64_t tokens = estimate_tokens(request);
  const float long_input = std::clamp((static_cast<float>(tokens) - 1200.0f) / 1600.0f, 0.0f, 1.0f);
  const auto& mt = request.options.max_tokens;
  const double asked_words = c.requested_tenths / 10.0;
  f[kLogInputTokens] = std::log1p(static_cast<float>(tokens));
  f[kLongInput] = long_input;
  f[kMaxTokensShort] = flag(mt && *mt > 0 && *mt <= 256);
  f[kMaxTokensLong] = flag(mt && *mt >= 2000);
  f[kAsksShortLength] = flag(c.requested_tenths > 0 && asked_words <= 150);
  f[kAsksLongLength] = flag(asked_words >= 400);
  f[kShortCue] = capped(cue(Cue::kShort));
  f[kLongCue] = capped(cue(Cue::kLong));
  f[kLogMessages] = std::log1p(static_cast<float>(request.messages.size()));
  const uint32_t docs = std::max({c.labeled_docs, c.doc_tags, c.subjects, long_parts,
                                  c.separators >= 2 ? c.separators - 1 : 0u});
  f[kLogDocuments] = std::log1p(static_cast<float>(docs));
  static constexpr std::pair<FeatureIndex, Cue> kDirect[] = {
      {kTaskClassify, Cue::kClassify},
      {kTaskExtract, Cue::kExtract},
      {kFieldTerms, Cue::kField},
      {kTaskTranslate, Cue::kTranslate},
      {kTaskKeywords, Cue::kKeywords},
      {kTaskYesNo, Cue::kYesNo},
      {kTaskReformat, Cue::kReformat},
      {kTaskSummarize, Cue::kSummarize},
      {kTaskCompare, Cue::kCompare},
      {kTaskSynthesize, Cue::kSynthesize},
      {kTaskAnalyze, Cue::kAnalyze},
      {kTaskRisk, Cue::kRisk},
      {kTaskRank, Cue::kRank},
      {kTaskPlan, Cue::kPlan},
      {kTaskMath, Cue::kMath},
      {kTaskCode, Cue::kCode},
      {kWriteVerb, Cue::kWrite},
      {kLongformNoun, Cue::kLongform},
      {kJudgmentTerms, Cue::kJudgment},
      {kAdviceRequest, Cue::kAdvice},
      {kMultiStepCue, Cue::kMultiStep},
      {kAgentCue, Cue::kAgent},
      {kImageTerms, Cue::kImage},
      {kQuestionFactual, Cue::kQFactual},
      {kQuestionExplain, Cue::kQExplain},
  };
  for (const auto& [index, q] : kDirect) f[index] = capped(cue(q));
  f[kMathNotation] = std::log1p(static_cast<float>(std::min<uint32_t>(c.math_ops + c.latex, 200)));
  const uint32_t code_signal =
      4 * c.fences + cue(Cue::kCodeToken) + c.code_punct / 3 + c.indented_lines / 2;
  f[kCodeContent] = std::log1p(static_cast<float>(std::min<uint32_t>(code_signal, 400)));
  f[kStructuredOutput] = flag(request.response_format.kind != ResponseFormat::Kind::kText);
  f[kLogTools] = std::log1p(static_cast<float>(request.tools.size()));
  f[kLogSystemChars] = std::log1p(static_cast<float>(system_chars));
  f[kImages] = capped(images);

  // Interactions: the same verb means different work on a two-line note and on a long contract.
  const bool summarize = cue(Cue::kSummarize) > 0;
  const bool short_answer = f[kShortCue] > 0 || f[kAsksShortLength] > 0 || f[kMaxTokensShort] > 0;
  const uint32_t reflex = cue(Cue::kClassify) + cue(Cue::kExtract) + cue(Cue::kKeywords) +
                          cue(Cue::kYesNo) + cue(Cue::kReformat);
  const uint32_t analysis = cue(Cue::kCompare) + cue(Cue::kSynthesize) + cue(Cue::kAnalyze) +
                            cue(Cue::kRisk) + cue(Cue::kRank);
  const uint32_t reasoning = analysis + cue(Cue::kSummarize) + cue(Cue::kPlan) + cue(Cue::kMath) +
                             cue(Cue::kCode) + cue(Cue::kTranslate) + cue(Cue::kJudgment) +
                             cue(Cue::kAdvice) + cue(Cue::kQExplain) + cue(Cue::kMultiStep) +
                             cue(Cue::kLongform);
  f[kSummarizeXLong] = flag(summarize) * long_input;
  f[kSummarizeXShortAnswer] = flag(summarize && short_answer) * (1.0f - long_input);
  f[kExtractXRankOrRisk] =
      flag((cue(Cue::kExtract) > 0 || cue(Cue::kField) > 0) &&
           (cue(Cue::kRank) > 0 || cue(Cue::kRisk) > 0 || cue(Cue::kAnalyze) > 0));
  f[kReflexOnlyXLong] = flag(reflex > 0 && reasoning == 0) * long_input;
  f[kTranslateXLong] = flag(cue(Cue::kTranslate) > 0) * long_input;
  f[kWriteXLongform] = flag(cue(Cue::kWrite) > 0 && cue(Cue::kLongform) > 0);
  f[kMultiDocXAnalysis] = flag(docs >= 2 && (analysis > 0 || summarize));
  return f;
}

}  // namespace splitpoint::complexity
