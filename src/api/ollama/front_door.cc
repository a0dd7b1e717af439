#include "api/ollama/front_door.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "api/ollama/model_listing.h"
#include "api/route_headers.h"
#include "api/streaming_sink.h"
#include "wire/ollama/codec.h"

namespace splitpoint::api::ollama {
namespace {

namespace asio = boost::asio;
namespace wire = splitpoint::wire::ollama;

constexpr std::string_view kJson = "application/json; charset=utf-8";
constexpr std::string_view kNdjson = "application/x-ndjson";
// How long /api/ps says a model stays loaded (Ollama's default keep_alive).
constexpr std::chrono::minutes kKeepAlive{5};

enum class Op { kRoot, kChat, kGenerate, kEmbed, kEmbeddings, kTags, kPs, kShow, kVersion };

struct Endpoint {
  std::string_view path;
  Op op;
  std::string_view allow;  // the Allow header value
};

constexpr Endpoint kEndpoints[] = {
    {"/", Op::kRoot, "GET, HEAD"},
    {"/api/chat", Op::kChat, "POST"},
    {"/api/generate", Op::kGenerate, "POST"},
    {"/api/embed", Op::kEmbed, "POST"},
    {"/api/embeddings", Op::kEmbeddings, "POST"},
    {"/api/tags", Op::kTags, "GET, HEAD"},
    {"/api/ps", Op::kPs, "GET, HEAD"},
    {"/api/show", Op::kShow, "POST"},
    {"/api/version", Op::kVersion, "GET, HEAD"},
};

// Ollama's model-store endpoints; a gateway answers them with 501.
constexpr std::string_view kManagement[] = {"/api/pull", "/api/push", "/api/create", "/api/copy",
                                            "/api/delete"};
constexpr std::string_view kBlobsPrefix = "/api/blobs";

const Endpoint* find_endpoint(std::string_view path) {
  for (const Endpoint& endpoint : kEndpoints) {
    if (endpoint.path == path) return &endpoint;
  }
  return nullptr;
}

// The management endpoint `path` names ("/api/blobs" for any blob path), or "".
std::string_view management_endpoint(std::string_view path) {
  for (std::string_view known : kManagement) {
    if (path == known) return known;
  }
  if (path == kBlobsPrefix || path.starts_with("/api/blobs/")) return kBlobsPrefix;
  return {};
}

bool has_user_content(const Message& message) {
  return std::any_of(message.parts.begin(), message.parts.end(), [](const ContentPart& part) {
    return part.kind == ContentPart::Kind::kImage || !part.text.empty();
  });
}

// Ollama's "load the model" call: /api/generate with an empty prompt and no images, or /api/chat
// with no messages. It is answered without an upstream call.
bool is_load_call(const ChatRequest& request) {
  if (!request.generate) return request.messages.empty();
  return std::none_of(request.messages.begin(), request.messages.end(),
                      [](const Message& m) { return m.role == "user" && has_user_content(m); });
}

// keep_alive 0 on a load call asks Ollama to unload the model.
bool asks_unload(const ChatRequest& request) {
  for (const ExtraField& field : request.extra) {
    if (field.name != "keep_alive") continue;
    const std::string_view v = field.json;
    return v == "0" || v == "\"0\"" || v == "\"0s\"" || v == "\"0m\"";
  }
  return false;
}

std::string error_body(std::string_view message) {
  return wire::encode_error(Status::invalid(std::string(message)));
}

}  // namespace

OllamaFrontDoor::OllamaFrontDoor(Dispatcher& dispatcher)
    : dispatcher_(dispatcher), started_at_(format_time(std::chrono::system_clock::now())) {}

std::string OllamaFrontDoor::encode_error(const Status& status) const {
  return wire::encode_error(status);
}

std::string_view OllamaFrontDoor::error_content_type() const { return kJson; }

asio::awaitable<void> OllamaFrontDoor::serve(Exchange& exchange) {
  const std::string_view path = exchange.path();
  const Endpoint* endpoint = find_endpoint(path);
  if (endpoint == nullptr) {
    const std::string_view management = management_endpoint(path);
    if (!management.empty()) {
      const std::string message =
          "splitpoint is a gateway: " + std::string(management) + " is not supported";
      (void)co_await exchange.respond(501, kJson, error_body(message), {});
    } else {
      co_await fail(exchange, Status::not_found("404 page not found: " + std::string(path)));
    }
    co_return;
  }
  if (!method_allowed(endpoint->allow, exchange.method())) {
    const Headers allow{{"Allow", std::string(endpoint->allow)}};
    (void)co_await exchange.respond(405, kJson, error_body("method not allowed"), allow);
    co_return;
  }
  switch (endpoint->op) {
    case Op::kRoot:
      (void)co_await exchange.respond(200, "text/plain; charset=utf-8", "Ollama is running", {});
      break;
    case Op::kChat: co_await chat(exchange, false); break;
    case Op::kGenerate: co_await chat(exchange, true); break;
    case Op::kEmbed: co_await embed(exchange, false); break;
    case Op::kEmbeddings: co_await embed(exchange, true); break;
    case Op::kTags:
      (void)co_await exchange.respond(200, kJson, encode_tags(dispatcher_.models(), started_at_),
                                      {});
      break;
    case Op::kPs:
      (void)co_await exchange.respond(
          200, kJson,
          encode_ps(dispatcher_.models(),
                    format_time(std::chrono::system_clock::now() + kKeepAlive)),
          {});
      break;
    case Op::kShow: co_await show(exchange); break;
    case Op::kVersion:
      (void)co_await exchange.respond(
          200, kJson, R"({"version":")" + std::string(kOllamaVersion) + R"("})", {});
      break;
  }
}

asio::awaitable<void> OllamaFrontDoor::chat(Exchange& exchange, bool generate) {
  Result<ChatRequest> request = generate ? wire::decode_generate_request(exchange.body())
                                         : wire::decode_chat_request(exchange.body());
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
  if (is_load_call(*request)) {
    const Headers headers = route_headers(*route);
    const std::string body =
        encode_load(request->model, format_time(std::chrono::system_clock::now()),
                    asks_unload(*request) ? "unload" : "load", request->generate);
    (void)co_await exchange.respond(200, kJson, body, headers);
    co_return;
  }
  if (request->stream) {
    // Ollama echoes the model name the client asked for.
    wire::ChatStreamEncoder encoder(request->model, request->generate);
    note_route(exchange.record, *route);
    const Status status =
        co_await stream_chat(dispatcher_, exchange, *route, *request, encoder, kNdjson, Headers());
    note_route(exchange.record, *route);
    if (!status.is_ok()) {
      co_await respond_error(exchange, status, http_status(status.code()), route_headers(*route));
    }
    co_return;
  }
  note_route(exchange.record, *route);
  Result<ChatResponse> answer = co_await dispatcher_.complete(*route, *request);
  note_route(exchange.record, *route);
  const Headers headers = route_headers(*route);  // after the call: a fallback may have served
  if (!answer.ok()) {
    co_await respond_error(exchange, answer.status(), http_status(answer.status().code()), headers);
    co_return;
  }
  note_answer(exchange.record, *answer);
  answer->model = request->model;
  (void)co_await exchange.respond(200, kJson,
                                  wire::encode_chat_response(*answer, request->generate), headers);
}

asio::awaitable<void> OllamaFrontDoor::embed(Exchange& exchange, bool legacy) {
  const Result<EmbedRequest> request = legacy
                                           ? wire::decode_legacy_embeddings_request(exchange.body())
                                           : wire::decode_embed_request(exchange.body());
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
  answer->model = request->model;
  std::string body = legacy ? wire::encode_legacy_embeddings_response(*answer)
                            : wire::encode_embed_response(*answer);
  (void)co_await exchange.respond(200, kJson, std::move(body), headers);
}

asio::awaitable<void> OllamaFrontDoor::show(Exchange& exchange) {
  boost::system::error_code ec;
  const boost::json::value body = boost::json::parse(exchange.body(), ec);
  const boost::json::object* object = ec ? nullptr : body.if_object();
  const boost::json::string* name = nullptr;
  if (object != nullptr) {
    for (const char* key : {"model", "name"}) {
      const boost::json::value* field = object->if_contains(key);
      if (field != nullptr && field->is_string() && !field->get_string().empty()) {
        name = &field->get_string();
        break;
      }
    }
  }
  if (name == nullptr) {
    co_await fail(exchange,
                  Status::invalid(object == nullptr ? "invalid JSON body" : "model is required"));
    co_return;
  }
  const std::vector<ModelInfo> models = dispatcher_.models();
  const ModelInfo* model = find_model(models, std::string_view(*name));
  if (model == nullptr) {
    co_await fail(exchange, Status::not_found("model '" + std::string(*name) + "' not found"));
    co_return;
  }
  (void)co_await exchange.respond(200, kJson, encode_show(*model), {});
}

}  // namespace splitpoint::api::ollama
