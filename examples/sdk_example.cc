// Using the splitpoint C++ SDK directly, without the gateway: an Ollama provider for the local
// tier, an OpenAI-compatible provider for the cloud tier, and a HybridProvider that sends
// requests with images to the cloud and keeps everything else local.
//
//   splitpoint-sdk-example --ollama http://127.0.0.1:11434
//                          --openai https://api.openai.com/v1 --key "$OPENAI_API_KEY"
//
// Runs one complete(), one stream() (printing text as it arrives) and one embed(); exits 1 on
// the first error.
#include <CLI/CLI.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <iostream>
#include <string>

#include "splitpoint/hybrid_provider.h"
#include "splitpoint/provider.h"

namespace asio = boost::asio;
using namespace splitpoint;  // NOLINT(google-build-using-namespace): a small example program

namespace {

struct Options {
  std::string ollama_url, openai_url, api_key;
  std::string ollama_model = "llama3.1:8b", ollama_embedding_model = "all-minilm";
  std::string openai_model = "gpt-4o";
};

// Prints each chunk's text the moment it arrives.
class PrintingSink : public ChunkSink {
 public:
  asio::awaitable<Status> on_chunk(const StreamChunk& chunk) override {
    if (!chunk.content.empty()) {
      std::cout << chunk.content << std::flush;
      ++chunks;
    }
    co_return Status::OK();
  }
  int chunks = 0;
};

ChatRequest user_message(std::string text) {
  ChatRequest request;
  request.messages.push_back({.role = "user", .parts = {{.text = std::move(text)}}});
  return request;
}

bool failed(const Status& status, const char* what) {
  if (status.is_ok()) return false;
  std::cerr << what << " failed: " << status.to_string() << "\n";
  return true;
}

asio::awaitable<int> run(HybridProvider& hybrid) {
  CallContext ctx;
  ctx.deadline = Clock::now() + std::chrono::seconds(60);

  ChatRequest question = user_message("Say hello in three words");
  Result<ChatResponse> answer = co_await hybrid.complete(question, ctx);
  if (failed(answer.status(), "complete")) co_return 1;
  std::cout << "complete [" << tier_name(hybrid.choose(question)) << "] " << answer->model << ": "
            << answer->message.text() << "\n";
  if (answer->usage) {
    std::cout << "usage: prompt_tokens=" << answer->usage->prompt_tokens
              << " completion_tokens=" << answer->usage->completion_tokens << "\n";
  }
  std::cout << "finish_reason: " << finish_reason_name(answer->finish_reason) << "\n";

  // An image part: the default rule sends this one to the cloud tier.
  ChatRequest picture = user_message("Describe this picture in a few words");
  picture.messages[0].parts.push_back(
      {.kind = ContentPart::Kind::kImage, .text = "data:image/png;base64,iVBORw0KGgo="});
  std::cout << "stream [" << tier_name(hybrid.choose(picture)) << "]: " << std::flush;
  PrintingSink sink;
  Status streamed = co_await hybrid.stream(picture, ctx, sink);
  std::cout << "\n";
  if (failed(streamed, "stream")) co_return 1;
  std::cout << "stream chunks: " << sink.chunks << "\n";

  EmbedRequest embed_request;
  embed_request.inputs = {"hello world", "goodbye world"};
  Result<EmbedResponse> vectors = co_await hybrid.embed(embed_request, ctx);
  if (failed(vectors.status(), "embed")) co_return 1;
  std::cout << "embed [local] " << vectors->model << ": " << vectors->embeddings.size()
            << " vectors of " << (vectors->embeddings.empty() ? 0 : vectors->embeddings[0].size())
            << " dimensions\n";
  co_return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  CLI::App app{"splitpoint SDK example: a hybrid local/cloud provider without the gateway"};
  app.add_option("--ollama", opt.ollama_url, "Ollama base URL (local tier)")->required();
  app.add_option("--openai", opt.openai_url, "OpenAI-compatible base URL ending in /v1")
      ->required();
  app.add_option("--key", opt.api_key, "API key for the OpenAI-compatible server");
  app.add_option("--ollama-model", opt.ollama_model, "local chat model");
  app.add_option("--openai-model", opt.openai_model, "cloud chat model");
  CLI11_PARSE(app, argc, argv);

  asio::io_context io;
  ProviderDescriptor local{.name = "local",
                           .tier = Tier::kLocal,
                           .kind = Protocol::kOllama,
                           .base_url = opt.ollama_url,
                           .chat_model = opt.ollama_model,
                           .embedding_model = opt.ollama_embedding_model};
  ProviderDescriptor cloud{.name = "cloud",
                           .tier = Tier::kCloud,
                           .kind = Protocol::kOpenAI,
                           .base_url = opt.openai_url,
                           .api_key = opt.api_key,
                           .chat_model = opt.openai_model};
  auto hybrid = make_hybrid_provider(make_provider(io.get_executor(), std::move(local)),
                                     make_provider(io.get_executor(), std::move(cloud)));

  int exit_code = 1;
  asio::co_spawn(io, run(*hybrid), [&](std::exception_ptr error, int code) {
    if (error) {
      std::cerr << "unexpected exception\n";
      return;
    }
    exit_code = code;
  });
  io.run();
  return exit_code;
}
