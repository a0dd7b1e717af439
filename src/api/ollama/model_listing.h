// Ollama's model-management answers as a gateway gives them: /api/tags, /api/ps, /api/show and
// the model-load answer of /api/generate and /api/chat. A gateway has no model files, so sizes
// are 0, details are empty strings and digests are synthesized (stable per model name).
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "api/dispatcher.h"

namespace splitpoint::api::ollama {

// RFC 3339 in UTC with nanoseconds, as Ollama writes times: "2024-09-12T21:17:29.110811000Z".
std::string format_time(std::chrono::system_clock::time_point time);

// 64 lowercase hex digits derived from `name` (not a real content digest; stable across runs).
std::string synthetic_digest(std::string_view name);

// The model called `name` (exact, or differing only by an implied ":latest" tag), or nullptr.
const ModelInfo* find_model(const std::vector<ModelInfo>& models, std::string_view name);

// {"models":[{"name","model","modified_at","size":0,"digest","details":{...}}]}; each name once.
std::string encode_tags(const std::vector<ModelInfo>& models, std::string_view modified_at);
// {"models":[{"name","model","size":0,"digest","details":{...},"expires_at","size_vram":0}]}.
std::string encode_ps(const std::vector<ModelInfo>& models, std::string_view expires_at);
// {"modelfile":"","parameters":"","template":"","details":{...},"model_info":{},
//  "capabilities":["completion", + "embedding" | "tools","vision"]}.
std::string encode_show(const ModelInfo& model);
// The answer to a load (or unload) call: {"model","created_at","response":""|"message":{...},
// "done":true,"done_reason"}; "response" for /api/generate, "message" for /api/chat.
std::string encode_load(std::string_view model, std::string_view created_at,
                        std::string_view done_reason, bool generate);

}  // namespace splitpoint::api::ollama
