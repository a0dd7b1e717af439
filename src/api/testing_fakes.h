// Test doubles for the front doors (header-only; tests only): a FakeExchange that records what a
// door sends, a FakeDispatcher with scripted routes, answers, stream chunks and errors, and
// drive() to run a coroutine to completion on a local io_context.
#pragma once

#include <algorithm>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <cctype>
#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/dispatcher.h"
#include "api/exchange.h"
#include "splitpoint/model.h"
#include "splitpoint/provider.h"
#include "splitpoint/status.h"

namespace splitpoint::api::testing {

// Runs `task` on a fresh io_context until it finishes; rethrows an exception it threw.
inline void drive(boost::asio::awaitable<void> task) {
  boost::asio::io_context context;
  std::exception_ptr error;
  boost::asio::co_spawn(context, std::move(task), [&](std::exception_ptr e) { error = e; });
  context.run();
  if (error) std::rethrow_exception(error);
}

inline bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Records one exchange. Each successful write() is kept separately in `writes`. Misuse of the
// Exchange protocol (respond twice, respond after begin, write before begin or after end, ...)
// is counted in `protocol_errors`, which tests expect to stay 0.
class FakeExchange : public Exchange {
 public:
  enum class Event { kRespond, kBegin, kWrite, kEnd };

  FakeExchange(std::string method, std::string path, std::string body = "",
               Headers request_headers = {})
      : method_(std::move(method)),
        path_(std::move(path)),
        body_(std::move(body)),
        request_headers_(std::move(request_headers)) {}

  std::string_view method() const override { return method_; }
  std::string_view path() const override { return path_; }
  std::string_view body() const override { return body_; }
  std::string_view header(std::string_view name) const override {
    return find(request_headers_, name);
  }

  boost::asio::awaitable<Status> respond(int code, std::string_view type, std::string body,
                                         const Headers& headers) override {
    if (!events.empty()) ++protocol_errors;
    events.push_back(Event::kRespond);
    record_head(code, type, headers);
    response_body = std::move(body);
    co_return Status::OK();
  }
  boost::asio::awaitable<Status> begin_stream(int code, std::string_view type,
                                              const Headers& headers) override {
    if (!events.empty()) ++protocol_errors;
    events.push_back(Event::kBegin);
    record_head(code, type, headers);
    if (fail_begin) {
      gone_ = true;
      co_return Status::cancelled("client gone");
    }
    co_return Status::OK();
  }
  boost::asio::awaitable<Status> write(std::string_view bytes) override {
    if (events.empty() || events.front() != Event::kBegin || ended || gone_) ++protocol_errors;
    if (bytes.empty()) ++protocol_errors;  // an empty write is a wasted flush
    events.push_back(Event::kWrite);
    if (fail_write_at >= 0 && attempted_writes_++ == static_cast<std::size_t>(fail_write_at)) {
      gone_ = true;
      co_return Status::cancelled("client gone");
    }
    writes.emplace_back(bytes);
    co_return Status::OK();
  }
  boost::asio::awaitable<Status> end_stream() override {
    if (events.empty() || events.front() != Event::kBegin || ended || gone_) ++protocol_errors;
    events.push_back(Event::kEnd);
    ended = true;
    co_return Status::OK();
  }

  // The response header's value ("" if absent); names are case-insensitive.
  std::string_view response_header(std::string_view name) const {
    return find(response_headers, name);
  }
  bool has_response_header(std::string_view name) const {
    return std::any_of(response_headers.begin(), response_headers.end(),
                       [&](const auto& h) { return iequals(h.first, name); });
  }
  bool streamed() const { return !events.empty() && events.front() == Event::kBegin; }
  std::string all_writes() const {
    std::string out;
    for (const std::string& w : writes) out += w;
    return out;
  }

  // Scripted failures (the client going away).
  bool fail_begin = false;
  int fail_write_at = -1;  // index of the write() call that fails; -1: none

  // What the door sent.
  std::vector<Event> events;
  int status = 0;
  std::string content_type;
  Headers response_headers;
  std::string response_body;
  std::vector<std::string> writes;
  bool ended = false;
  int protocol_errors = 0;

 private:
  static std::string_view find(const Headers& headers, std::string_view name) {
    for (const auto& [key, value] : headers) {
      if (iequals(key, name)) return value;
    }
    return {};
  }
  void record_head(int code, std::string_view type, const Headers& headers) {
    status = code;
    content_type = std::string(type);
    response_headers = headers;
  }

  std::string method_, path_, body_;
  Headers request_headers_;
  std::size_t attempted_writes_ = 0;
  bool gone_ = false;  // a begin or write failed: the client is gone
};

// A scripted Dispatcher. Set the public fields before the call; read the recorded ones after.
class FakeDispatcher : public Dispatcher {
 public:
  FakeDispatcher() {
    ChatResponse response;
    response.id = "chatcmpl-fake";
    response.model = "llama3.1:8b";
    response.created = 1700000000;
    response.message.role = "assistant";
    response.message.parts.push_back(ContentPart{ContentPart::Kind::kText, "Hello there", ""});
    response.finish_reason = FinishReason::kStop;
    response.usage = Usage{5, 3};
    completion = std::move(response);

    EmbedResponse embed_response;
    embed_response.model = "all-minilm";
    embed_response.embeddings = {{0.5f, -0.25f, 1.0f}};
    embed_response.usage = Usage{4, 0};
    embedding = std::move(embed_response);
  }

  // --- script ---
  Result<Route> chat_route = Route{Tier::kLocal, "home-gpu", "llama3.1:8b", "model pinned", 0};
  Result<Route> embed_route = Route{Tier::kLocal, "home-gpu", "all-minilm", "model pinned", 0};
  Result<ChatResponse> completion = Status::internal("unset");
  Result<EmbedResponse> embedding = Status::internal("unset");
  std::vector<StreamChunk> chunks;
  Status stream_error;  // if not OK: returned once stream_error_at chunks were sent
  std::size_t stream_error_at = 0;
  std::vector<ModelInfo> model_list;

  // --- recorded ---
  std::optional<ChatRequest> last_chat;
  std::optional<EmbedRequest> last_embed;
  RouteHints last_hints;
  int route_calls = 0, complete_calls = 0, stream_calls = 0, embed_calls = 0;
  std::size_t delivered = 0;  // chunks the sink accepted
  Status sink_status;         // the non-OK status a sink returned, if any

  Result<Route> route_chat(const ChatRequest& request, const RouteHints& hints) override {
    ++route_calls;
    last_chat = request;
    last_hints = hints;
    return chat_route;
  }
  Result<Route> route_embed(const EmbedRequest& request, const RouteHints& hints) override {
    ++route_calls;
    last_embed = request;
    last_hints = hints;
    return embed_route;
  }
  boost::asio::awaitable<Result<ChatResponse>> complete(Route&, const ChatRequest&) override {
    ++complete_calls;
    co_return completion;
  }
  boost::asio::awaitable<Status> stream(Route&, const ChatRequest&,
                                        ChunkSink& sink) override {
    ++stream_calls;
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      if (!stream_error.is_ok() && i == stream_error_at) co_return stream_error;
      Status status = co_await sink.on_chunk(chunks[i]);
      if (!status.is_ok()) {
        sink_status = status;
        co_return status;
      }
      ++delivered;
    }
    co_return stream_error;
  }
  boost::asio::awaitable<Result<EmbedResponse>> embed(const Route&,
                                                      const EmbedRequest& request) override {
    ++embed_calls;
    last_embed = request;
    co_return embedding;
  }
  std::vector<ModelInfo> models() const override { return model_list; }
};

// Builders for stream chunks.
inline StreamChunk text_chunk(std::string content, FinishReason finish = FinishReason::kNone) {
  StreamChunk chunk;
  chunk.content = std::move(content);
  chunk.finish_reason = finish;
  return chunk;
}

inline StreamChunk tool_chunk(int index, std::string id, std::string name, std::string arguments) {
  StreamChunk chunk;
  chunk.tool_calls.push_back(
      ToolCallDelta{index, std::move(id), std::move(name), std::move(arguments)});
  return chunk;
}

}  // namespace splitpoint::api::testing
