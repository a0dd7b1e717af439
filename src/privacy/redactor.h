// Masks detected values in a request before it leaves for the cloud, and restores them in the
// answer. Placeholders are stable within a request (the same value gets the same placeholder,
// e.g. "[EMAIL_1]") and never collide with text already in the request.
// A Redaction is per request, used by one coroutine; not thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "privacy/detector.h"
#include "splitpoint/model.h"

namespace splitpoint::privacy {

class Redaction {
 public:
  // Replaces every finding in the request's text (message text parts, tool call arguments,
  // tool results, system prompts) by its placeholder, in place. Returns the number of values
  // masked (distinct occurrences), i.e. every occurrence; mapping() holds the distinct values.
  // Also masked: Message::thinking, the /api/generate suffix, and pass-through `extra` fields
  // (JSON). Not masked: names, tool definitions, image parts, the response format. Within JSON
  // text (tool call arguments, extra fields) a value inside a string is replaced inside it; a
  // bare value (a JSON number) becomes a JSON string holding the placeholder. Call once per
  // request (the placeholder form is chosen from the first request's text).
  int apply(const Detector& detector, ChatRequest& request);
  int count() const { return count_; }
  bool empty() const { return originals_.empty(); }

  // Restores placeholders in a whole answer (message content and tool call arguments).
  void restore(ChatResponse& response) const;
  // Restores placeholders in generic text (e.g. embeddings are not restored; this is for text).
  std::string restore(std::string_view text) const;
  // Appends text to out with placeholders restored.
  void restore_into(std::string& out, std::string_view text) const;
  // JSON text (tool call arguments): a placeholder inside a string is restored JSON-escaped;
  // one outside any string becomes a JSON string. Unbalanced quotes are tolerated.
  std::string restore_json(std::string_view json) const;

  // True if the request text already held placeholder-like tokens, so placeholders carry a
  // random salt ("[EMAIL_1_a3f9]").
  bool salted() const { return !salt_.empty(); }

  // Streaming: feed each chunk's text in order; returns the text that is safe to emit now, with
  // placeholders restored. A placeholder split across chunks is held back until it completes
  // (at most one placeholder's length is held). flush() returns what is held at the end.
  // The held suffix is the shortest tail that starts with '[' and is a proper prefix of some
  // placeholder; everything before it is emitted at once. In kJson mode (streamed tool call
  // arguments, one restorer per call) restoring follows restore_json() across chunks.
  class StreamRestorer {
   public:
    enum class Mode { kText, kJson };
    explicit StreamRestorer(const Redaction& r) : r_(r) {}
    StreamRestorer(const Redaction& r, Mode mode) : r_(r), mode_(mode) {}
    std::string feed(std::string_view text);
    std::string flush();

   private:
    void emit(std::string& out, std::string_view text);
    const Redaction& r_;
    Mode mode_ = Mode::kText;
    bool in_string_ = false;  // kJson: inside a JSON string
    bool escape_ = false;     // kJson: after a backslash inside a string
    std::string held_;
  };

  // placeholder -> original, in order of first appearance.
  const std::vector<std::pair<std::string, std::string>>& mapping() const { return originals_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Index = std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>;

  void choose_salt(const std::vector<const std::string*>& texts);
  const std::string& placeholder(Kind kind, std::string_view original);
  int mask_plain(const Detector& detector, std::string& text);
  int mask_json(const Detector& detector, std::string& json);
  // Index into originals_ of the placeholder at text[i] ('['); -1 if none. *end: one past it.
  int placeholder_at(std::string_view text, std::size_t i, std::size_t* end) const;
  // Length of the tail of text that could still become a placeholder.
  std::size_t pending_tail(std::string_view text) const;
  void restore_json_into(std::string& out, std::string_view json, bool& in_string,
                         bool& escape) const;

  std::vector<std::pair<std::string, std::string>> originals_;
  Index by_placeholder_;               // placeholder -> index into originals_
  Index by_value_;                     // kind letter + original -> index into originals_
  std::array<int, 7> next_ordinal_{};  // per Kind
  std::size_t longest_ = 0;            // longest placeholder
  std::string salt_;                   // "" or "_" + 4 hex digits
  bool salt_chosen_ = false;
  int count_ = 0;
};

}  // namespace splitpoint::privacy
