// The circuit breaker (closed, open, half-open with exactly one trial) and the rate-limit hold.
#include "policy/health_board.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace splitpoint::policy {
namespace {

using std::chrono::milliseconds;
using C = HealthBoard::Circuit;

TEST(Circuit, OpensAfterNFailuresThenLetsExactlyOneTrialThrough) {
  HealthBoard board(1, HealthBoard::Options{2, milliseconds(1000)});
  const Clock::time_point t0 = Clock::now();
  board.record_failure(0, t0);
  EXPECT_EQ(board.circuit(0, t0), C::kClosed);
  board.record_failure(0, t0);
  EXPECT_EQ(board.circuit(0, t0), C::kOpen);
  EXPECT_FALSE(board.admit(0, t0 + milliseconds(999)));
  const auto later = t0 + milliseconds(1000);
  EXPECT_EQ(board.circuit(0, later), C::kHalfOpen);
  EXPECT_TRUE(board.healthy(0, later));
  EXPECT_TRUE(board.admit(0, later));    // the trial
  EXPECT_FALSE(board.admit(0, later));   // nobody else meanwhile
  EXPECT_FALSE(board.healthy(0, later));  // so the router skips it too
  board.record_success(0);
  EXPECT_EQ(board.circuit(0, later), C::kClosed);
  EXPECT_TRUE(board.admit(0, later));
  EXPECT_TRUE(board.admit(0, later));
}

TEST(Circuit, AFailedTrialReopensAndAReleasedOneFreesTheSlot) {
  HealthBoard board(1, HealthBoard::Options{1, milliseconds(100)});
  const Clock::time_point t0 = Clock::now();
  board.record_failure(0, t0);
  const auto t1 = t0 + milliseconds(100);
  ASSERT_TRUE(board.admit(0, t1));
  board.release(0);  // e.g. the client went away: says nothing about the provider
  ASSERT_TRUE(board.admit(0, t1));
  board.record_failure(0, t1);
  EXPECT_EQ(board.circuit(0, t1 + milliseconds(99)), C::kOpen);
  EXPECT_EQ(board.circuit(0, t1 + milliseconds(100)), C::kHalfOpen);
}

TEST(Circuit, ConcurrentCallersGetOneTrial) {
  HealthBoard board(1, HealthBoard::Options{1, milliseconds(1)});
  const Clock::time_point t0 = Clock::now();
  board.record_failure(0, t0);
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int k = 0; k < 8; ++k) {
    threads.emplace_back([&] {
      if (board.admit(0, t0 + milliseconds(5))) admitted.fetch_add(1);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(admitted.load(), 1);
}

TEST(Hold, MakesAProviderUnhealthyUntilTheGivenTimeWithoutOpeningItsCircuit) {
  HealthBoard board(2);
  const Clock::time_point t0 = Clock::now();
  board.hold(0, t0 + milliseconds(500));
  board.hold(0, t0 + milliseconds(100));  // does not shorten
  EXPECT_FALSE(board.healthy(0, t0 + milliseconds(499)));
  EXPECT_FALSE(board.admit(0, t0 + milliseconds(499)));
  EXPECT_EQ(board.circuit(0, t0), C::kClosed);
  EXPECT_TRUE(board.held(0, t0 + milliseconds(499)));
  EXPECT_FALSE(board.held(0, t0 + milliseconds(500)));
  EXPECT_FALSE(board.held(1, t0));
  EXPECT_FALSE(board.held(7, t0));
  EXPECT_TRUE(board.healthy(0, t0 + milliseconds(500)));
  EXPECT_TRUE(board.healthy(1, t0));
  EXPECT_STREQ(circuit_name(C::kHalfOpen), "half_open");
}

}  // namespace
}  // namespace splitpoint::policy
