#include "answer.h"

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "json_text.h"

namespace splitpoint::emulator {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string reply_text(const Prompt& prompt, int64_t reply_tokens) {
  std::string text;
  if (reply_tokens > 0) {
    text.reserve(static_cast<size_t>(reply_tokens) * 7);
    for (int64_t i = 0; i < reply_tokens; ++i) {
      text.append("tok");
      append_int(text, i);
      text.push_back(' ');
    }
    return text;
  }
  if (prompt.last_is_tool_result) return "echo: tool said " + prompt.tool_result;
  if (prompt.images > 0) {
    text = "echo(images=";
    append_int(text, static_cast<int64_t>(prompt.images));
    text.append("): ");
  } else {
    text = "echo: ";
  }
  text.append(prompt.last_user_text);
  return text;
}

std::string hex16(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return std::string(buf, 16);
}

}  // namespace

std::string_view Answer::token(size_t i) const {
  const uint32_t begin = i == 0 ? 0 : token_ends[i - 1];
  return std::string_view(text).substr(begin, token_ends[i] - begin);
}

std::string_view Answer::content() const {
  if (tool_call) return text;
  return std::string_view(text).substr(0, token_ends.empty() ? 0 : token_ends.back());
}

Answer make_answer(const Prompt& prompt, int64_t reply_tokens) {
  Answer a;
  a.prompt_tokens = prompt.prompt_words;
  if (!prompt.tool_name.empty() && !prompt.last_is_tool_result) {
    a.tool_call = true;
    a.tool_name = prompt.tool_name;
    a.text = "{\"input\":";
    append_json_string(a.text, prompt.last_user_text);
    a.text.push_back('}');
    a.tool_call_id = "call_" + hex16(fnv1a(a.text));
    a.completion_tokens = 1;
    return a;
  }
  if (prompt.json_format && !prompt.last_is_tool_result) {
    a.text = "{\"echo\":";
    append_json_string(a.text, prompt.last_user_text);
    a.text.push_back('}');
    a.token_ends.push_back(static_cast<uint32_t>(a.text.size()));
  } else {
    a.text = reply_text(prompt, reply_tokens);
    a.token_ends = split_tokens(a.text);
  }
  if (prompt.max_tokens && *prompt.max_tokens >= 0 &&
      a.token_ends.size() > static_cast<uint64_t>(*prompt.max_tokens)) {
    a.token_ends.resize(static_cast<size_t>(*prompt.max_tokens));
    a.truncated = true;
  }
  a.completion_tokens = a.token_ends.size();
  return a;
}

uint64_t count_words(std::string_view text) {
  uint64_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = is_space(c);
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::vector<uint32_t> split_tokens(std::string_view text) {
  std::vector<uint32_t> ends;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ') ends.push_back(static_cast<uint32_t>(i + 1));
  }
  if (!text.empty() && text.back() != ' ') ends.push_back(static_cast<uint32_t>(text.size()));
  return ends;
}

std::vector<float> embedding(std::string_view input, int dim) {
  std::vector<float> v(dim > 0 ? static_cast<size_t>(dim) : 0);
  uint64_t state = fnv1a(input);
  double norm = 0;
  for (float& x : v) {
    // splitmix64: a well-mixed, portable sequence from the input's hash.
    state += 0x9e3779b97f4a7c15ull;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    x = static_cast<float>(static_cast<double>(z >> 11) / 9007199254740992.0 * 2.0 - 1.0);
    norm += static_cast<double>(x) * x;
  }
  if (norm > 0) {
    const double scale = 1.0 / std::sqrt(norm);
    for (float& x : v) x = static_cast<float>(x * scale);
  }
  return v;
}

void append_embedding_json(std::string& out, std::string_view input, int dim) {
  out.push_back('[');
  bool first = true;
  for (float x : embedding(input, dim)) {
    if (!first) out.push_back(',');
    first = false;
    append_float(out, x);
  }
  out.push_back(']');
}

void append_embedding_base64(std::string& out, std::string_view input, int dim) {
  const std::vector<float> v = embedding(input, dim);
  std::string bytes(v.size() * 4, '\0');
  for (size_t i = 0; i < v.size(); ++i) {
    uint32_t bits = std::bit_cast<uint32_t>(v[i]);
    for (int b = 0; b < 4; ++b) bytes[i * 4 + b] = static_cast<char>((bits >> (8 * b)) & 0xff);
  }
  out.push_back('"');
  append_base64(out, bytes);
  out.push_back('"');
}

}  // namespace splitpoint::emulator
