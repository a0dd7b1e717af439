// The emulator's deterministic model: what a request says (Prompt, filled in by each protocol's
// decoder) and what the "model" answers (Answer). Protocol-neutral; see docs/emulator.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace splitpoint::emulator {

// What the answer depends on, extracted from a chat/generate request.
struct Prompt {
  std::string last_user_text;         // text of the last user message (parts joined by " ")
  uint64_t prompt_words = 0;          // whitespace-separated words over all message texts
  uint64_t images = 0;                // images over all messages
  bool json_format = false;           // response_format json_* (OpenAI) / format (Ollama)
  std::string tool_name;              // tool to call; empty = no tool call wanted
  bool last_is_tool_result = false;   // the last message has role "tool"
  std::string tool_result;            // its text
  std::optional<int64_t> max_tokens;  // negative values mean "no limit"
};

struct Answer {
  bool tool_call = false;
  // Text answers: the reply text. Tool calls: the arguments JSON text.
  std::string text;
  // Text answers: end offset in `text` of each token kept (after truncation).
  std::vector<uint32_t> token_ends;
  std::string tool_name;
  std::string tool_call_id;  // "call_" + 16 hex digits derived from the arguments
  bool truncated = false;    // max tokens cut the reply short
  uint64_t prompt_tokens = 0;
  uint64_t completion_tokens = 0;

  size_t token_count() const { return token_ends.size(); }
  // Token `i` (< token_count()) of a text answer.
  std::string_view token(size_t i) const;
  // The text actually answered (all kept tokens; the arguments for a tool call).
  std::string_view content() const;
};

// Computes the answer. `reply_tokens` > 0 replaces the echo text of plain text answers with
// "tok0 tok1 ... tok<N-1> " (every token is "tok<i> ").
Answer make_answer(const Prompt& prompt, int64_t reply_tokens);

// Number of whitespace-separated words in `text`.
uint64_t count_words(std::string_view text);

// End offsets of the tokens of `text`: a token ends after each space, and at the end.
std::vector<uint32_t> split_tokens(std::string_view text);

// A deterministic unit-length vector of `dim` floats derived from a hash of `input`.
std::vector<float> embedding(std::string_view input, int dim);

// Appends embedding(input, dim) as a JSON array of numbers.
void append_embedding_json(std::string& out, std::string_view input, int dim);

// Appends embedding(input, dim) as base64 of little-endian float32 values, quoted (OpenAI's
// encoding_format "base64").
void append_embedding_base64(std::string& out, std::string_view input, int dim);

}  // namespace splitpoint::emulator
