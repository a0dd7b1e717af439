#include "stream/framing.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace splitpoint::stream {
namespace {

using Event = std::pair<std::string, std::string>;  // (event name, data)

struct SseCollector {
  std::vector<Event> events;
  SseParser::EventHandler handler() {
    return [this](std::string_view event, std::string_view data) {
      events.emplace_back(std::string(event), std::string(data));
      return Status::OK();
    };
  }
};

// Feeds `input` in the pieces cut at `cuts` (ascending offsets) and returns the events.
std::vector<Event> sse_parse(std::string_view input, const std::vector<std::size_t>& cuts,
                             Status* status_out = nullptr) {
  SseParser parser;
  SseCollector c;
  std::size_t from = 0;
  Status status;
  for (std::size_t cut : cuts) {
    status = parser.feed(input.substr(from, cut - from), c.handler());
    if (!status) break;
    from = cut;
  }
  if (status) status = parser.feed(input.substr(from), c.handler());
  if (status_out) *status_out = status;
  return c.events;
}

const std::vector<Event> kExpected = {
    {"", R"({"a":1})"}, {"", "line one\nline two"}, {"delta", "x"}, {"", ""}, {"", "[DONE]"},
};

std::string sse_input(std::string_view eol) {
  std::string s;
  auto line = [&](std::string_view l) { s.append(l).append(eol); };
  line(R"(data: {"a":1})");
  line("");
  line(": keep-alive comment");
  line("id: 7");
  line("data: line one");
  line("data:line two");
  line("retry: 100");
  line("");
  line("event: delta");
  line("data: x");
  line("");
  line("event: ignored-without-data");
  line("");
  line("data");
  line("");
  line("data: [DONE]");
  line("");
  return s;
}

TEST(SseParser, WholeInputInOneFeed) {
  for (std::string_view eol : {"\n", "\r\n", "\r"}) {
    EXPECT_EQ(sse_parse(sse_input(eol), {}), kExpected) << "eol size " << eol.size();
  }
}

TEST(SseParser, SplitAtEveryBytePosition) {
  for (std::string_view eol : {"\n", "\r\n", "\r"}) {
    const std::string input = sse_input(eol);
    for (std::size_t i = 0; i <= input.size(); ++i) {
      ASSERT_EQ(sse_parse(input, {i}), kExpected) << "split at " << i << " eol " << eol.size();
    }
  }
}

TEST(SseParser, SplitAtEveryPairOfPositions) {
  const std::string input = sse_input("\r\n");
  for (std::size_t i = 0; i <= input.size(); ++i) {
    for (std::size_t j = i; j <= input.size(); ++j) {
      ASSERT_EQ(sse_parse(input, {i, j}), kExpected) << "split at " << i << "," << j;
    }
  }
}

TEST(SseParser, OneByteAtATime) {
  const std::string input = sse_input("\r\n");
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < input.size(); ++i) cuts.push_back(i);
  EXPECT_EQ(sse_parse(input, cuts), kExpected);
}

TEST(SseParser, SeveralFramesInOneFeed) {
  SseParser parser;
  SseCollector c;
  ASSERT_TRUE(parser.feed("data: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4", c.handler()));
  ASSERT_EQ(c.events.size(), 3u);
  EXPECT_EQ(c.events[2].second, "3");
  EXPECT_TRUE(parser.has_partial());
  ASSERT_TRUE(parser.feed("2\n\n", c.handler()));
  ASSERT_EQ(c.events.size(), 4u);
  EXPECT_EQ(c.events[3].second, "42");
  EXPECT_FALSE(parser.has_partial());
}

TEST(SseParser, DataLineKeptAcrossFeedsUntilBlankLine) {
  SseParser parser;
  SseCollector c;
  ASSERT_TRUE(parser.feed("data: first\n", c.handler()));
  EXPECT_TRUE(c.events.empty());
  EXPECT_TRUE(parser.has_partial());
  ASSERT_TRUE(parser.feed("data: second\n", c.handler()));
  ASSERT_TRUE(parser.feed("\n", c.handler()));
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].second, "first\nsecond");
}

TEST(SseParser, CrLfSplitBetweenFeedsIsOneLineEnd) {
  SseParser parser;
  SseCollector c;
  ASSERT_TRUE(parser.feed("data: a\r", c.handler()));
  ASSERT_TRUE(parser.feed("\n", c.handler()));  // not a blank line
  EXPECT_TRUE(c.events.empty());
  ASSERT_TRUE(parser.feed("\r\n", c.handler()));
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].second, "a");
}

TEST(SseParser, OversizedFrameIsAnError) {
  SseParser parser(16);
  SseCollector c;
  Status s = parser.feed("data: 0123456789abcdefXYZ\n\n", c.handler());
  EXPECT_EQ(s.code(), StatusCode::kUpstream);
  EXPECT_TRUE(c.events.empty());
}

TEST(SseParser, OversizedFrameAcrossFeedsIsAnError) {
  SseParser parser(16);
  SseCollector c;
  ASSERT_TRUE(parser.feed("data: 0123", c.handler()));
  Status s = parser.feed("456789abcdefXYZ", c.handler());
  EXPECT_EQ(s.code(), StatusCode::kUpstream);
}

TEST(SseParser, OversizedMultiLineDataIsAnError) {
  SseParser parser(16);
  SseCollector c;
  ASSERT_TRUE(parser.feed("data: 0123456789\n", c.handler()));
  Status s = parser.feed("data: 0123456789\n\n", c.handler());
  EXPECT_EQ(s.code(), StatusCode::kUpstream);
  EXPECT_TRUE(c.events.empty());
}

TEST(SseParser, FrameAtTheLimitIsAccepted) {
  SseParser parser(16);
  SseCollector c;
  ASSERT_TRUE(parser.feed("data: 0123456789abcde\n\n", c.handler()));
  ASSERT_EQ(c.events.size(), 1u);
}

TEST(SseParser, HandlerErrorStopsParsing) {
  SseParser parser;
  int calls = 0;
  auto handler = [&](std::string_view, std::string_view data) {
    ++calls;
    return data == "stop" ? Status::cancelled("client gone") : Status::OK();
  };
  Status s = parser.feed("data: go\n\ndata: stop\n\ndata: never\n\n", handler);
  EXPECT_EQ(s.code(), StatusCode::kCancelled);
  EXPECT_EQ(s.message(), "client gone");
  EXPECT_EQ(calls, 2);
}

struct LineCollector {
  std::vector<std::string> lines;
  NdjsonParser::LineHandler handler() {
    return [this](std::string_view line) {
      lines.emplace_back(line);
      return Status::OK();
    };
  }
};

const std::vector<std::string> kLines = {R"({"a":1})", R"({"b":[1,2]})", R"({"done":true})"};

std::string ndjson_input(std::string_view eol) {
  std::string s;
  for (const std::string& l : kLines) s.append(l).append(eol).append(eol == "\n" ? "\n" : "");
  return s;
}

TEST(NdjsonParser, SplitAtEveryBytePosition) {
  for (std::string_view eol : {"\n", "\r\n"}) {
    const std::string input = ndjson_input(eol);
    for (std::size_t i = 0; i <= input.size(); ++i) {
      for (std::size_t j = i; j <= input.size(); ++j) {
        NdjsonParser parser;
        LineCollector c;
        ASSERT_TRUE(parser.feed(std::string_view(input).substr(0, i), c.handler()));
        ASSERT_TRUE(parser.feed(std::string_view(input).substr(i, j - i), c.handler()));
        ASSERT_TRUE(parser.feed(std::string_view(input).substr(j), c.handler()));
        ASSERT_TRUE(parser.finish(c.handler()));
        ASSERT_EQ(c.lines, kLines) << "split at " << i << "," << j << " eol " << eol.size();
      }
    }
  }
}

TEST(NdjsonParser, FinishDeliversAnUnterminatedLastLine) {
  NdjsonParser parser;
  LineCollector c;
  ASSERT_TRUE(parser.feed("{\"a\":1}\n{\"b\"", c.handler()));
  ASSERT_EQ(c.lines.size(), 1u);
  ASSERT_TRUE(parser.feed(":2}", c.handler()));
  ASSERT_TRUE(parser.finish(c.handler()));
  ASSERT_EQ(c.lines.size(), 2u);
  EXPECT_EQ(c.lines[1], "{\"b\":2}");
  ASSERT_TRUE(parser.finish(c.handler()));  // nothing left
  EXPECT_EQ(c.lines.size(), 2u);
}

TEST(NdjsonParser, OversizedLineIsAnError) {
  NdjsonParser complete(8);
  LineCollector c;
  EXPECT_EQ(complete.feed("0123456789\n", c.handler()).code(), StatusCode::kUpstream);
  NdjsonParser partial(8);
  EXPECT_EQ(partial.feed("0123456789", c.handler()).code(), StatusCode::kUpstream);
  NdjsonParser spanning(8);
  ASSERT_TRUE(spanning.feed("01234", c.handler()));
  EXPECT_EQ(spanning.feed("56789\n", c.handler()).code(), StatusCode::kUpstream);
  EXPECT_TRUE(c.lines.empty());
}

TEST(NdjsonParser, HandlerErrorStopsParsing) {
  for (bool spanning : {false, true}) {
    NdjsonParser parser;
    int calls = 0;
    auto handler = [&](std::string_view) {
      ++calls;
      return Status::cancelled("stop");
    };
    if (spanning) {
      ASSERT_TRUE(parser.feed("{\"a\"", handler));
    }
    Status s = parser.feed(":1}\n{}\n{}\n", handler);
    EXPECT_EQ(s.code(), StatusCode::kCancelled);
    EXPECT_EQ(calls, 1);
  }
}

TEST(SseFrame, FramesData) {
  EXPECT_EQ(sse_frame(R"({"x":1})"), "data: {\"x\":1}\n\n");
  EXPECT_EQ(sse_frame(""), "data: \n\n");
  EXPECT_EQ(kSseDone, "data: [DONE]\n\n");
}

TEST(SseFrame, MultiLineDataRoundTrips) {
  std::string frame = sse_frame("a\nb\n");
  EXPECT_EQ(frame, "data: a\ndata: b\ndata: \n\n");
  SseParser parser;
  SseCollector c;
  ASSERT_TRUE(parser.feed(frame, c.handler()));
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].second, "a\nb\n");
}

}  // namespace
}  // namespace splitpoint::stream
