// Masks detected values in a request before it leaves for the cloud, and restores them in the
// answer. Placeholders are stable within a request (the same value gets the same placeholder,
// e.g. "[EMAIL_1]") and never collide with text already in the request.
// A Redaction is per request, used by one coroutine; not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "privacy/detector.h"
#include "splitpoint/model.h"

namespace splitpoint::privacy {

class Redaction {
 public:
  // Replaces every finding in the request's text (message text parts, tool call arguments,
  // tool results, system prompts) by its placeholder, in place. Returns the number of values
  // masked (distinct occurrences).
  int apply(const Detector& detector, ChatRequest& request);
  int count() const { return count_; }
  bool empty() const { return originals_.empty(); }

  // Restores placeholders in a whole answer (message content and tool call arguments).
  void restore(ChatResponse& response) const;
  // Restores placeholders in generic text (e.g. embeddings are not restored; this is for text).
  std::string restore(std::string_view text) const;

  // Streaming: feed each chunk's text in order; returns the text that is safe to emit now, with
  // placeholders restored. A placeholder split across chunks is held back until it completes
  // (at most one placeholder's length is held). flush() returns what is held at the end.
  class StreamRestorer {
   public:
    explicit StreamRestorer(const Redaction& r) : r_(r) {}
    std::string feed(std::string_view text);
    std::string flush();

   private:
    const Redaction& r_;
    std::string held_;
  };

  // placeholder -> original, in order of first appearance.
  const std::vector<std::pair<std::string, std::string>>& mapping() const { return originals_; }

 private:
  std::vector<std::pair<std::string, std::string>> originals_;
  int count_ = 0;
};

}  // namespace splitpoint::privacy
