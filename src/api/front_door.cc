#include "api/front_door.h"

#include <algorithm>

namespace splitpoint::api {

boost::asio::awaitable<void> FrontDoor::handle(Exchange& exchange) {
  bool failed = false;
  try {
    co_await serve(exchange);
  } catch (...) {
    failed = true;
  }
  if (failed) co_await fail(exchange, Status::internal("internal error"));
}

boost::asio::awaitable<void> FrontDoor::fail(Exchange& exchange, const Status& status) {
  co_await respond_error(exchange, status, http_status(status.code()), {});
}

boost::asio::awaitable<void> FrontDoor::fail(Exchange& exchange, const Status& status,
                                             int http_code) {
  co_await respond_error(exchange, status, http_code, {});
}

boost::asio::awaitable<void> FrontDoor::respond_error(Exchange& exchange, const Status& status,
                                                      int code, const Headers& headers) {
  exchange.record.error = status.message();
  const bool retry_later = code == 429 || code == 503;
  const bool has_retry_after = std::any_of(headers.begin(), headers.end(), [](const auto& h) {
    return h.first == "Retry-After";
  });
  // A failed respond() means the client is gone; nothing more to do.
  if (retry_later && !has_retry_after) {
    Headers with = headers;
    with.emplace_back("Retry-After", "1");
    (void)co_await exchange.respond(code, error_content_type(), encode_error(status), with);
  } else {
    (void)co_await exchange.respond(code, error_content_type(), encode_error(status), headers);
  }
}

namespace {

// Header values are the client's: the ledger keeps at most this much of them (the rollups are
// keyed by task, so an unbounded value would be an unbounded key).
constexpr std::size_t kMaxHintBytes = 64;

std::string bounded(const std::string& value) { return value.substr(0, kMaxHintBytes); }

}  // namespace

int64_t estimate_tokens(std::size_t bytes) {
  return static_cast<int64_t>((bytes + 3) / 4);
}

void note_request(RequestRecord& record, const ChatRequest& request, const RouteHints& hints) {
  record.requested_model = request.model;
  record.stream = request.stream;
  record.task = bounded(hints.task);
  record.pinned_tier = bounded(hints.pinned_tier);
  std::size_t bytes = request.suffix.size();
  for (const Message& m : request.messages) {
    for (const ContentPart& part : m.parts) bytes += part.text.size();
    for (const ToolCall& call : m.tool_calls) bytes += call.arguments.size();
  }
  record.input_tokens = estimate_tokens(bytes);
  record.tokens_estimated = true;
}

void note_request(RequestRecord& record, const EmbedRequest& request, const RouteHints& hints) {
  record.requested_model = request.model;
  record.task = bounded(hints.task);
  record.pinned_tier = bounded(hints.pinned_tier);
  std::size_t bytes = 0;
  for (const std::string& input : request.inputs) bytes += input.size();
  record.input_tokens = estimate_tokens(bytes);
  record.tokens_estimated = true;
}

void note_route(RequestRecord& record, const Route& route) {
  record.tier = tier_name(route.tier);
  record.provider = route.provider;
  record.model = route.model;
  record.score = route.score;
  record.reasons = route.reasons.empty() && !route.reason.empty()
                       ? std::vector<std::string>{route.reason}
                       : route.reasons;
  record.redactions = route.redactions;
  record.fallbacks = route.fallbacks;
  if (!record.features_source) record.features_source = route.features;
}

void note_answer(RequestRecord& record, const ChatResponse& answer) {
  if (answer.usage) {
    record.input_tokens = answer.usage->prompt_tokens;
    record.output_tokens = answer.usage->completion_tokens;
    record.tokens_estimated = false;
    return;
  }
  std::size_t bytes = 0;
  for (const ContentPart& part : answer.message.parts) bytes += part.text.size();
  for (const ToolCall& call : answer.message.tool_calls) bytes += call.arguments.size();
  record.output_tokens = estimate_tokens(bytes);
}

void note_answer(RequestRecord& record, const EmbedResponse& answer) {
  if (answer.usage.prompt_tokens > 0) {
    record.input_tokens = answer.usage.prompt_tokens;
    record.tokens_estimated = false;
  }
}

}  // namespace splitpoint::api
