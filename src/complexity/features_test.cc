#include "complexity/features.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "complexity/dataset.h"
#include "complexity/model.h"

namespace splitpoint::complexity {
namespace {

Features of(const std::string& prompt) {
  return extract(user_request(prompt));
}
double score(const std::string& prompt) {
  return Model::builtin()->score(of(prompt));
}

// A long document (~3,000 words) built from a few sentences.
std::string contract(int sections = 120) {
  std::string doc = "SERVICE AGREEMENT between Alpha Ltd and Beta plc\n\n";
  for (int i = 1; i <= sections; ++i) {
    doc += "Section " + std::to_string(i) +
           "\nThe Supplier shall deliver the services within 10 working days of each order. "
           "The Customer shall pay each invoice within 30 days of receipt.\n\n";
  }
  return doc;
}

TEST(Features, NamesAreStableAndUnique) {
  const auto& names = feature_names();
  ASSERT_EQ(names.size(), kFeatureCount);
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), kFeatureCount);
  EXPECT_EQ(names[kLogInputTokens], "log_input_tokens");
  EXPECT_EQ(names[kMultiDocXAnalysis], "multi_doc_x_analysis");
}

TEST(Features, EstimateTokensCountsTextToolsAndImages) {
  ChatRequest r = user_request(std::string(400, 'a'));
  EXPECT_EQ(estimate_tokens(r), 100);
  r.messages[0].parts.push_back({ContentPart::Kind::kImage, "data:image/png;base64,AAAA", ""});
  EXPECT_EQ(estimate_tokens(r), 100 + kImageTokens);
  r.tools.push_back({"search", std::string(40, 'd'), std::string(54, 'p')});
  EXPECT_EQ(estimate_tokens(r), 100 + kImageTokens + 25);
  EXPECT_EQ(estimate_tokens(ChatRequest{}), 0);
}

TEST(Features, KeywordTrapsLandOnTheRightSideWithTheShippedModel) {
  EXPECT_LT(score("Summarize this two-line note in five words: Meeting moved to Thursday 3pm. "
                  "Bring the budget draft."),
            0.5);
  EXPECT_GT(score("Extract every supplier obligation from this contract and rank them by risk."),
            0.5);
  EXPECT_GT(score("Extract every supplier obligation from this contract and rank them by risk."
                  "\n\n" +
                  contract(20)),
            0.5);
  // A long document does not make a field lookup reasoning, nor a summary of it reflex.
  EXPECT_LT(score(contract() + "Extract the payment term in days. Reply with the number only."),
            0.5);
  EXPECT_LT(score(contract() + "Which parties signed this agreement? Names only."), 0.5);
  EXPECT_GT(score("Summarize the following agreement.\n\n" + contract()), 0.5);
}

TEST(Features, RuleExamplesInSeveralLanguages) {
  // reflex
  EXPECT_LT(score("Fasse diese Notiz in drei Wörtern zusammen: Die Lieferung kommt am Montag."),
            0.5);
  EXPECT_LT(score("Przetłumacz na angielski: Dzień dobry, faktura jest w załączniku."), 0.5);
  EXPECT_LT(score("¿Cuál es la fecha de vencimiento de esta factura? Responde solo con la "
                  "fecha.\nFactura 2024-001, vencimiento 03/04/2024, total 1.200 €"),
            0.5);
  EXPECT_LT(score("Welke taal is dit? Antwoord met één woord: Bom dia, a fatura está em anexo."),
            0.5);
  EXPECT_LT(score("Classifique este email: faturação, suporte, vendas ou outros. \"A minha "
                  "fatura está errada.\""),
            0.5);
  // reasoning
  EXPECT_GT(score("Évalue les risques juridiques de ce contrat pour nous en tant que "
                  "fournisseur."),
            0.5);
  EXPECT_GT(score("Scrivi un saggio di 2000 parole sulla storia della contabilità."), 0.5);
  EXPECT_GT(score("Write a Python function that merges two sorted lists and explain its "
                  "complexity."),
            0.5);
  EXPECT_GT(score("Solve step by step: a train leaves at 3pm at 80 km/h, another at 4pm at "
                  "100 km/h. When does the second catch up?"),
            0.5);
}

TEST(Features, LengthRequestsInWordsAndNumbers) {
  EXPECT_EQ(of("Summarize in five words: x")[kAsksShortLength], 1);
  EXPECT_EQ(of("Fasse in drei kurzen Sätzen zusammen.")[kAsksShortLength], 1);
  EXPECT_EQ(of("Réponds en un mot.")[kAsksShortLength], 1);
  EXPECT_EQ(of("Write 2000 words about archives.")[kAsksLongLength], 1);
  EXPECT_EQ(of("Schreibe 1.500 Wörter über Archive.")[kAsksLongLength], 1);
  EXPECT_EQ(of("Napisz esej na 1500 słów.")[kAsksLongLength], 1);
  EXPECT_EQ(of("Write about 12 archives.")[kAsksLongLength], 0);
  EXPECT_EQ(of("Write about 12 archives.")[kAsksShortLength], 0);
  EXPECT_GT(of("Erkläre das ausführlich.")[kLongCue], 0);
  EXPECT_GT(of("Explique-le en détail.")[kLongCue], 0);
  EXPECT_GT(of("Answer yes or no.")[kTaskYesNo], 0);
}

TEST(Features, NormalizationFoldsCaseAndAccents) {
  EXPECT_GT(of("ÜBERSETZE den Text.")[kTaskTranslate], 0);
  EXPECT_GT(of("Resume el informe.")[kTaskSummarize], 0);
  EXPECT_GT(of("Résumé du rapport, s'il vous plaît.")[kTaskSummarize], 0);
  EXPECT_GT(of("PRZETŁUMACZ to.")[kTaskTranslate], 0);
  // Whole words only: "tags" is a cue, the German "Tag" (day) is not.
  EXPECT_EQ(of("Am Tag 3 wurde begonnen.")[kTaskClassify], 0);
  EXPECT_EQ(of("someone phoned")[kAsksShortLength], 0);
}

TEST(Features, QuestionWordsCountOnlyAtSentenceStart) {
  EXPECT_GT(of("When is the meeting?")[kQuestionFactual], 0);
  EXPECT_EQ(of("I know when it is.")[kQuestionFactual], 0);
  EXPECT_GT(of("Why did revenue fall?")[kQuestionExplain], 0);
  EXPECT_GT(of("Hello. ¿Cuándo llega el pedido?")[kQuestionFactual], 0);
}

TEST(Features, DocumentsCodeMathImagesToolsFormat) {
  EXPECT_NEAR(of("Document 1:\nfoo\nDocument 2:\nbar\nDocument 3:\nbaz")[kLogDocuments],
              std::log1p(3.0f), 1e-6);
  EXPECT_NEAR(of("<doc>\na\n</doc>\n<doc>\nb\n</doc>")[kLogDocuments], std::log1p(2.0f), 1e-6);
  EXPECT_EQ(of("Invoice 2024-0012\nTotal: 12")[kLogDocuments], 0);  // a number, not a label
  EXPECT_GT(of("Fix this:\n```python\ndef f(x):\n    return x + 1\n```")[kCodeContent], 0);
  EXPECT_GT(of("If 3x + 5 = 20, what is x^2?")[kMathNotation], 0);
  EXPECT_EQ(of("Meeting on 2024-03-01 at 10:30")[kMathNotation], 0);

  ChatRequest r = user_request("Describe this diagram.");
  r.messages[0].parts.push_back({ContentPart::Kind::kImage, "https://example.org/a.png", ""});
  r.tools.push_back({"send_email", "Send an e-mail", "{}"});
  r.response_format.kind = ResponseFormat::Kind::kJsonSchema;
  r.options.max_tokens = 100;
  Message sys;
  sys.role = "system";
  sys.parts.push_back({ContentPart::Kind::kText, "You are helpful.", ""});
  r.messages.insert(r.messages.begin(), sys);
  const Features f = extract(r);
  EXPECT_EQ(f[kImages], 1);
  EXPECT_GT(f[kImageTerms], 0);
  EXPECT_NEAR(f[kLogTools], std::log1p(1.0f), 1e-6);
  EXPECT_EQ(f[kStructuredOutput], 1);
  EXPECT_EQ(f[kMaxTokensShort], 1);
  EXPECT_NEAR(f[kLogSystemChars], std::log1p(16.0f), 1e-6);
  EXPECT_NEAR(f[kLogMessages], std::log1p(2.0f), 1e-6);
}

TEST(Features, InstructionParagraphOfALongTextIsFoundAtEitherEnd) {
  // Cue words inside the pasted document do not count; the instruction's do.
  std::string doc;
  for (int i = 0; i < 30; ++i) {
    doc +=
        "Please compare and analyze the risk of every plan; translate and summarize all "
        "documents in detail. The board will then rank the options by cost and design.\n\n";
  }
  const Features head = of("Which language is this?\n\n" + doc);
  EXPECT_GT(head[kQuestionFactual], 0);
  EXPECT_EQ(head[kTaskCompare], 0);
  EXPECT_EQ(head[kTaskRisk], 0);
  const Features tail = of(doc + "Which language is this?");
  EXPECT_GT(tail[kQuestionFactual], 0);
  EXPECT_EQ(tail[kTaskSummarize], 0);
}

TEST(Features, EmptyAndOddInputsAreSafe) {
  const Features empty = extract(ChatRequest{});
  EXPECT_EQ(empty[kLogInputTokens], 0);
  std::string junk = "\xC3\xC4\xC5\xE2\x80\xF0\x9F\x98\x80\xFF\xC2";  // truncated / odd UTF-8
  const Features f = of(junk + std::string(5000, '\n') + junk);
  EXPECT_GT(f[kLogInputTokens], 0);
}

}  // namespace
}  // namespace splitpoint::complexity
