// Differential test of the production scanner (scanner.cc) against the scalar reference
// (scanner_reference.h, the scanner before the SSE2 rewrite): every counter of ScanCounts must
// agree on the repo's archive, the shared benchmark prompts, raw slices of the shared data files,
// and generated adversarial texts. extract() is a pure function of these counts and of fields
// of the request the scanner does not read, so equal counts mean bit-identical features.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "complexity/dataset.h"
#include "complexity/features.h"
#include "complexity/lexicon.h"
#include "complexity/scanner.h"
#include "complexity/scanner_reference.h"

namespace splitpoint::complexity {
namespace {

// __FILE__ may be relative to the build directory (ctest's working directory).
std::filesystem::path repo_root() {
  const auto file = std::filesystem::weakly_canonical(std::filesystem::absolute(__FILE__));
  return file.parent_path().parent_path().parent_path();
}

// The shared data directory beside the repo (CI's layout), or $SPLITPOINT_SHARED_DATA.
std::string shared_data() {
  if (const char* env = std::getenv("SPLITPOINT_SHARED_DATA"); env != nullptr && *env) return env;
  const auto p = repo_root().parent_path() / "shared" / "data";
  return std::filesystem::is_directory(p / "routellm") ? p.string() : "";
}

std::string describe(const ScanCounts& c) {
  std::ostringstream o;
  o << "cue[";
  for (auto v : c.cue) o << v << ' ';
  o << "] tenths " << c.requested_tenths << " fences " << c.fences << " seps " << c.separators
    << " labeled " << c.labeled_docs << " tags " << c.doc_tags << " subjects " << c.subjects
    << " indented " << c.indented_lines << " code " << c.code_punct << " math " << c.math_ops
    << " latex " << c.latex;
  return o.str();
}

bool same(const ScanCounts& a, const ScanCounts& b) {
  return a.cue == b.cue && a.requested_tenths == b.requested_tenths && a.fences == b.fences &&
         a.separators == b.separators && a.labeled_docs == b.labeled_docs &&
         a.doc_tags == b.doc_tags && a.subjects == b.subjects &&
         a.indented_lines == b.indented_lines && a.code_punct == b.code_punct &&
         a.math_ops == b.math_ops && a.latex == b.latex;
}

struct Call {
  std::string_view text;
  std::size_t head, tail;
};

// Runs both scanners over the same calls (one Scanner each, so state carries across texts as in
// extract()) and a shared budget; adds a failure naming `what` if any counter differs.
void expect_same(const std::vector<Call>& calls, std::size_t budget, const std::string& what) {
  const Automaton& ac = Automaton::instance();
  ScanCounts got, want;
  Scanner sc(ac, got);
  reference::ReferenceScanner ref(ac, want);
  std::size_t b1 = budget, b2 = budget;
  for (const auto& c : calls) {
    sc.scan_text(c.text, c.head, c.tail, b1);
    ref.scan_text(c.text, c.head, c.tail, b2);
  }
  EXPECT_EQ(b1, b2) << what;
  EXPECT_TRUE(same(got, want)) << what << "\n got  " << describe(got) << "\n want "
                               << describe(want);
}

void expect_same_text(std::string_view text, const std::string& what) {
  expect_same({{text, 1024, 512}}, 16 * 1024, what);
}

// The scans extract() makes for a request: system messages in order, then user messages from
// the last, with one budget.
void expect_same_request(const ChatRequest& r, const std::string& what) {
  std::vector<Call> calls;
  auto add = [&calls](const Message& m) {
    for (const auto& p : m.parts) {
      if (p.kind == ContentPart::Kind::kText) calls.push_back({p.text, 1024, 512});
    }
  };
  for (const auto& m : r.messages) {
    if (m.role == "system" || m.role == "developer") add(m);
  }
  for (auto it = r.messages.rbegin(); it != r.messages.rend(); ++it) {
    if (it->role == "user") add(*it);
  }
  expect_same(calls, 16 * 1024, what);
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(ScannerIdentity, ArchiveRequests) {
  for (const char* name : {"train.jsonl", "holdout.jsonl"}) {
    auto reqs = load_archive((repo_root() / "data/archive" / name).string());
    ASSERT_TRUE(reqs.ok()) << reqs.status().message();
    ASSERT_GT(reqs->size(), 100u);
    for (std::size_t i = 0; i < reqs->size(); ++i) {
      expect_same_request((*reqs)[i].request, std::string(name) + " #" + std::to_string(i));
      if (HasFailure()) return;
    }
  }
}

TEST(ScannerIdentity, SharedBenchmarkPrompts) {
  const std::string shared = shared_data();
  if (shared.empty()) GTEST_SKIP() << "shared data not found";
  auto routellm = load_routellm(shared + "/routellm");
  ASSERT_TRUE(routellm.ok()) << routellm.status().message();
  for (const auto& item : routellm.value()) expect_same_text(item.prompt, item.source);
  auto mt = load_mt_bench(shared + "/mt_bench/question.jsonl");
  ASSERT_TRUE(mt.ok()) << mt.status().message();
  for (const auto& r : mt.value()) expect_same_request(r.request, "mt_bench");
  auto arena = load_arena_hard(shared + "/arena_hard");
  ASSERT_TRUE(arena.ok()) << arena.status().message();
  for (const auto& r : arena.value()) expect_same_request(r.request, "arena_hard");
}

// Raw bytes of every shared data file (JSON escapes, CSV quoting, long lines), in slices of
// sizes around the window limits, some starting mid-character.
TEST(ScannerIdentity, SharedFileSlices) {
  const std::string shared = shared_data();
  if (shared.empty()) GTEST_SKIP() << "shared data not found";
  std::mt19937_64 rng(7);
  std::size_t slices = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(shared)) {
    if (!e.is_regular_file()) continue;
    const std::string bytes = read_file(e.path());
    static constexpr std::size_t kSizes[] = {7, 63, 200, 1023, 1024, 1025, 1500, 3000, 9000};
    for (std::size_t at = 0; at < bytes.size(); at += 1 + rng() % 8000) {
      const std::size_t len = std::min(bytes.size() - at, kSizes[rng() % std::size(kSizes)]);
      expect_same_text(std::string_view(bytes).substr(at, len), e.path().string());
      if (HasFailure()) return;
      ++slices;
    }
  }
  EXPECT_GT(slices, 1000u);
}

// Pieces that exercise every branch of the scanner: cue words and numbers, digit groups, the
// sentence, code, math and LaTeX characters, line starts, and UTF-8 (folded letters, symbols,
// truncated and invalid sequences).
std::vector<std::string> pieces() {
  std::vector<std::string> v = {" ",
                                "  ",
                                "    ",
                                "\t",
                                "\n",
                                "\n\n",
                                "\r\n",
                                "\r\n\r\n",
                                ".",
                                ",",
                                "?",
                                "!",
                                ":",
                                ";",
                                "{",
                                "}",
                                "+",
                                "-",
                                "*",
                                "/",
                                "=",
                                "^",
                                "<",
                                ">",
                                "(",
                                ")",
                                "\\",
                                "\\frac",
                                "_",
                                "#",
                                "`",
                                "```",
                                "---",
                                "===",
                                "***",
                                "___",
                                "## ",
                                "> ",
                                "[",
                                "<doc>",
                                "<email ",
                                "Document 2:",
                                "Invoice B",
                                "Vertrag 1",
                                "Subject:",
                                "Betreff :",
                                "Objet :",
                                "3",
                                "42",
                                "2,000",
                                "2.000",
                                "1,5",
                                "12345678901234",
                                "x^2",
                                "3 + 4",
                                "a = b",
                                "3 - 4",
                                "3/4",
                                "2024-03-01",
                                "five",
                                "words",
                                "Wörter",
                                "drei kurze Sätze",
                                "in five words",
                                "2000 words",
                                "What",
                                "why",
                                "How",
                                "how many",
                                "summarize",
                                "Summarize",
                                "résumé",
                                "RÉSUMÉ",
                                "straße",
                                "łódź",
                                "Ñandú",
                                "\xC2\xA0",
                                "\xC2\xBF",
                                "\xC2\xA1",
                                "\xC3\x97",
                                "\xC3\xB7",
                                "\xC3",
                                "\xC2",
                                "\xC4",
                                "\xC5\x81",
                                "\xE2\x80\x94",
                                "\xE2\x80",
                                "\xE2",
                                "\xE4\xB8\xAD\xE6\x96\x87",
                                "\xF0\x9F\x98\x80",
                                "\xF0\x9F\x98",
                                "\xF0",
                                "\x80",
                                "\xBF",
                                "\xFF",
                                "\xF8\x88\x80\x80\x80",
                                std::string(1, '\0'),
                                "a",
                                "Z",
                                "abcdefghijklmnopqrstuvwxyz",
                                "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"};
  for (const auto& cw : lexicon::cue_words()) {
    std::string_view all(cw.words);
    while (!all.empty()) {
      const auto bar = all.find('|');
      std::string w(all.substr(0, bar));
      all = bar == std::string_view::npos ? std::string_view{} : all.substr(bar + 1);
      if (!w.empty() && w.front() == '^') w.erase(0, 1);
      if (auto eq = w.find('='); eq != std::string::npos) w.resize(eq);
      if (!w.empty() && w.back() == '*') w.back() = 's';
      v.push_back(w);
    }
  }
  return v;
}

TEST(ScannerIdentity, GeneratedTexts) {
  const auto p = pieces();
  std::mt19937_64 rng(42);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const std::size_t target = round % 4 == 0 ? rng() % 4000 : rng() % 300;
    while (text.size() < target) {
      const int r = static_cast<int>(rng() % 8);
      text += r == 0   ? " "
              : r == 1 ? std::string(1, static_cast<char>(rng()))
                       : p[rng() % p.size()];
    }
    const std::size_t head = 1 + rng() % 1100, tail = 1 + rng() % 600;
    const std::size_t budget = round % 5 == 0 ? rng() % 2000 : 16 * 1024;
    const std::size_t split = text.empty() ? 0 : rng() % text.size();
    const std::string_view t(text);
    expect_same({{t, head, tail}}, budget, "round " + std::to_string(round));
    expect_same({{t.substr(0, split), head, tail}, {t.substr(split), tail, head}}, budget,
                "split round " + std::to_string(round));
    if (HasFailure()) return;
  }
}

// Every byte value at every offset of a 40-byte text around a 16-byte block boundary, in
// letters, digits, spaces and punctuation, and as the last byte.
TEST(ScannerIdentity, EveryByteAtEveryOffset) {
  static const char* kBackgrounds[] = {
      "summarize the contract in five words now!", "abcdefghijklmnopqrstuvwxyzabcdefghijklmno",
      "0123456789 2,000 3.5 12 + 4 = 16 x^2 \\frac", "    \t\n\n---\n```\n<doc> Subject: é ß × ¿",
      "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"};
  for (const char* bg : kBackgrounds) {
    const std::string base(bg);
    for (int b = 0; b < 256; ++b) {
      for (std::size_t at = 0; at < base.size(); ++at) {
        std::string t = base;
        t[at] = static_cast<char>(b);
        expect_same_text(t, "byte " + std::to_string(b) + " at " + std::to_string(at));
        expect_same_text(std::string_view(t).substr(0, at + 1), "last byte");
        if (HasFailure()) return;
      }
    }
  }
}

// Every pair of bytes across the end of the first 16-byte block, and every pair ending a text.
TEST(ScannerIdentity, EveryBytePair) {
  const std::string base = "Explain why the 2,000 words are in the summary.";
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      std::string t = base;
      t[15] = static_cast<char>(a);
      t[16] = static_cast<char>(b);
      expect_same_text(t, "pair " + std::to_string(a) + "," + std::to_string(b));
      expect_same_text(std::string_view(t).substr(0, 17), "pair at end");
    }
    if (HasFailure()) return;
  }
}

// Long texts around kWholeText, with and without paragraph breaks near either end, and long
// runs of one byte class; windows cut at every head and tail limit near a word.
TEST(ScannerIdentity, WindowsOfLongTexts) {
  const std::string para = "Summarize the following contract in 50 words. ";
  std::string doc;
  while (doc.size() < 6000) doc += "The supplier shall deliver 2,000 units; late fees apply.\n";
  static const std::string kRuns[] = {std::string(5000, 'a'), std::string(5000, ' '),
                                      std::string(5000, '7'), std::string(5000, '\n'),
                                      std::string(2500, '\xC3') + std::string(2500, '\xA9')};
  std::vector<std::string> texts = {para + "\n\n" + doc, doc + "\n\n" + para,
                                    para + "\n\n" + doc + "\n\n" + para, doc,
                                    doc + "\r\n\r\n" + para};
  for (const auto& r : kRuns) texts.push_back(para + r + para);
  for (const auto& t : texts) {
    for (std::size_t len : {1023u, 1024u, 1025u, 1100u, 2047u, 2048u, 2049u, 4000u, 6100u}) {
      const std::string_view v = std::string_view(t).substr(0, len);
      for (std::size_t head = 0; head < 80; head += 3) {
        expect_same({{v, head, head}}, 16 * 1024, "head " + std::to_string(head));
        expect_same({{v, 1024, 512}}, head * 7, "budget " + std::to_string(head * 7));
      }
    }
  }
}

}  // namespace
}  // namespace splitpoint::complexity
