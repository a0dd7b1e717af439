#include "complexity/automaton.h"

#include <array>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

namespace splitpoint::complexity {
namespace {

// U+00C0..U+00FF folded to a base letter; '_' marks the two symbols (U+00D7, U+00F7).
constexpr char kLatin1Fold[] =
    "aaaaaaaceeeeiiiidnooooo_ouuuuyts"
    "aaaaaaaceeeeiiiidnooooo_ouuuuyty";
static_assert(sizeof(kLatin1Fold) == 65);

// U+0100..U+017F folded to a base letter.
constexpr char kLatinExtAFold[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooo"
    "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(sizeof(kLatinExtAFold) == 129);

constexpr uint8_t letter_class(char c) {
  return static_cast<uint8_t>(1 + (c - 'a'));
}

uint8_t fold_class(char c) {
  return c == '_' ? kSep : letter_class(c);
}

bool is_cont(uint8_t b) {
  return (b & 0xC0) == 0x80;
}

}  // namespace

Char classify_char(const uint8_t* p, std::size_t i, std::size_t n) {
  const uint8_t b = p[i];
  if (b < 0x80) return {ascii_class(b), 1};
  const bool c1 = i + 1 < n && is_cont(p[i + 1]);
  if (b == 0xC2) return {kSep, static_cast<uint8_t>(c1 ? 2 : 1)};  // Latin-1 symbols, nbsp
  if (b == 0xC3 && c1) return {fold_class(kLatin1Fold[p[i + 1] - 0x80]), 2};
  if ((b == 0xC4 || b == 0xC5) && c1) {
    const unsigned cp = ((b & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
    return {letter_class(kLatinExtAFold[cp - 0x100]), 2};
  }
  if (b >= 0xC6 && b < 0xE0) return {kOther, static_cast<uint8_t>(c1 ? 2 : 1)};
  if (b >= 0xE0 && b < 0xF0) {
    const bool c2 = c1 && i + 2 < n && is_cont(p[i + 2]);
    // U+2000..U+2FFF: general punctuation, currency, arrows, math operators.
    return {b == 0xE2 ? kSep : kOther, static_cast<uint8_t>(c2 ? 3 : 1)};
  }
  if (b >= 0xF0 && b < 0xF8 && i + 3 < n && c1 && is_cont(p[i + 2]) && is_cont(p[i + 3])) {
    return {kOther, 4};
  }
  return {kOther, 1};  // stray continuation or invalid byte
}

namespace {

struct Pattern {
  std::vector<uint8_t> classes;
  Automaton::Output out;
};

// Normalizes one lexicon entry to classes framed by separators; false if it is empty.
bool compile_entry(std::string_view entry, lexicon::Cue cue, Pattern& pat) {
  pat = Pattern{};
  pat.out.cue = cue;
  if (!entry.empty() && entry.front() == '^') {
    pat.out.sentence_start = true;
    entry.remove_prefix(1);
  }
  if (auto eq = entry.find('='); eq != std::string_view::npos) {
    pat.out.value = std::atoi(std::string(entry.substr(eq + 1)).c_str());
    entry = entry.substr(0, eq);
  }
  bool stem = false;
  if (!entry.empty() && entry.back() == '*') {
    stem = true;
    entry.remove_suffix(1);
  }
  pat.classes.push_back(kSep);
  const auto* p = reinterpret_cast<const uint8_t*>(entry.data());
  for (std::size_t i = 0; i < entry.size();) {
    Char c = classify_char(p, i, entry.size());
    i += c.len;
    if (c.cls == kSep && pat.classes.back() == kSep) continue;
    if (c.cls != kSep && pat.classes.back() == kSep) ++pat.out.words;
    pat.classes.push_back(c.cls);
  }
  if (pat.classes.back() == kSep) pat.classes.pop_back();
  if (pat.out.words == 0) return false;
  if (!stem) pat.classes.push_back(kSep);
  return true;
}

std::vector<Pattern> compile_lexicon() {
  std::vector<Pattern> out;
  std::set<std::tuple<std::vector<uint8_t>, int, bool, int>> seen;
  for (const auto& cw : lexicon::cue_words()) {
    std::string_view all(cw.words);
    while (!all.empty()) {
      auto bar = all.find('|');
      std::string_view entry = all.substr(0, bar);
      all = bar == std::string_view::npos ? std::string_view{} : all.substr(bar + 1);
      Pattern pat;
      if (!compile_entry(entry, cw.cue, pat)) continue;
      auto key = std::make_tuple(pat.classes, static_cast<int>(pat.out.cue), pat.out.sentence_start,
                                 pat.out.value);
      if (seen.insert(key).second) out.push_back(std::move(pat));
    }
  }
  return out;
}

}  // namespace

const Automaton& Automaton::instance() {
  static const Automaton kInstance;
  return kInstance;
}

Automaton::Automaton() {
  constexpr uint16_t kNone = 0xFFFF;
  const std::vector<Pattern> patterns = compile_lexicon();
  // The trie.
  std::vector<std::array<uint16_t, kClassCount>> go(1);
  go[0].fill(kNone);
  std::vector<std::vector<Output>> outs(1);
  for (const auto& pat : patterns) {
    uint16_t s = 0;
    for (uint8_t c : pat.classes) {
      if (go[s][c] == kNone) {
        go[s][c] = static_cast<uint16_t>(go.size());
        go.emplace_back().fill(kNone);
        outs.emplace_back();
      }
      s = go[s][c];
    }
    outs[s].push_back(pat.out);
  }
  if (go.size() >= kNone) std::abort();  // the lexicon outgrew 16-bit states: a bug
  // Failure links in BFS order turn the trie into a full transition table (a DFA).
  std::vector<uint16_t> fail(go.size(), 0);
  std::deque<uint16_t> queue;
  for (auto& t : go[0]) {
    if (t == kNone) {
      t = 0;
    } else {
      fail[t] = 0;
      queue.push_back(t);
    }
  }
  while (!queue.empty()) {
    const uint16_t s = queue.front();
    queue.pop_front();
    const auto& inherited = outs[fail[s]];
    outs[s].insert(outs[s].end(), inherited.begin(), inherited.end());
    for (std::size_t c = 0; c < kClassCount; ++c) {
      uint16_t& t = go[s][c];
      if (t == kNone) {
        t = go[fail[s]][c];
      } else {
        fail[t] = go[fail[s]][c];
        queue.push_back(t);
      }
    }
  }
  // Renumbered so that the states with outputs come last (has_output() is one comparison); the
  // root has none and stays 0.
  std::vector<uint16_t> order, renum(go.size());
  for (int with_output = 0; with_output < 2; ++with_output) {
    if (with_output) first_output_ = static_cast<uint16_t>(order.size());
    for (std::size_t s = 0; s < go.size(); ++s) {
      if (outs[s].empty() != (with_output != 0)) order.push_back(static_cast<uint16_t>(s));
    }
  }
  for (std::size_t k = 0; k < order.size(); ++k) renum[order[k]] = static_cast<uint16_t>(k);
  if (renum[0] != 0) std::abort();  // an empty pattern gave the root an output: a bug
  delta_.resize(go.size() * kClassCount);
  out_begin_.reserve(go.size() + 1);
  uint16_t* row = delta_.data();
  for (const uint16_t s : order) {
    for (std::size_t c = 0; c < kClassCount; ++c) row[c] = renum[go[s][c]];
    row += kClassCount;
    out_begin_.push_back(static_cast<uint32_t>(out_.size()));
    out_.insert(out_.end(), outs[s].begin(), outs[s].end());
  }
  out_begin_.push_back(static_cast<uint32_t>(out_.size()));
}

}  // namespace splitpoint::complexity
