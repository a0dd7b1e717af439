// A ChunkSink between a provider and the client's sink: restores masked values in the streamed
// text (content and tool-call arguments; a placeholder split across chunks is held back until it
// completes), and observes the stream for the live state (delivered?, time to first token, usage).
// Per call; not thread-safe.
#pragma once

#include <map>
#include <optional>

#include "privacy/redactor.h"
#include "splitpoint/provider.h"

namespace splitpoint::server {

class RestoringSink final : public ChunkSink {
 public:
  // `redaction` null: nothing to restore (chunks pass through unchanged). Both borrowed.
  RestoringSink(ChunkSink& inner, const privacy::Redaction* redaction);

  boost::asio::awaitable<Status> on_chunk(const StreamChunk& chunk) override;
  // After the upstream ended normally: sends text still held back, if any.
  boost::asio::awaitable<Status> finish();

  bool delivered() const { return delivered_; }
  double ttft_ms() const { return ttft_ms_; }  // -1 if no content arrived
  double total_ms() const;
  const std::optional<Usage>& usage() const { return usage_; }

 private:
  std::string flush_all(StreamChunk& chunk);

  ChunkSink& inner_;
  const privacy::Redaction* redaction_;
  std::optional<privacy::Redaction::StreamRestorer> content_;
  std::map<int, privacy::Redaction::StreamRestorer> args_;  // by tool-call index
  Clock::time_point start_ = Clock::now();
  double ttft_ms_ = -1;
  bool delivered_ = false;
  std::optional<Usage> usage_;
};

}  // namespace splitpoint::server
