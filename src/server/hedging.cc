// ProviderDispatcher::hedge(): when plan entry k has not produced a first byte after its
// hedge_after, entry k+1 is started too; the first lane to produce a first byte (a stream chunk,
// or a whole answer) wins and the other lane is cancelled. Streaming and non-streaming.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include "server/attempt.h"

namespace splitpoint::server {
namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using router::Plan;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// The state two lanes share. Lane 0 is the primary, lane 1 the hedge. Cancelling stop[i] ends
// lane i; cancelling start_hedge starts lane 1 before its delay (the primary failed).
struct Race {
  explicit Race(const asio::any_io_executor& ex, std::chrono::milliseconds delay)
      : stop{asio::steady_timer(ex, Clock::time_point::max()),
             asio::steady_timer(ex, Clock::time_point::max())},
        start_hedge(ex, Clock::now() + delay) {}
  // Lane `i` has its first byte: true if it is (now) the winner.
  bool claim(int i) {
    if (winner < 0) {
      winner = i;
      stop[1 - i].cancel();
      if (on_win) on_win(i);
    }
    return winner == i;
  }
  int winner = -1;
  asio::steady_timer stop[2];
  asio::steady_timer start_hedge;
  std::function<void(int)> on_win;  // switches the route before the winner's first byte goes out
};

// Passes a lane's chunks to the client once the lane has won; a losing lane's chunk stops it.
class GateSink final : public ChunkSink {
 public:
  GateSink(Race& race, int lane, ChunkSink* inner) : race_(race), lane_(lane), inner_(inner) {}
  asio::awaitable<Status> on_chunk(const StreamChunk& chunk) override {
    if (!race_.claim(lane_)) co_return Status::cancelled("hedge: the other provider won");
    co_return co_await inner_->on_chunk(chunk);
  }

 private:
  Race& race_;
  int lane_;
  ChunkSink* inner_;
};

}  // namespace

asio::awaitable<Status> ProviderDispatcher::hedge(api::Route& route, std::size_t k,
                                                  const ChatRequest& request, Attempt& attempt,
                                                  ChunkSink* sink, Clock::time_point deadline,
                                                  int& attempts, std::size_t& next) {
  auto& plan = *std::static_pointer_cast<Plan>(route.plan);
  const std::size_t k2 = k + 1;
  const std::size_t i2 = plan.order[k2];
  const auto delay = providers_[plan.order[k]]->descriptor().hedge_after;
  Race race(co_await asio::this_coro::executor, delay);
  const std::string first = route.provider;
  race.on_win = [&](int lane) {
    if (lane != 1) return;
    const Status why = Status::deadline("no first byte after " + std::to_string(delay.count()) +
                                        " ms; hedged");
    fall_back(route, plan, k2, why);
  };
  GateSink gates[2] = {GateSink(race, 0, sink), GateSink(race, 1, sink)};
  const std::unique_ptr<Attempt> lanes[2] = {attempt.lane(gates[0]), attempt.lane(gates[1])};
  bool hedged = false;

  auto primary = [&]() -> asio::awaitable<Status> {
    auto r = co_await (try_provider(route, k, request, *lanes[0], deadline, attempts) ||
                       race.stop[0].async_wait(kTuple));
    Status s = r.index() == 0 ? std::get<0>(r) : Status::cancelled("hedge: lost");
    if (s.is_ok()) race.claim(0);
    if (!s.is_ok() && race.winner < 0) {
      // A failure another provider may not share starts the hedge now; any other ends it.
      (worth_falling_back(s) ? race.start_hedge : race.stop[1]).cancel();
    }
    co_return s;
  };
  auto secondary = [&]() -> asio::awaitable<Status> {
    auto go = co_await (race.start_hedge.async_wait(kTuple) || race.stop[1].async_wait(kTuple));
    if (go.index() == 1 || race.winner >= 0 || attempts >= planner_.config().router.max_attempts ||
        !state_.health.admit(i2)) {
      co_return Status::cancelled("hedge: not started");
    }
    if (!state_.slots.acquire(i2)) {
      state_.health.release(i2);
      co_return Status::cancelled("hedge: not started");
    }
    hedged = true;
    spdlog::info("hedge: {} has no first byte after {} ms, starting {}", first, delay.count(),
                 planner_.config().providers[i2].name);
    auto r = co_await (try_provider(route, k2, request, *lanes[1], deadline, attempts) ||
                       race.stop[1].async_wait(kTuple));
    state_.slots.release(i2);
    Status s = r.index() == 0 ? std::get<0>(r) : Status::cancelled("hedge: lost");
    if (s.is_ok()) race.claim(1);
    co_return s;
  };
  auto [s0, s1] = co_await (primary() && secondary());
  next = hedged ? k2 + 1 : k + 1;
  if (race.winner == 1 || (race.winner < 0 && hedged && !s0.is_ok() && s1.is_ok())) {
    attempt.adopt(*lanes[1]);
    co_return s1;
  }
  attempt.adopt(*lanes[0]);
  if (race.winner < 0 && hedged && !lanes[0]->delivered() && worth_falling_back(s1)) {
    if (route.provider_index != i2) fall_back(route, plan, k2, s0);
    co_return s1;  // both failed: the later candidate's error; the plan goes on after k2
  }
  co_return s0;
}

}  // namespace splitpoint::server
