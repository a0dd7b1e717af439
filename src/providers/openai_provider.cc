// Any OpenAI-compatible server (OpenAI, vLLM, llama.cpp server, LM Studio): base_url already ends
// in /v1. POST /chat/completions (SSE when streaming), POST /embeddings, GET /models.
#include <optional>
#include <utility>

#include "providers/upstream.h"
#include "stream/framing.h"
#include "wire/openai/codec.h"

namespace splitpoint {

namespace asio = boost::asio;

namespace {

namespace codec = wire::openai;

// SSE events -> chunks; "data: [DONE]" ends the stream. Events after it are ignored.
class OpenAIStreamDecoder : public providers::StreamDecoder {
 public:
  Status feed(std::string_view bytes, std::vector<StreamChunk>& out) override {
    return parser_.feed(bytes, [&](std::string_view /*event*/, std::string_view data) {
      return on_event(data, out);
    });
  }
  // An event cut off by the end of the body is dropped; without [DONE] the stream is incomplete.
  Status finish(std::vector<StreamChunk>& /*out*/) override { return Status::OK(); }
  bool done() const override { return done_; }

 private:
  Status on_event(std::string_view data, std::vector<StreamChunk>& out) {
    if (done_) return Status::OK();
    Result<std::optional<StreamChunk>> chunk = codec::decode_stream_event(data);
    if (!chunk.ok()) return chunk.status();
    if (!chunk->has_value()) {
      done_ = true;
      return Status::OK();
    }
    out.push_back(std::move(**chunk));
    return Status::OK();
  }

  stream::SseParser parser_;
  bool done_ = false;
};

class OpenAIProvider : public LanguageModelProvider {
 public:
  OpenAIProvider(asio::any_io_executor executor, ProviderDescriptor descriptor)
      : upstream_(std::move(executor), std::move(descriptor), &codec::decode_error) {}

  const ProviderDescriptor& descriptor() const override { return upstream_.descriptor(); }

  asio::awaitable<Result<ChatResponse>> complete(const ChatRequest& request,
                                                 const CallContext& ctx) override {
    std::optional<ChatRequest> copy;
    const ChatRequest& req = providers::with_stream_flag(request, false, copy);
    std::string body = codec::encode_chat_request(req, upstream_.chat_model(ctx, req.model));
    co_return co_await upstream_.post_json("/chat/completions", std::move(body), ctx,
                                           &codec::decode_chat_response);
  }

  asio::awaitable<Status> stream(const ChatRequest& request, const CallContext& ctx,
                                 ChunkSink& sink) override {
    std::optional<ChatRequest> copy;
    const ChatRequest& req = providers::with_stream_flag(request, true, copy);
    std::string body = codec::encode_chat_request(req, upstream_.chat_model(ctx, req.model));
    OpenAIStreamDecoder decoder;
    co_return co_await upstream_.post_stream("/chat/completions", std::move(body), ctx, decoder,
                                             sink);
  }

  asio::awaitable<Result<EmbedResponse>> embed(const EmbedRequest& request,
                                               const CallContext& ctx) override {
    std::string body =
        codec::encode_embed_request(request, upstream_.embedding_model(ctx, request.model));
    co_return co_await upstream_.post_json("/embeddings", std::move(body), ctx,
                                           &codec::decode_embed_response);
  }

  asio::awaitable<Status> probe(const CallContext& ctx) override {
    return upstream_.probe("/models", ctx);
  }

 private:
  providers::Upstream upstream_;
};

}  // namespace

std::unique_ptr<LanguageModelProvider> make_openai_provider(asio::any_io_executor executor,
                                                            ProviderDescriptor descriptor) {
  return std::make_unique<OpenAIProvider>(std::move(executor), std::move(descriptor));
}

}  // namespace splitpoint
