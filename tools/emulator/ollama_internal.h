// Shared by the Ollama API files (not used elsewhere).
#pragma once

#include <string>
#include <string_view>

#include "exchange.h"

namespace splitpoint::emulator::ollama {

inline constexpr std::string_view kJson = "application/json; charset=utf-8";

// The configured model an Ollama request names, accepting "x" for "x:latest" and the other way
// round; empty if there is none.
std::string resolve_model(const Emulator& emu, std::string_view requested);
// A configured model name as Ollama lists it (with a tag: "x" -> "x:latest").
std::string tagged(std::string_view model);
// Whether a model looks like an embedding model (by name), for "capabilities".
bool is_embedding_model(std::string_view model);

Task<> fail(Exchange& ex, unsigned status, std::string_view message);
Task<> fail_unknown_model(Exchange& ex, std::string_view model);

Task<> embed(Exchange& ex);       // POST /api/embed
Task<> embeddings(Exchange& ex);  // POST /api/embeddings
Task<> tags(Exchange& ex);        // GET /api/tags
Task<> ps(Exchange& ex);          // GET /api/ps
Task<> show(Exchange& ex);        // POST /api/show

}  // namespace splitpoint::emulator::ollama
