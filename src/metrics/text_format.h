// Writer for the Prometheus text exposition format 0.0.4: HELP/TYPE lines, samples with escaped
// label values, histograms as cumulative _bucket{le=...}, _sum and _count. Builds one string;
// not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metrics/histogram.h"

namespace splitpoint::metrics {

using Labels = std::vector<std::pair<std::string_view, std::string_view>>;

class TextWriter {
 public:
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

  // Starts a metric family: `type` is counter, gauge or histogram. Each family once.
  void family(std::string_view name, std::string_view type, std::string_view help);
  void sample(std::string_view name, const Labels& labels, double value);
  // `name` is the family name; seconds are written as they are.
  void histogram(std::string_view name, const Labels& labels, const Histogram& h);

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

  // A label value with \ " and newline escaped.
  static std::string escape_label(std::string_view v);
  // Shortest round-trip decimal; +Inf, -Inf, NaN as Prometheus spells them.
  static std::string number(double v);

 private:
  void labels(const Labels& labels, std::string_view le = {});

  std::string out_;
};

}  // namespace splitpoint::metrics
