#include "server/restoring_sink.h"

namespace splitpoint::server {

RestoringSink::RestoringSink(ChunkSink& inner, const privacy::Redaction* redaction)
    : inner_(inner), redaction_(redaction) {
  if (redaction_ != nullptr) content_.emplace(*redaction_);
}

double RestoringSink::total_ms() const {
  return std::chrono::duration<double, std::milli>(Clock::now() - start_).count();
}

std::string RestoringSink::flush_all(StreamChunk& chunk) {
  for (auto& [index, restorer] : args_) {
    std::string rest = restorer.flush();
    if (rest.empty()) continue;
    ToolCallDelta d;
    d.index = index;
    d.arguments = std::move(rest);
    chunk.tool_calls.push_back(std::move(d));
  }
  args_.clear();
  return content_ ? content_->flush() : std::string();
}

boost::asio::awaitable<Status> RestoringSink::on_chunk(const StreamChunk& chunk) {
  if (chunk.usage) usage_ = chunk.usage;
  if (ttft_ms_ < 0 && (!chunk.content.empty() || !chunk.tool_calls.empty())) ttft_ms_ = total_ms();
  delivered_ = true;
  if (redaction_ == nullptr) co_return co_await inner_.on_chunk(chunk);
  StreamChunk out = chunk;
  out.content = content_->feed(chunk.content);
  for (ToolCallDelta& d : out.tool_calls) {
    auto it = args_
                  .try_emplace(d.index, *redaction_,
                               privacy::Redaction::StreamRestorer::Mode::kJson)
                  .first;
    d.arguments = it->second.feed(d.arguments);
  }
  if (chunk.finish_reason != FinishReason::kNone) out.content += flush_all(out);
  co_return co_await inner_.on_chunk(out);
}

boost::asio::awaitable<Status> RestoringSink::finish() {
  if (redaction_ == nullptr) co_return Status::OK();
  StreamChunk tail;
  tail.content = flush_all(tail);
  if (tail.content.empty() && tail.tool_calls.empty()) co_return Status::OK();
  co_return co_await inner_.on_chunk(tail);
}

}  // namespace splitpoint::server
