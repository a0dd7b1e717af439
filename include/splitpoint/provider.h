// The provider interface of the C++ SDK (the seed's ILanguageModelProvider): chat, streaming chat
// and embeddings against one upstream, all as Asio C++20 coroutines.
//
// Threading: a provider instance is bound to the executor it was created with and is not
// thread-safe; create one per io_context thread (the gateway does, one set per worker).
// Cancellation: every call honours the deadline in CallContext and the coroutine's cancellation
// slot (e.g. `co_await (call || client_gone)` cancels the upstream request); a cancelled call
// returns StatusCode::kCancelled and releases its connection.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "splitpoint/model.h"
#include "splitpoint/status.h"

namespace splitpoint {

using Clock = std::chrono::steady_clock;

// What a provider is: read from configuration, immutable once built.
struct ProviderDescriptor {
  std::string name;        // unique, e.g. "home-gpu"
  Tier tier = Tier::kLocal;
  Protocol kind = Protocol::kOllama;  // the upstream's API
  std::string base_url;    // "http://127.0.0.1:11434", "https://api.openai.com/v1"
  std::string api_key;     // sent as "Authorization: Bearer"; empty for none
  std::string chat_model;
  std::string embedding_model;
  std::vector<std::string> models;  // further model names served by this provider
  bool vision = true;
  bool tools = true;
  int64_t context_tokens = 0;  // 0: unknown
  // Prices in USD per 1M tokens (0 for a local tier unless configured) and the latency seeds of
  // the live estimates (time to first token, decode speed).
  double price_input_per_m = 0;
  double price_output_per_m = 0;
  double ttft_ms = 0;         // 0: unknown (the router assumes 500 ms)
  double tokens_per_sec = 0;  // 0: unknown (the router assumes 20 local, 80 cloud)
  // Deadlines of one call (0: off where noted). connect: TCP + TLS. first_token: from the start
  // of a streaming call to its first body byte (the response head included); non-streaming
  // answers arrive whole, so only request_timeout bounds them. idle: the longest gap between two
  // reads of an answer's body. request: the whole call.
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds first_token_timeout{0};  // 0: off; the loader sets a tier default
  std::chrono::milliseconds idle_timeout{60000};     // 0: off
  std::chrono::milliseconds request_timeout{600000};  // whole call, default 10 min
  // With no first byte after this long, the plan's next provider is started too and the first
  // to answer wins (hedging); 0: off.
  std::chrono::milliseconds hedge_after{0};
  int retries = 0;         // further attempts on this provider after a retryable failure
  int max_concurrent = 0;  // calls in flight on this provider over all workers; 0: unlimited

  bool serves_model(const std::string& m) const;
};

// Per-call parameters.
// What a provider reports back about one call besides its result (optional, caller-owned).
struct CallReport {
  // The upstream's Retry-After on a 429/503 answer; negative: none given.
  std::chrono::milliseconds retry_after{-1};
};

struct CallContext {
  Clock::time_point deadline = Clock::time_point::max();
  std::string upstream_model;  // the model name to send upstream; empty: descriptor's chat model
  CallReport* report = nullptr;  // borrowed; filled by the call when non-null
};


// Receives stream chunks as they arrive. A non-OK Status (e.g. the client is gone) stops the
// stream and is returned by stream().
class ChunkSink {
 public:
  virtual ~ChunkSink() = default;
  virtual boost::asio::awaitable<Status> on_chunk(const StreamChunk& chunk) = 0;
};

class LanguageModelProvider {
 public:
  virtual ~LanguageModelProvider() = default;

  virtual const ProviderDescriptor& descriptor() const = 0;

  // A whole answer. Errors: kUpstream (upstream 5xx, unparseable answer, connection failure,
  // upstream 401/403/404: the gateway's key or model configuration is wrong, not the client's
  // request), kDeadlineExceeded (also upstream 408/504), kCancelled, kInvalidArgument (upstream
  // 400: the client's request was refused), kPayloadTooLarge (413), kResourceExhausted (429).
  virtual boost::asio::awaitable<Result<ChatResponse>> complete(const ChatRequest& request,
                                                               const CallContext& ctx) = 0;

  // Streams the answer chunk by chunk into `sink` as the upstream produces it, with no
  // buffering of the whole answer. Returns OK once the upstream's stream ended normally.
  // Errors as complete(); an error after chunks were delivered means the answer is truncated.
  virtual boost::asio::awaitable<Status> stream(const ChatRequest& request, const CallContext& ctx,
                                                ChunkSink& sink) = 0;

  virtual boost::asio::awaitable<Result<EmbedResponse>> embed(const EmbedRequest& request,
                                                             const CallContext& ctx) = 0;

  // Cheap reachability probe (Ollama: GET /api/version, OpenAI: GET /models). OK if reachable.
  virtual boost::asio::awaitable<Status> probe(const CallContext& ctx) = 0;
};

// Factories. `executor` must be the executor of the thread that will make the calls.
std::unique_ptr<LanguageModelProvider> make_ollama_provider(boost::asio::any_io_executor executor,
                                                            ProviderDescriptor descriptor);
std::unique_ptr<LanguageModelProvider> make_openai_provider(boost::asio::any_io_executor executor,
                                                            ProviderDescriptor descriptor);
// Chooses by descriptor.kind.
std::unique_ptr<LanguageModelProvider> make_provider(boost::asio::any_io_executor executor,
                                                     ProviderDescriptor descriptor);

}  // namespace splitpoint
