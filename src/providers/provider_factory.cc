#include <utility>

#include "splitpoint/provider.h"

namespace splitpoint {

std::unique_ptr<LanguageModelProvider> make_provider(boost::asio::any_io_executor executor,
                                                     ProviderDescriptor descriptor) {
  switch (descriptor.kind) {
    case Protocol::kOllama: return make_ollama_provider(std::move(executor), std::move(descriptor));
    case Protocol::kOpenAI: return make_openai_provider(std::move(executor), std::move(descriptor));
  }
  return nullptr;
}

}  // namespace splitpoint
