#include "api/front_door.h"

#include <gtest/gtest.h>

namespace splitpoint::api {
namespace {

ChatRequest chat(std::string text) {
  ChatRequest r;
  r.model = "auto";
  r.stream = true;
  r.messages.push_back(Message{"user", {ContentPart{ContentPart::Kind::kText, std::move(text)}}});
  return r;
}

// Keeps what it is handed; says whether it was a copy (record) or a move (take).
struct Keeper final : Recorder {
  std::vector<std::string> got;
  void record(const RequestRecord& r) override { got.push_back("copy " + r.provider); }
  void take(RequestRecord&& r) override { got.push_back("moved " + std::move(r.provider)); }
};

TEST(RecorderList, EveryRecorderSeesTheRecordAndOnlyTheLastTakesIt) {
  RecorderList list;
  auto first = std::make_shared<Keeper>();
  auto last = std::make_shared<Keeper>();
  list.add(first);
  list.add(last);
  RequestRecord r;
  r.provider = "home-gpu";
  list.take(std::move(r));
  EXPECT_EQ(first->got, std::vector<std::string>{"copy home-gpu"});
  EXPECT_EQ(last->got, std::vector<std::string>{"moved home-gpu"});
  RecorderList empty;
  empty.take(RequestRecord{});  // nothing to hand to: no crash
}

TEST(RecordFilling, RequestGivesModelHintsAndAnInputEstimate) {
  RequestRecord record;
  const RouteHints hints{"cloud", std::string(500, 't')};
  note_request(record, chat(std::string(400, 'x')), hints);
  EXPECT_EQ(record.requested_model, "auto");
  EXPECT_TRUE(record.stream);
  EXPECT_EQ(record.pinned_tier, "cloud");
  EXPECT_EQ(record.task.size(), 64u);  // a client's header value is bounded
  EXPECT_EQ(record.input_tokens, 100);
  EXPECT_TRUE(record.tokens_estimated);
}

TEST(RecordFilling, AnswerUsageWinsOverTheEstimate) {
  RequestRecord record;
  note_request(record, chat("abcd"), {});
  ChatResponse answer;
  answer.message.parts.push_back(ContentPart{ContentPart::Kind::kText, std::string(41, 'y')});
  note_answer(record, answer);
  EXPECT_EQ(record.output_tokens, 11);
  EXPECT_TRUE(record.tokens_estimated);
  answer.usage = Usage{7, 3};
  note_answer(record, answer);
  EXPECT_EQ(record.input_tokens, 7);
  EXPECT_EQ(record.output_tokens, 3);
  EXPECT_FALSE(record.tokens_estimated);
}

TEST(RecordFilling, RouteGivesTheDecisionAndTheFallbacks) {
  RequestRecord record;
  Route route;
  route.tier = Tier::kCloud;
  route.provider = "openai";
  route.model = "gpt-4o";
  route.reason = "alias cloud";
  route.score = 0.7;
  route.redactions = 2;
  route.fallbacks = {"home-gpu"};
  struct Fixed final : FeaturesSource {
    std::string encode() const override { return "{\"v\":1}"; }
  };
  route.features = std::make_shared<Fixed>();
  note_route(record, route);
  EXPECT_EQ(record.tier, "cloud");
  EXPECT_EQ(record.provider, "openai");
  EXPECT_EQ(record.reasons, std::vector<std::string>{"alias cloud"});  // no per-policy reasons
  EXPECT_EQ(record.fallbacks, std::vector<std::string>{"home-gpu"});
  EXPECT_EQ(record.redactions, 2);
  EXPECT_EQ(record.features_text(), "{\"v\":1}");
}

}  // namespace
}  // namespace splitpoint::api
