// default_config(): the configuration used when no file is given.
#include "config/config.h"
#include "config/env.h"

namespace splitpoint::config {

std::chrono::milliseconds default_first_token_timeout(Tier tier) {
  return std::chrono::milliseconds(tier == Tier::kLocal ? 120000 : 30000);
}

Config default_config() {
  Config config;

  ProviderDescriptor local;
  local.name = "ollama";
  local.tier = Tier::kLocal;
  local.kind = Protocol::kOllama;
  local.base_url = "http://127.0.0.1:11434";
  local.chat_model = "llama3.1:8b";
  local.embedding_model = "all-minilm";
  local.context_tokens = 8192;
  local.request_timeout = config.server.request_timeout;
  local.first_token_timeout = default_first_token_timeout(Tier::kLocal);

  ProviderDescriptor cloud;
  cloud.name = "openai";
  cloud.tier = Tier::kCloud;
  cloud.kind = Protocol::kOpenAI;
  cloud.base_url = "https://api.openai.com/v1";
  cloud.api_key = process_env("OPENAI_API_KEY").value_or("");
  cloud.chat_model = "gpt-4o";
  cloud.embedding_model = "text-embedding-3-small";
  cloud.context_tokens = 128000;
  // OpenAI list prices (USD per 1M tokens) of gpt-4o; text-embedding-3-small costs 0.02 / 0, and
  // a provider has one price pair, so the chat model's is shipped (embeddings are not budgeted).
  cloud.price_input_per_m = 2.50;
  cloud.price_output_per_m = 10.00;
  cloud.request_timeout = config.server.request_timeout;
  cloud.first_token_timeout = default_first_token_timeout(Tier::kCloud);

  config.providers.push_back(std::move(local));
  config.providers.push_back(std::move(cloud));
  return config;
}

}  // namespace splitpoint::config
