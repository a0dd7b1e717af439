#include "providers/upstream.h"

#include <algorithm>
#include <exception>
#include <string>
#include <utility>

namespace splitpoint::providers {

namespace asio = boost::asio;
using boost::beast::http::verb;

namespace {

bool is_success(int status) {
  return status >= 200 && status < 300;
}

// Retry-After in delta-seconds (fractions accepted); an HTTP-date or junk counts as absent.
std::chrono::milliseconds parse_retry_after(std::string_view text) {
  if (text.empty()) return std::chrono::milliseconds(-1);
  double seconds = 0;
  std::size_t used = 0;
  try {
    seconds = std::stod(std::string(text), &used);
  } catch (const std::exception&) {
    return std::chrono::milliseconds(-1);
  }
  if (used != text.size() || !(seconds >= 0) || seconds > 86400) {
    return std::chrono::milliseconds(-1);
  }
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

// Tells the caller the upstream's Retry-After of a refused call.
void report(const CallContext& ctx, const http::Response& response) {
  if (ctx.report != nullptr && (response.status == 429 || response.status == 503)) {
    ctx.report->retry_after = parse_retry_after(response.retry_after);
  }
}

// Delivers `chunks` in order and clears them; stops at the first sink error.
asio::awaitable<Status> deliver(std::vector<StreamChunk>& chunks, ChunkSink& sink) {
  Status status;
  for (const StreamChunk& chunk : chunks) {
    status = co_await sink.on_chunk(chunk);
    if (!status.is_ok()) break;
  }
  chunks.clear();
  co_return status;
}

}  // namespace

const ChatRequest& with_stream_flag(const ChatRequest& request, bool stream,
                                    std::optional<ChatRequest>& storage) {
  if (request.stream == stream) return request;
  storage.emplace(request);
  storage->stream = stream;
  return *storage;
}

Upstream::Upstream(asio::any_io_executor executor, ProviderDescriptor descriptor,
                   ErrorDecoder decode_error)
    : descriptor_(std::move(descriptor)), decode_error_(decode_error) {
  Result<http::Url> url = http::Url::parse(descriptor_.base_url);
  if (!url.ok()) {
    url_status_ = Status::invalid("provider '" + descriptor_.name + "': bad base_url '" +
                                  descriptor_.base_url + "': " + url.status().message());
    return;
  }
  http::ClientOptions options;
  options.connect_timeout = descriptor_.connect_timeout;
  client_ = std::make_unique<http::Client>(std::move(executor), std::move(url).value(), options);
}

Clock::time_point Upstream::deadline(const CallContext& ctx) const {
  if (descriptor_.request_timeout.count() <= 0) return ctx.deadline;
  return std::min(ctx.deadline, Clock::now() + descriptor_.request_timeout);
}

std::string_view Upstream::chat_model(const CallContext& ctx, std::string_view fallback) const {
  if (!ctx.upstream_model.empty()) return ctx.upstream_model;
  if (!descriptor_.chat_model.empty()) return descriptor_.chat_model;
  return fallback;
}

std::string_view Upstream::embedding_model(const CallContext& ctx,
                                           std::string_view fallback) const {
  if (!ctx.upstream_model.empty()) return ctx.upstream_model;
  if (!descriptor_.embedding_model.empty()) return descriptor_.embedding_model;
  return fallback;
}

http::Request Upstream::request(verb method, std::string path, std::string body) const {
  http::Request request;
  request.method = method;
  request.path = std::move(path);
  request.body = std::move(body);
  request.idle_timeout = descriptor_.idle_timeout;
  if (!descriptor_.api_key.empty()) {
    request.headers.emplace_back("Authorization", "Bearer " + descriptor_.api_key);
  }
  return request;
}

asio::awaitable<Result<std::string>> Upstream::call(http::Request request,
                                                    Clock::time_point deadline,
                                                    const CallContext* ctx) {
  if (!client_) co_return url_status_;
  Result<http::Response> response = co_await client_->send(std::move(request), deadline);
  if (!response.ok()) co_return response.status();
  if (ctx != nullptr) report(*ctx, *response);
  if (!is_success(response->status)) co_return decode_error_(response->status, response->body);
  co_return std::move(response->body);
}

asio::awaitable<Status> Upstream::post_stream(std::string path, std::string body,
                                              const CallContext& ctx, StreamDecoder& decoder,
                                              ChunkSink& sink) {
  if (!client_) co_return url_status_;
  std::vector<StreamChunk> pending;
  // Chunks decoded from one read reach the sink before the next read: no whole-answer buffering.
  // deliver()'s loop, inline: no coroutine frame per read besides this handler's.
  http::DataHandler on_data = [&](std::string_view bytes) -> asio::awaitable<Status> {
    Status decoded = decoder.feed(bytes, pending);
    Status delivered;
    for (const StreamChunk& chunk : pending) {
      delivered = co_await sink.on_chunk(chunk);
      if (!delivered.is_ok()) break;
    }
    pending.clear();
    co_return delivered.is_ok() ? decoded : delivered;
  };
  http::Request req = request(verb::post, std::move(path), std::move(body));
  req.first_byte_timeout = descriptor_.first_token_timeout;
  Result<http::Response> response =
      co_await client_->send_streaming(std::move(req), deadline(ctx), std::move(on_data));
  if (!response.ok()) co_return response.status();
  report(ctx, *response);
  if (!is_success(response->status)) co_return decode_error_(response->status, response->body);

  Status finished = decoder.finish(pending);
  Status delivered = co_await deliver(pending, sink);
  if (!delivered.is_ok()) co_return delivered;
  if (!finished.is_ok()) co_return finished;
  if (!decoder.done()) co_return Status::upstream("upstream stream ended early");
  co_return Status::OK();
}

asio::awaitable<Status> Upstream::probe(std::string path, const CallContext& ctx) {
  if (!client_) co_return url_status_;
  Result<http::Response> response =
      co_await client_->send(request(verb::get, std::move(path), {}), deadline(ctx));
  if (!response.ok()) co_return response.status();
  if (http::answers_probe(response->status)) co_return Status::OK();
  co_return decode_error_(response->status, response->body);
}

}  // namespace splitpoint::providers
