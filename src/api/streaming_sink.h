// Streaming a chat answer to the client, shared by both front doors.
//
// The response begins lazily: nothing reaches the client until the first non-empty encoded piece
// (or the successful end), so an upstream error before that can still be answered as an ordinary
// error response with the right HTTP status. Each encoded piece is written (and flushed) at once;
// nothing is buffered. Not thread-safe; one per exchange.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "api/dispatcher.h"
#include "api/exchange.h"
#include "api/front_door.h"
#include "splitpoint/provider.h"
#include "splitpoint/status.h"

namespace splitpoint::api {

// The response side of a lazily begun stream. Borrows `exchange`; `content_type` must outlive
// the object (the doors pass string literals).
class LazyStream {
 public:
  // The route's headers are taken when the stream begins (after any fallback), then `extra`.
  LazyStream(Exchange& exchange, std::string_view content_type, const Route& route,
             Headers extra)
      : exchange_(exchange), content_type_(content_type), route_(route), extra_(std::move(extra)) {}

  // Begins the stream (status 200) if it has not begun, then writes `bytes` as one write.
  // Empty `bytes` send nothing. A non-OK Status means the client is gone.
  boost::asio::awaitable<Status> send(std::string_view bytes);
  // Sends `tail` as send() does (beginning the stream if it has not begun), then ends it.
  // Does nothing once the client is gone.
  boost::asio::awaitable<void> close(std::string_view tail);

  bool begun() const { return begun_; }
  bool client_gone() const { return client_gone_; }
  // Begun and the client still there: a piece may go straight to exchange().write(), reporting
  // a failed write with lost_client().
  bool writing() const { return begun_ && !client_gone_; }
  void lost_client() { client_gone_ = true; }
  Exchange& exchange() { return exchange_; }

 private:
  Exchange& exchange_;
  std::string_view content_type_;
  const Route& route_;
  Headers extra_;
  boost::asio::awaitable<Status> begin();
  bool begun_ = false;
  bool client_gone_ = false;
};

// A ChunkSink that encodes each chunk with `Encoder` (wire::openai::ChatStreamEncoder or
// wire::ollama::ChatStreamEncoder: encode_into(chunk, bytes), bytes possibly "") and sends it at
// once. One buffer serves every chunk: it is reused only after the previous send completed.
template <typename Encoder>
class EncodingSink final : public ChunkSink {
 public:
  EncodingSink(LazyStream& out, Encoder& encoder) : out_(out), encoder_(encoder) {}
  boost::asio::awaitable<Status> on_chunk(const StreamChunk& chunk) override {
    count(chunk);
    encoder_.encode_into(chunk, bytes_);
    if (!out_.writing()) co_return co_await out_.send(bytes_);
    // Once the stream has begun, what send() does, without its coroutine frame per chunk.
    if (bytes_.empty()) co_return Status::OK();
    Status written = co_await out_.exchange().write(bytes_);
    if (!written.is_ok()) out_.lost_client();
    co_return written;
  }
  // Puts the tokens of the streamed answer into the exchange's record (the usage the provider
  // reported, else an estimate from the text streamed).
  void note_tokens() const {
    RequestRecord& record = out_.exchange().record;
    if (usage_) {
      record.input_tokens = usage_->prompt_tokens;
      record.output_tokens = usage_->completion_tokens;
      record.tokens_estimated = false;
    } else {
      record.output_tokens = estimate_tokens(text_bytes_);
    }
  }

 private:
  void count(const StreamChunk& chunk) {
    if (chunk.usage) usage_ = chunk.usage;
    text_bytes_ += chunk.content.size() + chunk.thinking.size();
    for (const ToolCallDelta& d : chunk.tool_calls) text_bytes_ += d.arguments.size();
  }

  LazyStream& out_;
  Encoder& encoder_;
  std::optional<Usage> usage_;
  std::size_t text_bytes_ = 0;
  std::string bytes_;  // the encoded chunk being sent
};

// Streams the answer to `request` along `route` to `exchange`, encoded by `encoder` (which also
// provides finish() -> closing bytes and error(Status) -> an in-stream error piece).
// Returns OK when the response is complete: the answer ended normally (finish() sent), or failed
// after the stream had begun (error() sent, stream ended), or the client went away. Returns the
// dispatcher's error unchanged when it failed before anything was sent; the caller must then
// answer with an ordinary error response.
template <typename Encoder>
boost::asio::awaitable<Status> stream_chat(Dispatcher& dispatcher, Exchange& exchange,
                                           Route& route, const ChatRequest& request,
                                           Encoder& encoder, std::string_view content_type,
                                           Headers extra_headers) {
  LazyStream out(exchange, content_type, route, std::move(extra_headers));
  EncodingSink<Encoder> sink(out, encoder);
  Status status = co_await dispatcher.stream(route, request, sink);
  sink.note_tokens();
  if (!status.is_ok()) exchange.record.error = status.message();
  if (out.client_gone()) co_return Status::OK();
  if (!status.is_ok() && !out.begun()) co_return status;
  const std::string tail = status.is_ok() ? encoder.finish() : encoder.error(status);
  co_await out.close(tail);
  co_return Status::OK();
}

}  // namespace splitpoint::api
