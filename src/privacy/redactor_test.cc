#include "privacy/redactor.h"

#include <gtest/gtest.h>

// Boost.JSON compiled into this test only, to check that masked arguments stay valid JSON.
#include <boost/json/src.hpp>
#include <string>
#include <vector>

namespace splitpoint::privacy {
namespace {

const Detector& detector() {
  static const std::shared_ptr<const Detector> d = Detector::create().value();
  return *d;
}

Message text_message(std::string role, std::string text) {
  Message m;
  m.role = std::move(role);
  m.parts.push_back(ContentPart{ContentPart::Kind::kText, std::move(text), ""});
  return m;
}

bool valid_json(const std::string& s) {
  boost::system::error_code ec;
  boost::json::parse(s, ec);
  return !ec;
}

// Every string the request carries, masked or not.
std::vector<const std::string*> all_strings(const ChatRequest& r) {
  std::vector<const std::string*> out{&r.model, &r.suffix, &r.tool_choice};
  for (const Message& m : r.messages) {
    out.insert(out.end(), {&m.role, &m.tool_call_id, &m.name, &m.thinking});
    for (const ContentPart& p : m.parts) out.push_back(&p.text);
    for (const ToolCall& c : m.tool_calls) out.insert(out.end(), {&c.id, &c.name, &c.arguments});
  }
  for (const ExtraField& x : r.extra) out.push_back(&x.json);
  return out;
}

const char* const kUserText =
    "Hi, I am reachable at jane.roe@example.org or +49 30 1234 5678. Please wire the refund "
    "to DE89 3704 0044 0532 0130 00 and charge 4111 1111 1111 1111. Again: jane.roe@example.org. "
    "My colleague is max@example.org, server 10.20.30.40, key sk-abcdefghijklmnopqrstuvwxyz0123.";
const char* const kArgs =
    R"({"to":"jane.roe@example.org","iban":"DE89370400440532013000","card":4111111111111111,)"
    R"("note":"call\n+49 30 1234 5678","nested":{"ips":["10.20.30.40","1.1.1.1"]}})";

ChatRequest sample_request() {
  ChatRequest r;
  r.model = "auto";
  r.messages.push_back(text_message("system", "You are helpful. Escalations: ops@example.org."));
  r.messages.push_back(text_message("user", kUserText));
  Message call;
  call.role = "assistant";
  call.tool_calls.push_back(ToolCall{"call_1", "send_mail", kArgs});
  r.messages.push_back(call);
  Message result = text_message("tool", "Sent to jane.roe@example.org at 2024-03-15.");
  result.tool_call_id = "call_1";
  result.name = "send_mail";
  r.messages.push_back(result);
  r.tools.push_back(Tool{"send_mail", "Mails support@example.org", R"({"type":"object"})"});
  return r;
}

TEST(Redaction, MaskedRequestHoldsNoOriginal) {
  ChatRequest r = sample_request();
  Redaction red;
  const int masked = red.apply(detector(), r);
  EXPECT_EQ(masked, red.count());
  EXPECT_GE(masked, 14);
  ASSERT_FALSE(red.empty());
  for (const auto& [ph, original] : red.mapping()) {
    for (const std::string* s : all_strings(r)) {
      EXPECT_EQ(s->find(original), std::string::npos) << original << " left in: " << *s;
    }
  }
  EXPECT_TRUE(valid_json(r.messages[2].tool_calls[0].arguments))
      << r.messages[2].tool_calls[0].arguments;
  // Tool definitions are the application's own: not masked.
  EXPECT_EQ(r.tools[0].description, "Mails support@example.org");
  EXPECT_EQ(r.messages[3].name, "send_mail");
}

TEST(Redaction, PlaceholdersAreStablePerValueAndOrdinalPerKind) {
  ChatRequest r = sample_request();
  Redaction red;
  red.apply(detector(), r);
  const std::string& user = r.messages[1].parts[0].text;
  EXPECT_EQ(user.find("[EMAIL_1]"), user.rfind("[EMAIL_1]")) << "twice expected: " << user;
  EXPECT_NE(user.find("Again: [EMAIL_2]."), std::string::npos) << user;  // system prompt was 1
  EXPECT_NE(user.find("[PHONE_1]"), std::string::npos);
  EXPECT_NE(user.find("[IBAN_1]"), std::string::npos);
  EXPECT_NE(user.find("[CARD_1]"), std::string::npos);
  EXPECT_NE(user.find("[IP_1]"), std::string::npos);
  EXPECT_NE(user.find("[SECRET_1]"), std::string::npos);
  EXPECT_EQ(r.messages[0].parts[0].text, "You are helpful. Escalations: [EMAIL_1].");
  EXPECT_EQ(r.messages[3].parts[0].text, "Sent to [EMAIL_2] at 2024-03-15.");
  EXPECT_FALSE(red.salted());
}

TEST(Redaction, RoundTripRestoresTheOriginalExactly) {
  const ChatRequest original = sample_request();
  ChatRequest r = original;
  Redaction red;
  red.apply(detector(), r);
  for (std::size_t i = 0; i < r.messages.size(); ++i) {
    for (std::size_t p = 0; p < r.messages[i].parts.size(); ++p) {
      EXPECT_EQ(red.restore(r.messages[i].parts[p].text), original.messages[i].parts[p].text);
    }
  }
  // The answer echoes the masked text and the masked tool call.
  ChatResponse resp;
  resp.message = text_message("assistant", r.messages[1].parts[0].text);
  resp.message.tool_calls = r.messages[2].tool_calls;
  red.restore(resp);
  EXPECT_EQ(resp.message.parts[0].text, kUserText);
  const std::string args = resp.message.tool_calls[0].arguments;
  ASSERT_TRUE(valid_json(args)) << args;
  const boost::json::value v = boost::json::parse(args);
  EXPECT_EQ(v.at("to"), "jane.roe@example.org");
  EXPECT_EQ(v.at("iban"), "DE89370400440532013000");
  EXPECT_EQ(v.at("card"), "4111111111111111");  // a bare number comes back as a string
  EXPECT_EQ(v.at("note"), "call\n+49 30 1234 5678");
  EXPECT_EQ(v.at("nested").at("ips").at(0), "10.20.30.40");
}

TEST(Redaction, JsonValuesAcrossEscapesStayValid) {
  const std::string key =
      "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----";
  const std::string args = R"({"k":")" + key +
                           R"(","t":"tab\tDE89 3704 0044\n0532 0130 00",)"
                           R"("q":"say \"a@b.de\""})";
  ChatRequest r;
  Message m;
  m.role = "assistant";
  m.tool_calls.push_back(ToolCall{"c", "f", args});
  r.messages.push_back(m);
  Redaction red;
  EXPECT_EQ(red.apply(detector(), r), 3);
  const std::string& masked = r.messages[0].tool_calls[0].arguments;
  EXPECT_TRUE(valid_json(masked)) << masked;
  EXPECT_EQ(masked, R"({"k":"[SECRET_1]","t":"tab\t[IBAN_1]","q":"say \"[EMAIL_1]\""})");
  // The originals are the decoded values; restoring inside JSON escapes them again.
  EXPECT_EQ(red.mapping()[0].second,
            "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----");
  EXPECT_EQ(red.restore_json(masked), args);
}

TEST(Redaction, RestoreJsonOutsideStringsQuotes) {
  ChatRequest r;
  r.messages.push_back(text_message("user", "mail a@b.de"));
  Redaction red;
  red.apply(detector(), r);
  EXPECT_EQ(red.restore_json(R"({"to":[EMAIL_1],"cc":["[EMAIL_1]"]})"),
            R"({"to":"a@b.de","cc":["a@b.de"]})");
  EXPECT_EQ(red.restore_json(R"({"x":"\"[EMAIL_1]\\"})"), R"({"x":"\"a@b.de\\"})");
}

TEST(Redaction, ExistingPlaceholderLikeTextGetsSaltedPlaceholders) {
  ChatRequest r;
  r.messages.push_back(text_message("user", "Template: Dear [EMAIL_1], see [IBAN_2]. Me: a@b.de"));
  Redaction red;
  red.apply(detector(), r);
  ASSERT_TRUE(red.salted());
  ASSERT_EQ(red.mapping().size(), 1u);
  const std::string& ph = red.mapping()[0].first;
  ASSERT_EQ(ph.size(), std::string("[EMAIL_1_abcd]").size()) << ph;
  EXPECT_EQ(ph.substr(0, 9), "[EMAIL_1_");
  const std::string& masked = r.messages[0].parts[0].text;
  EXPECT_EQ(masked, "Template: Dear [EMAIL_1], see [IBAN_2]. Me: " + ph);
  // The user's own "[EMAIL_1]" is not turned into the address.
  EXPECT_EQ(red.restore(masked), "Template: Dear [EMAIL_1], see [IBAN_2]. Me: a@b.de");
}

TEST(Redaction, RestoreLeavesUnknownBracketTextUntouched) {
  ChatRequest r;
  r.messages.push_back(text_message("user", "a@b.de"));
  Redaction red;
  red.apply(detector(), r);
  for (const char* s : {"[EMAIL_2]", "[link](http://x)", "[", "]", "[[", "[EMAIL_1", "EMAIL_1]",
                        "[email_1]", "[EMAIL_1 ]", "a[b]c"}) {
    EXPECT_EQ(red.restore(s), s);
  }
  EXPECT_EQ(red.restore("[[EMAIL_1]]"), "[a@b.de]");
  EXPECT_EQ(red.restore("x[EMAIL_1][EMAIL_1]y"), "xa@b.dea@b.dey");
}

TEST(Redaction, MasksThinkingSuffixAndExtraButNotImages) {
  ChatRequest r;
  Message m = text_message("user", "see image");
  m.parts.push_back(ContentPart{ContentPart::Kind::kImage, "https://x/a@b.de.png", ""});
  m.thinking = "user is a@b.de";
  r.messages.push_back(m);
  r.suffix = "sign as c@d.de";
  r.extra.push_back(ExtraField{"user", R"("e@f.de")"});
  r.extra.push_back(ExtraField{"metadata", R"({"n":4111111111111111})"});
  Redaction red;
  EXPECT_EQ(red.apply(detector(), r), 4);
  EXPECT_EQ(r.messages[0].parts[1].text, "https://x/a@b.de.png");
  EXPECT_EQ(r.messages[0].thinking, "user is [EMAIL_1]");
  EXPECT_EQ(r.suffix, "sign as [EMAIL_2]");
  EXPECT_EQ(r.extra[0].json, R"("[EMAIL_3]")");
  EXPECT_EQ(r.extra[1].json, R"({"n":"[CARD_1]"})");
}

TEST(Redaction, NothingFoundChangesNothing) {
  ChatRequest r = sample_request();
  r.messages.resize(1);
  r.messages[0].parts[0].text = "Plain text, 2024-03-15, 1.299,00 EUR.";
  Redaction red;
  EXPECT_EQ(red.apply(detector(), r), 0);
  EXPECT_TRUE(red.empty());
  EXPECT_EQ(r.messages[0].parts[0].text, "Plain text, 2024-03-15, 1.299,00 EUR.");
  EXPECT_EQ(red.restore("[EMAIL_1] stays"), "[EMAIL_1] stays");
  Redaction::StreamRestorer s(red);
  EXPECT_EQ(s.feed("ends with ["), "ends with [");
  EXPECT_EQ(s.flush(), "");
}

TEST(Redaction, BrokenJsonArgumentsAreMaskedAsText) {
  ChatRequest r;
  Message m;
  m.role = "assistant";
  m.tool_calls.push_back(ToolCall{"c", "f", R"({"to":"a@b.de)"});
  r.messages.push_back(m);
  Redaction red;
  EXPECT_EQ(red.apply(detector(), r), 1);
  EXPECT_EQ(r.messages[0].tool_calls[0].arguments, R"({"to":"[EMAIL_1])");
}

}  // namespace
}  // namespace splitpoint::privacy
