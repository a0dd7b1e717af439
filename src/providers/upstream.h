// Internal to src/providers: what the HTTP providers share. An Upstream owns the provider's
// descriptor and its http::Client, builds authenticated requests, computes call deadlines and runs
// the two call shapes every provider needs (a whole JSON answer, a framed stream of chunks).
//
// Bad base URL: the factories cannot report errors, so an Upstream whose descriptor.base_url does
// not parse still constructs; every call on it then fails with kInvalidArgument naming the URL.
// Thread-safety: none (one executor, like http::Client).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/verb.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/client.h"
#include "splitpoint/provider.h"

namespace splitpoint::providers {

// Maps an upstream non-2xx answer to a Status (the codecs' decode_error).
using ErrorDecoder = Status (*)(int http_status, std::string_view body);

// Turns the bytes of a streamed answer into chunks. One instance per stream.
class StreamDecoder {
 public:
  virtual ~StreamDecoder() = default;
  // Parses `bytes` (any slice of the body); appends decoded chunks to `out`.
  virtual Status feed(std::string_view bytes, std::vector<StreamChunk>& out) = 0;
  // The body ended: flushes a trailing unterminated frame, if the format allows one.
  virtual Status finish(std::vector<StreamChunk>& out) = 0;
  // True once the format's terminator was seen (Ollama done:true, OpenAI [DONE]).
  virtual bool done() const = 0;
};

// `request` with its stream flag set to `stream`; copies it (into `storage`) only if it differs.
const ChatRequest& with_stream_flag(const ChatRequest& request, bool stream,
                                    std::optional<ChatRequest>& storage);

class Upstream {
 public:
  // `decode_error` maps the upstream's non-2xx answers (the codec's decode_error).
  Upstream(boost::asio::any_io_executor executor, ProviderDescriptor descriptor,
           ErrorDecoder decode_error);

  const ProviderDescriptor& descriptor() const { return descriptor_; }

  // min(ctx.deadline, now + descriptor.request_timeout).
  Clock::time_point deadline(const CallContext& ctx) const;
  // ctx.upstream_model, else the descriptor's chat model, else `fallback` (the client's name).
  std::string_view chat_model(const CallContext& ctx, std::string_view fallback) const;
  // ctx.upstream_model, else the descriptor's embedding model, else `fallback`.
  std::string_view embedding_model(const CallContext& ctx, std::string_view fallback) const;

  // A request to `path` (below the base URL's path) with the Authorization header when an api
  // key is configured.
  http::Request request(boost::beast::http::verb method, std::string path, std::string body) const;

  // Sends `request`, reads the whole answer: the body of a 2xx answer, else decode_error's Status.
  // With `ctx`, a 429/503's Retry-After goes to ctx->report.
  boost::asio::awaitable<Result<std::string>> call(http::Request request,
                                                   Clock::time_point deadline,
                                                   const CallContext* ctx = nullptr);

  // POSTs `body` to `path` within ctx's deadline and decodes a 2xx answer with `decode`.
  template <typename T>
  boost::asio::awaitable<Result<T>> post_json(std::string path, std::string body,
                                              const CallContext& ctx,
                                              Result<T> (*decode)(std::string_view)) {
    Result<std::string> answer =
        co_await call(request(boost::beast::http::verb::post, std::move(path), std::move(body)),
                      deadline(ctx), &ctx);
    if (!answer.ok()) co_return answer.status();
    co_return decode(*answer);
  }

  // POSTs `body` to `path` and delivers each network read's chunks to `sink` before reading on.
  // Returns OK only if the body ended after the decoder saw its terminator; a body that ends
  // before is kUpstream "upstream stream ended early". A sink error stops the stream and is
  // returned as is.
  boost::asio::awaitable<Status> post_stream(std::string path, std::string body,
                                             const CallContext& ctx, StreamDecoder& decoder,
                                             ChunkSink& sink);

  // GET `path`: OK on 2xx.
  boost::asio::awaitable<Status> probe(std::string path, const CallContext& ctx);

 private:
  ProviderDescriptor descriptor_;
  ErrorDecoder decode_error_;
  Status url_status_;                     // kInvalidArgument if base_url did not parse
  std::unique_ptr<http::Client> client_;  // null iff url_status_ is not OK
};

}  // namespace splitpoint::providers
