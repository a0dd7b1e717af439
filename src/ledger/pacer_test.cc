#include "ledger/pacer.h"

#include <vector>

#include <gtest/gtest.h>

namespace splitpoint::ledger {
namespace {

using std::chrono::microseconds;

// A clock that moves only when the test (work) or the pacer (sleep) moves it.
struct FakeTime {
  Pacer::Clock::time_point t{};
  std::vector<Pacer::Clock::duration> sleeps;
  Pacer pacer() {
    return Pacer([this] { return t; },
                 [this](Pacer::Clock::duration d) {
                   sleeps.push_back(d);
                   t += d;
                 });
  }
};

TEST(Pacer, SleepsRestTimesAsLongAsTheWorkSinceTheLastPause) {
  FakeTime time;
  Pacer p = time.pacer();
  p.start(2);
  time.t += microseconds(100);
  p.pause();
  time.t += microseconds(30);
  p.pause();
  ASSERT_EQ(time.sleeps.size(), 2u);
  EXPECT_EQ(time.sleeps[0], microseconds(200));
  EXPECT_EQ(time.sleeps[1], microseconds(60));  // the first sleep is not counted as work
}

TEST(Pacer, TakesAtMostHalfTheCoreOverManyPiecesAtRestOne) {
  FakeTime time;
  Pacer p = time.pacer();
  p.start(1);
  const auto begin = time.t;
  Pacer::Clock::duration worked{};
  for (int i = 0; i < 1000; ++i) {
    const microseconds piece(20 + (i * 37) % 300);
    time.t += piece;
    worked += piece;
    p.pause();
  }
  EXPECT_EQ(worked * 2, time.t - begin);
}

TEST(Pacer, RestZeroNeverSleeps) {
  FakeTime time;
  Pacer p = time.pacer();
  p.start(0);
  for (int i = 0; i < 10; ++i) {
    time.t += microseconds(500);
    p.pause();
  }
  EXPECT_TRUE(time.sleeps.empty());
}

TEST(Pacer, ALongPieceSleepsAtMostTheCapAndWaitingIsNotWork) {
  FakeTime time;
  Pacer p = time.pacer();
  p.start(1);
  time.t += std::chrono::seconds(1);  // e.g. a checkpoint
  p.pause();
  ASSERT_EQ(time.sleeps.size(), 1u);
  EXPECT_EQ(time.sleeps[0], Pacer::kMaxPause);
  time.t += std::chrono::hours(1);  // waiting for work
  p.start(3);
  time.t += microseconds(10);
  p.pause();
  EXPECT_EQ(time.sleeps[1], microseconds(30));
}

}  // namespace
}  // namespace splitpoint::ledger
