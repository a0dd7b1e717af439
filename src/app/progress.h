// A progress line on stderr for long offline runs (eval, replay): shown only when stderr is a
// terminal and the run is long enough to need it. Not thread-safe.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdio>

namespace splitpoint::app {

class Progress {
 public:
  // `label` must outlive the object (string literals).
  Progress(const char* label, std::size_t total, std::size_t min_total = 200)
      : label_(label), total_(total), shown_(::isatty(2) && total >= min_total) {}
  // Call with k = 0, 1, ...; redraws every `every` steps.
  void step(std::size_t k, std::size_t every = 50) const {
    if (!shown_ || k % every != 0) return;
    const std::size_t pct = 100 * k / total_;
    char bar[21];
    for (std::size_t i = 0; i < 20; ++i) bar[i] = i < pct / 5 ? '#' : '.';
    bar[20] = '\0';
    std::fprintf(stderr, "\r%s [%s] %zu/%zu (%zu%%)", label_, bar, k, total_, pct);
  }
  void done() const {
    if (shown_) std::fprintf(stderr, "\r%s [####################] %zu/%zu (100%%)\n", label_, total_, total_);
  }

 private:
  const char* label_;
  std::size_t total_;
  bool shown_;
};

}  // namespace splitpoint::app
