// Internal to ProviderDispatcher: one kind of upstream call (a whole answer or a stream), made
// once per attempt by run_plan(), and forked into two lanes when a call is hedged. Per request;
// not thread-safe.
#pragma once

#include <memory>
#include <optional>

#include <boost/asio/awaitable.hpp>

#include "server/dispatcher.h"
#include "server/restoring_sink.h"

namespace splitpoint::server {

class ProviderDispatcher::Attempt {
 public:
  virtual ~Attempt() = default;
  // Calls `provider` with `request`; `redaction` (nullable) restores masked values in the answer.
  virtual boost::asio::awaitable<Status> call(LanguageModelProvider& provider,
                                              const ChatRequest& request, const CallContext& ctx,
                                              const privacy::Redaction* redaction) = 0;
  // Whether any part of the answer reached the client (then nothing may be retried).
  virtual bool delivered() const { return false; }
  virtual double ttft_ms() const { return -1; }
  virtual std::optional<Usage> usage() const = 0;
  // A fresh attempt of the same kind for one lane of a hedge; a stream writes through `gate`.
  virtual std::unique_ptr<Attempt> lane(ChunkSink& gate) const = 0;
  // Takes over the outcome of a lane (the hedge's winner).
  virtual void adopt(Attempt& lane) = 0;
};

class ProviderDispatcher::CompleteAttempt final : public Attempt {
 public:
  boost::asio::awaitable<Status> call(LanguageModelProvider& provider, const ChatRequest& request,
                                      const CallContext& ctx,
                                      const privacy::Redaction* redaction) override {
    Result<ChatResponse> r = co_await provider.complete(request, ctx);
    if (!r.ok()) co_return r.status();
    answer = std::move(r).value();
    if (redaction != nullptr) redaction->restore(*answer);
    co_return Status::OK();
  }
  std::optional<Usage> usage() const override { return answer ? answer->usage : std::nullopt; }
  std::unique_ptr<Attempt> lane(ChunkSink& /*gate*/) const override {
    return std::make_unique<CompleteAttempt>();
  }
  void adopt(Attempt& lane) override { answer = std::move(static_cast<CompleteAttempt&>(lane).answer); }

  std::optional<ChatResponse> answer;
};

class ProviderDispatcher::StreamAttempt final : public Attempt {
 public:
  explicit StreamAttempt(ChunkSink& sink) : sink_(sink) {}
  boost::asio::awaitable<Status> call(LanguageModelProvider& provider, const ChatRequest& request,
                                      const CallContext& ctx,
                                      const privacy::Redaction* redaction) override {
    RestoringSink watch(sink_, redaction);
    Status s = co_await provider.stream(request, ctx, watch);
    if (s.is_ok()) s = co_await watch.finish();
    delivered_ = delivered_ || watch.delivered();
    ttft_ms_ = watch.ttft_ms();
    usage_ = watch.usage();
    co_return s;
  }
  bool delivered() const override { return delivered_; }
  double ttft_ms() const override { return ttft_ms_; }
  std::optional<Usage> usage() const override { return usage_; }
  std::unique_ptr<Attempt> lane(ChunkSink& gate) const override {
    return std::make_unique<StreamAttempt>(gate);
  }
  void adopt(Attempt& lane) override {
    delivered_ = delivered_ || lane.delivered();
    ttft_ms_ = lane.ttft_ms();
    usage_ = lane.usage();
  }

 private:
  ChunkSink& sink_;
  bool delivered_ = false;
  double ttft_ms_ = -1;
  std::optional<Usage> usage_;
};

}  // namespace splitpoint::server
