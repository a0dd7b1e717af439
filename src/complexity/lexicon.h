// The multilingual cue lexicon of the complexity features (English, German, French, Spanish,
// Italian, Dutch, Portuguese, Polish). Internal to the complexity module.
//
// Entry syntax (one string per cue, alternatives separated by '|'):
//   "word"        whole word (or whole phrase: words separated by single spaces)
//   "stem*"       any word that starts with the stem ("summar*" matches summary, summarize)
//   "^word"       only as the first word of a sentence (question words)
//   "word=N"      carries the value N (number words: the number; length units: tenths of a word)
// Text and entries are normalized alike (see normalize.h): ASCII and common Latin letters
// lowercased, punctuation and spacing collapsed to one separator.
#pragma once

#include <cstdint>
#include <span>

namespace splitpoint::complexity::lexicon {

enum class Cue : uint8_t {
  kClassify,  // classify, tag, sentiment, route, detect the language
  kExtract,   // extract, pull out, give me the ...
  kField,     // field nouns: invoice number, due date, IBAN, amount, sender ...
  kTranslate,
  kKeywords,  // keywords, title, headline, subject line
  kYesNo,     // yes or no, check whether, contains
  kReformat,  // reformat, convert to JSON, fix the spelling
  kSummarize,
  kCompare,
  kSynthesize,  // synthesize, consolidate, across all documents
  kAnalyze,     // analyze, assess, evaluate, review
  kRisk,
  kRank,  // rank, prioritize, by severity, most important
  kPlan,  // plan, schedule, strategy, design, constraints
  kMath,
  kCode,       // code-writing requests and programming nouns
  kCodeToken,  // tokens of code content (def, return, import ...)
  kWrite,      // write, draft, compose
  kLongform,   // essay, article, speech, a report, briefing ...
  kJudgment,   // legal, financial and medical judgment terms
  kAdvice,     // should I, recommend, advise
  kMultiStep,  // step by step, justify, show your reasoning
  kAgent,      // use the tools, then send, for each ...
  kImage,      // image, diagram, chart, screenshot
  kQFactual,   // what/when/who/which/where/how many, yes/no question openers
  kQExplain,   // why/how does, explain, describe
  kShort,      // briefly, one word, only the, no explanation
  kLong,       // in detail, comprehensive, thorough, every
  kNumber,     // number words; value = the number
  kUnit,       // length units; value = tenths of a word per unit
  kCount
};
inline constexpr std::size_t kCueCount = static_cast<std::size_t>(Cue::kCount);

struct CueWords {
  Cue cue;
  const char* words;  // '|'-separated entries, see the syntax above
};

std::span<const CueWords> cue_words();

// First words of lines that label a document ("Document 2:", "Invoice B", "<email>"), sorted.
std::span<const char* const> document_labels();
// First words of e-mail subject lines ("Subject:", "Betreff:"), sorted.
std::span<const char* const> subject_labels();

}  // namespace splitpoint::complexity::lexicon
