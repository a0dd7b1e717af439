// The local tier over Ollama's native API: POST /api/chat (NDJSON when streaming),
// POST /api/embed, GET /api/version.
#include <optional>
#include <utility>

#include "providers/upstream.h"
#include "stream/framing.h"
#include "wire/ollama/codec.h"

namespace splitpoint {

namespace asio = boost::asio;

namespace {

namespace codec = wire::ollama;

// NDJSON lines -> chunks; the line with "done":true ends the stream (the codec reports it as a
// chunk with a finish reason). Lines after it are ignored.
class OllamaStreamDecoder : public providers::StreamDecoder {
 public:
  Status feed(std::string_view bytes, std::vector<StreamChunk>& out) override {
    return parser_.feed(bytes, [&](std::string_view line) { return on_line(line, out); });
  }
  Status finish(std::vector<StreamChunk>& out) override {
    return parser_.finish([&](std::string_view line) { return on_line(line, out); });
  }
  bool done() const override { return done_; }

 private:
  Status on_line(std::string_view line, std::vector<StreamChunk>& out) {
    if (done_) return Status::OK();
    Result<StreamChunk> chunk = codec::decode_stream_line(line, next_tool_index_);
    if (!chunk.ok()) return chunk.status();
    done_ = chunk->finish_reason != FinishReason::kNone;
    out.push_back(std::move(chunk).value());
    return Status::OK();
  }

  stream::NdjsonParser parser_;
  int next_tool_index_ = 0;
  bool done_ = false;
};

class OllamaProvider : public LanguageModelProvider {
 public:
  OllamaProvider(asio::any_io_executor executor, ProviderDescriptor descriptor)
      : upstream_(std::move(executor), std::move(descriptor), &codec::decode_error) {}

  const ProviderDescriptor& descriptor() const override { return upstream_.descriptor(); }

  asio::awaitable<Result<ChatResponse>> complete(const ChatRequest& request,
                                                 const CallContext& ctx) override {
    std::optional<ChatRequest> copy;
    const ChatRequest& req = providers::with_stream_flag(request, false, copy);
    Result<std::string> body =
        codec::encode_chat_request(req, upstream_.chat_model(ctx, req.model));
    if (!body.ok()) co_return body.status();
    co_return co_await upstream_.post_json("/api/chat", std::move(body).value(), ctx,
                                           &codec::decode_chat_response);
  }

  asio::awaitable<Status> stream(const ChatRequest& request, const CallContext& ctx,
                                 ChunkSink& sink) override {
    std::optional<ChatRequest> copy;
    const ChatRequest& req = providers::with_stream_flag(request, true, copy);
    Result<std::string> body =
        codec::encode_chat_request(req, upstream_.chat_model(ctx, req.model));
    if (!body.ok()) co_return body.status();
    OllamaStreamDecoder decoder;
    co_return co_await upstream_.post_stream("/api/chat", std::move(body).value(), ctx, decoder,
                                             sink);
  }

  asio::awaitable<Result<EmbedResponse>> embed(const EmbedRequest& request,
                                               const CallContext& ctx) override {
    std::string body =
        codec::encode_embed_request(request, upstream_.embedding_model(ctx, request.model));
    co_return co_await upstream_.post_json("/api/embed", std::move(body), ctx,
                                           &codec::decode_embed_response);
  }

  asio::awaitable<Status> probe(const CallContext& ctx) override {
    return upstream_.probe("/api/version", ctx);
  }

 private:
  providers::Upstream upstream_;
};

}  // namespace

std::unique_ptr<LanguageModelProvider> make_ollama_provider(asio::any_io_executor executor,
                                                            ProviderDescriptor descriptor) {
  return std::make_unique<OllamaProvider>(std::move(executor), std::move(descriptor));
}

}  // namespace splitpoint
