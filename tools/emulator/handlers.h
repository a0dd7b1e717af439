// Request handlers, one per API family. Each answers exactly one request through the Exchange.
#pragma once

#include <string>
#include <string_view>

#include "exchange.h"

namespace splitpoint::emulator {

// OpenAI: /v1/chat/completions, /v1/embeddings, /v1/models[/<id>].
Task<> handle_openai(Exchange& ex);
// Ollama: /api/chat, /api/generate, /api/embed, /api/embeddings, /api/tags, /api/ps, /api/show,
// /api/version, GET|HEAD /.
Task<> handle_ollama(Exchange& ex);
// Admin: /_emulator/config, /_emulator/faults, /_emulator/requests, /_emulator/reset,
// /_emulator/stats.
Task<> handle_admin(Exchange& ex);

// {"error":{"message","type","param":null,"code"}}; an empty `code` is written as null.
std::string openai_error_body(std::string_view message, std::string_view type,
                              std::string_view code);
// The OpenAI error type and code for an HTTP status (e.g. 429 -> "requests",
// "rate_limit_exceeded"; 5xx -> "server_error").
std::pair<std::string_view, std::string_view> openai_error_kind(unsigned status);
// {"error":"<message>"}
std::string ollama_error_body(std::string_view message);

}  // namespace splitpoint::emulator
