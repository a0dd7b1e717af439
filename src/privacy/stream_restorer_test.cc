#include <gtest/gtest.h>

#include <string>

#include "privacy/redactor.h"

namespace splitpoint::privacy {
namespace {

using Stream = Redaction::StreamRestorer;

const Detector& detector() {
  static const std::shared_ptr<const Detector> d = Detector::create().value();
  return *d;
}

// A redaction holding [EMAIL_1] (a@b.de) and [IBAN_1] .. and twelve emails, so that [EMAIL_1]
// is a prefix of [EMAIL_10].
Redaction make_redaction() {
  std::string text = "DE89370400440532013000";
  for (int i = 0; i < 12; ++i) text += " u" + std::to_string(i) + "@b.de";
  ChatRequest r;
  Message m;
  m.role = "user";
  m.parts.push_back(ContentPart{ContentPart::Kind::kText, text, ""});
  r.messages.push_back(m);
  Redaction red;
  red.apply(detector(), r);
  return red;
}

const std::string kMasked = "Send [IBAN_1] to [EMAIL_1] and [EMAIL_10], not [EMAIL_99] or [x].";

TEST(StreamRestorer, WholeTextAtOnce) {
  const Redaction red = make_redaction();
  ASSERT_EQ(red.mapping().size(), 13u);
  Stream s(red);
  const std::string expected = red.restore(kMasked);
  EXPECT_EQ(expected, "Send DE89370400440532013000 to u0@b.de and u9@b.de, not [EMAIL_99] or [x].");
  EXPECT_EQ(s.feed(kMasked) + s.flush(), expected);
}

TEST(StreamRestorer, EverySplitIntoTwoChunks) {
  const Redaction red = make_redaction();
  const std::string expected = red.restore(kMasked);
  for (std::size_t cut = 0; cut <= kMasked.size(); ++cut) {
    Stream s(red);
    std::string out = s.feed(kMasked.substr(0, cut));
    out += s.feed(kMasked.substr(cut));
    out += s.flush();
    EXPECT_EQ(out, expected) << "cut at " << cut;
  }
}

TEST(StreamRestorer, EverySplitIntoThreeChunks) {
  const Redaction red = make_redaction();
  const std::string expected = red.restore(kMasked);
  for (std::size_t a = 0; a <= kMasked.size(); ++a) {
    for (std::size_t b = a; b <= kMasked.size(); ++b) {
      Stream s(red);
      std::string out = s.feed(kMasked.substr(0, a));
      out += s.feed(kMasked.substr(a, b - a));
      out += s.feed(kMasked.substr(b));
      out += s.flush();
      ASSERT_EQ(out, expected) << "cuts at " << a << ", " << b;
    }
  }
}

TEST(StreamRestorer, HoldsOnlyWhatCouldStillBecomeAPlaceholder) {
  const Redaction red = make_redaction();
  Stream s(red);
  EXPECT_EQ(s.feed("Hello [EMA"), "Hello ");
  EXPECT_EQ(s.feed("IL_1"), "");  // could still be [EMAIL_1] or [EMAIL_10]
  EXPECT_EQ(s.feed("] bye ["), "u0@b.de bye ");
  EXPECT_EQ(s.feed("x"), "[x");  // no placeholder starts with "[x"
  EXPECT_EQ(s.feed("[IBAN_1]"), "DE89370400440532013000");
  EXPECT_EQ(s.feed("[EMAIL_1"), "");
  EXPECT_EQ(s.flush(), "[EMAIL_1");  // the stream ended: what is held goes out as it is
  EXPECT_EQ(s.flush(), "");
  EXPECT_EQ(s.feed("[[EMAIL_1]"), "[u0@b.de");
  EXPECT_EQ(s.feed(""), "");
}

TEST(StreamRestorer, JsonModeEscapesAcrossChunks) {
  ChatRequest r;
  Message m;
  m.role = "user";
  m.parts.push_back(ContentPart{ContentPart::Kind::kText,
                                "key -----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
                                ""});
  r.messages.push_back(m);
  Redaction red;
  ASSERT_EQ(red.apply(detector(), r), 1);
  const std::string args = R"({"k":"[SECRET_1]","raw":[SECRET_1],"s":"\"[x]"})";
  const std::string expected = red.restore_json(args);
  EXPECT_EQ(expected,
            R"({"k":"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",)"
            R"("raw":"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----","s":"\"[x]"})");
  for (std::size_t cut = 0; cut <= args.size(); ++cut) {
    Stream s(red, Stream::Mode::kJson);
    std::string out = s.feed(args.substr(0, cut));
    out += s.feed(args.substr(cut));
    out += s.flush();
    EXPECT_EQ(out, expected) << "cut at " << cut;
  }
}

}  // namespace
}  // namespace splitpoint::privacy
