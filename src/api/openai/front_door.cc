#include "api/openai/front_door.h"

#include <boost/json.hpp>
#include <chrono>
#include <random>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "api/route_headers.h"
#include "api/route_json.h"
#include "api/streaming_sink.h"
#include "wire/openai/codec.h"

namespace splitpoint::api::openai {
namespace {

namespace asio = boost::asio;
namespace wire = splitpoint::wire::openai;

constexpr std::string_view kJson = "application/json";
constexpr std::string_view kEventStream = "text/event-stream";
constexpr std::string_view kModelsPrefix = "/v1/models/";

enum class Op { kChat, kEmbeddings, kModels, kModel, kRoute };

struct Endpoint {
  Op op;
  std::string_view allow;  // the Allow header value
};

// The endpoint for `path`, or nullptr when the path is unknown.
const Endpoint* find_endpoint(std::string_view path) {
  static constexpr Endpoint kChat{Op::kChat, "POST"};
  static constexpr Endpoint kEmbeddings{Op::kEmbeddings, "POST"};
  static constexpr Endpoint kModels{Op::kModels, "GET, HEAD"};
  static constexpr Endpoint kModel{Op::kModel, "GET, HEAD"};
  static constexpr Endpoint kRoute{Op::kRoute, "POST"};
  if (path == "/v1/chat/completions") return &kChat;
  if (path == "/v1/route") return &kRoute;
  if (path == "/v1/embeddings") return &kEmbeddings;
  if (path == "/v1/models" || path == "/v1/models/") return &kModels;
  if (path.size() > kModelsPrefix.size() && path.starts_with(kModelsPrefix)) return &kModel;
  return nullptr;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes (model ids such as "org%2Fmodel"); malformed escapes are kept verbatim.
std::string percent_decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size()) {
      const int hi = hex_value(in[i + 1]);
      const int lo = hex_value(in[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(in[i]);
  }
  return out;
}

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

const std::string& reported_model(const Route& route, const ChatRequest& request) {
  return route.model.empty() ? request.model : route.model;
}

std::string owned_by(const ModelInfo& model) {
  return model.provider.empty() ? "splitpoint" : model.provider;
}

}  // namespace

OpenAIFrontDoor::OpenAIFrontDoor(Dispatcher& dispatcher)
    : dispatcher_(dispatcher),
      id_state_((uint64_t{std::random_device{}()} << 32) ^ std::random_device{}()),
      started_(unix_now()) {}

std::string OpenAIFrontDoor::encode_error(const Status& status) const {
  return wire::encode_error(status);
}

std::string_view OpenAIFrontDoor::error_content_type() const { return kJson; }

asio::awaitable<void> OpenAIFrontDoor::serve(Exchange& exchange) {
  const std::string_view path = exchange.path();
  const Endpoint* endpoint = find_endpoint(path);
  if (endpoint == nullptr) {
    co_await fail(exchange, Status::not_found("Invalid URL (" + std::string(exchange.method()) +
                                              " " + std::string(path) + ")"));
    co_return;
  }
  if (!method_allowed(endpoint->allow, exchange.method())) {
    const Headers allow{{"Allow", std::string(endpoint->allow)}};
    co_await respond_error(exchange,
                           Status::invalid("Method " + std::string(exchange.method()) +
                                           " not allowed on " + std::string(path)),
                           405, allow);
    co_return;
  }
  switch (endpoint->op) {
    case Op::kChat: co_await chat(exchange); break;
    case Op::kRoute: co_await route(exchange); break;
    case Op::kEmbeddings: co_await embeddings(exchange); break;
    case Op::kModels: co_await list_models(exchange); break;
    case Op::kModel: co_await get_model(exchange, path.substr(kModelsPrefix.size())); break;
  }
}

asio::awaitable<void> OpenAIFrontDoor::chat(Exchange& exchange) {
  Result<ChatRequest> request = wire::decode_chat_request(exchange.body());
  if (!request.ok()) {
    co_await fail(exchange, request.status());
    co_return;
  }
  const RouteHints hints = route_hints(exchange);
  note_request(exchange.record, *request, hints);
  Result<Route> route = dispatcher_.route_chat(*request, hints);
  if (!route.ok()) {
    co_await fail(exchange, route.status());
    co_return;
  }
  note_route(exchange.record, *route);
  if (request->stream) {
    wire::ChatStreamEncoder encoder(next_completion_id(), reported_model(*route, *request),
                                    unix_now(), request->include_usage);
    Headers extra;
    extra.emplace_back("Cache-Control", "no-cache");
    const Status status = co_await stream_chat(dispatcher_, exchange, *route, *request, encoder,
                                               kEventStream, std::move(extra));
    note_route(exchange.record, *route);
    if (!status.is_ok()) {
      co_await respond_error(exchange, status, http_status(status.code()), route_headers(*route));
    }
    co_return;
  }
  Result<ChatResponse> answer = co_await dispatcher_.complete(*route, *request);
  note_route(exchange.record, *route);
  const Headers headers = route_headers(*route);  // after the call: a fallback may have served
  if (!answer.ok()) {
    co_await respond_error(exchange, answer.status(), http_status(answer.status().code()), headers);
    co_return;
  }
  note_answer(exchange.record, *answer);
  if (answer->id.empty()) answer->id = next_completion_id();
  if (answer->created == 0) answer->created = unix_now();
  if (answer->model.empty()) answer->model = reported_model(*route, *request);
  (void)co_await exchange.respond(200, kJson, wire::encode_chat_response(*answer), headers);
}

asio::awaitable<void> OpenAIFrontDoor::route(Exchange& exchange) {
  const Result<ChatRequest> request = wire::decode_chat_request(exchange.body());
  if (!request.ok()) {
    co_await fail(exchange, request.status());
    co_return;
  }
  const Result<Route> route = dispatcher_.route_chat(*request, route_hints(exchange));
  if (!route.ok()) {
    co_await fail(exchange, route.status());
    co_return;
  }
  (void)co_await exchange.respond(200, kJson, route_json(*route), route_headers(*route));
}

asio::awaitable<void> OpenAIFrontDoor::embeddings(Exchange& exchange) {
  const Result<EmbedRequest> request = wire::decode_embed_request(exchange.body());
  if (!request.ok()) {
    co_await fail(exchange, request.status());
    co_return;
  }
  const RouteHints hints = route_hints(exchange);
  note_request(exchange.record, *request, hints);
  const Result<Route> route = dispatcher_.route_embed(*request, hints);
  if (!route.ok()) {
    co_await fail(exchange, route.status());
    co_return;
  }
  note_route(exchange.record, *route);
  const Headers headers = route_headers(*route);
  Result<EmbedResponse> answer = co_await dispatcher_.embed(*route, *request);
  if (!answer.ok()) {
    co_await respond_error(exchange, answer.status(), http_status(answer.status().code()), headers);
    co_return;
  }
  note_answer(exchange.record, *answer);
  if (answer->model.empty()) answer->model = route->model.empty() ? request->model : route->model;
  (void)co_await exchange.respond(200, kJson, wire::encode_embed_response(*answer, request->base64),
                                  headers);
}

asio::awaitable<void> OpenAIFrontDoor::list_models(Exchange& exchange) {
  const std::vector<ModelInfo> models = dispatcher_.models();
  std::vector<wire::ModelEntry> entries;
  entries.reserve(models.size());
  std::unordered_set<std::string_view> seen;
  for (const ModelInfo& model : models) {
    if (!seen.insert(model.name).second) continue;  // served by several providers: list once
    entries.push_back(wire::ModelEntry{model.name, owned_by(model), started_});
  }
  (void)co_await exchange.respond(200, kJson, wire::encode_model_list(entries), {});
}

asio::awaitable<void> OpenAIFrontDoor::get_model(Exchange& exchange, std::string_view raw_id) {
  const std::string id = percent_decode(raw_id);
  for (const ModelInfo& model : dispatcher_.models()) {
    if (model.name != id) continue;
    const boost::json::object object{{"id", model.name},
                                     {"object", "model"},
                                     {"created", started_},
                                     {"owned_by", owned_by(model)}};
    (void)co_await exchange.respond(200, kJson, boost::json::serialize(object), {});
    co_return;
  }
  co_await fail(exchange, Status::not_found("The model '" + id + "' does not exist"));
}

std::string OpenAIFrontDoor::next_completion_id() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "chatcmpl-";
  for (int word = 0; word < 2; ++word) {
    uint64_t bits = splitmix64(id_state_);
    for (int i = 0; i < 16; ++i, bits >>= 4) id.push_back(kHex[bits & 0xf]);
  }
  return id;
}

}  // namespace splitpoint::api::openai
