// The /metrics text is parsed back with a strict reader of exposition format 0.0.4: names and
// label syntax, escapes, HELP/TYPE before samples, one TYPE per family, cumulative buckets
// ending in +Inf equal to _count.
#include "metrics/prometheus.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "metrics/live_stats.h"
#include "metrics/text_format.h"

namespace splitpoint::metrics {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct Parsed {
  std::map<std::string, std::string> types;  // family -> type
  std::map<std::string, std::string> help;
  std::vector<Sample> samples;
};

// Reads `{a="x",b="y\"z"}` starting at line[i] == '{'; advances i past '}'.
std::map<std::string, std::string> parse_labels(const std::string& line, std::size_t& i) {
  static const std::regex kName("[a-zA-Z_][a-zA-Z0-9_]*");
  std::map<std::string, std::string> out;
  ++i;
  while (i < line.size() && line[i] != '}') {
    const std::size_t eq = line.find('=', i);
    if (eq == std::string::npos) throw std::runtime_error("no = in labels: " + line);
    const std::string name = line.substr(i, eq - i);
    if (!std::regex_match(name, kName)) throw std::runtime_error("bad label name: " + name);
    if (line.at(eq + 1) != '"') throw std::runtime_error("label value not quoted: " + line);
    std::string value;
    for (i = eq + 2; line.at(i) != '"'; ++i) {
      if (line[i] != '\\') {
        value += line[i];
        continue;
      }
      const char e = line.at(++i);
      if (e == 'n') value += '\n';
      else if (e == '\\' || e == '"') value += e;
      else throw std::runtime_error("bad escape in: " + line);
    }
    if (!out.emplace(name, value).second) throw std::runtime_error("duplicate label " + name);
    ++i;
    if (line.at(i) == ',') ++i;
  }
  if (i >= line.size()) throw std::runtime_error("unterminated labels: " + line);
  ++i;
  return out;
}

std::string family_of(const std::string& name, const Parsed& p) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s(suffix);
    if (name.size() > s.size() && name.ends_with(s)) {
      const std::string base = name.substr(0, name.size() - s.size());
      auto it = p.types.find(base);
      if (it != p.types.end() && it->second == "histogram") return base;
    }
  }
  return name;
}

Parsed parse(const std::string& text) {
  static const std::regex kMetric("[a-zA-Z_:][a-zA-Z0-9_:]*");
  Parsed p;
  if (text.empty() || text.back() != '\n') throw std::runtime_error("must end with a newline");
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) {
      const std::size_t sp = line.find(' ', 7);
      const std::string name = line.substr(7, sp - 7);
      if (!std::regex_match(name, kMetric)) throw std::runtime_error("bad name: " + name);
      const std::string rest = sp == std::string::npos ? "" : line.substr(sp + 1);
      if (line[2] == 'H') {
        p.help[name] = rest;
      } else {
        if (p.types.count(name)) throw std::runtime_error("TYPE twice: " + name);
        if (rest != "counter" && rest != "gauge" && rest != "histogram")
          throw std::runtime_error("bad type: " + rest);
        p.types[name] = rest;
      }
      continue;
    }
    if (line.empty() || line[0] == '#') throw std::runtime_error("unexpected line: " + line);
    Sample s;
    std::size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
    s.name = line.substr(0, i);
    if (!std::regex_match(s.name, kMetric)) throw std::runtime_error("bad name: " + s.name);
    if (line.at(i) == '{') s.labels = parse_labels(line, i);
    if (line.at(i) != ' ') throw std::runtime_error("no space before value: " + line);
    const std::string v = line.substr(i + 1);
    char* end = nullptr;
    s.value = v == "+Inf" ? kInf : std::strtod(v.c_str(), &end);
    if (v != "+Inf" && (end == v.c_str() || *end != '\0'))
      throw std::runtime_error("bad value: " + line);
    if (!p.types.count(family_of(s.name, p)))
      throw std::runtime_error("sample before its TYPE: " + line);
    p.samples.push_back(std::move(s));
  }
  return p;
}

const Sample* find(const Parsed& p, const std::string& name,
                   const std::map<std::string, std::string>& labels) {
  for (const auto& s : p.samples) {
    if (s.name == name && s.labels == labels) return &s;
  }
  return nullptr;
}

api::RequestRecord rec(std::string tier, std::string provider, int status, double ms) {
  api::RequestRecord r;
  r.unix_ms = 1'700'000'000'000;
  r.door = "openai";
  r.tier = std::move(tier);
  r.provider = std::move(provider);
  r.http_status = status;
  r.total_ms = ms;
  r.input_tokens = 10;
  r.output_tokens = 5;
  r.reasons = {"complexity: 0.2 <= 0.5 -> local"};
  return r;
}

TEST(Prometheus, ParsesBackStrictlyWithEveryFamily) {
  LiveStats stats(1'700'000'000'000);
  stats.record(rec("local", "ollama", 200, 30));
  stats.record(rec("local", "ollama", 200, 700));
  auto cloud = rec("cloud", "openai \"eu\"\nx\\y", 502, 5000);  // label needing every escape
  cloud.ttft_ms = 120;
  cloud.cost_usd = 0.25;
  cloud.cloud_cost_usd = 0.25;
  cloud.fallbacks = {"ollama"};
  cloud.redactions = 2;
  stats.record(cloud);
  const std::vector<ProviderState> providers{{"ollama", "local", true},
                                             {"openai", "cloud", false, "open"},
                                             {"spare", "cloud", true, "half_open"},
                                             {"limited", "cloud", false, "closed", true}};
  const std::string text = prometheus_text(stats.snapshot(1'700'000'060'000), providers);

  const Parsed p = parse(text);
  for (const auto& [name, type] : p.types) {
    EXPECT_TRUE(name.starts_with("splitpoint_")) << name;
    EXPECT_TRUE(p.help.count(name)) << name;
    EXPECT_TRUE(type != "counter" || name.ends_with("_total")) << name;
  }
  EXPECT_EQ(p.types.at("splitpoint_request_duration_seconds"), "histogram");
  const std::string odd = "openai \"eu\"\nx\\y";
  const Sample* s = find(p, "splitpoint_requests_total",
                         {{"tier", "local"}, {"provider", "ollama"}, {"door", "openai"},
                          {"status", "200"}});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, 2);
  s = find(p, "splitpoint_requests_total",
           {{"tier", "cloud"}, {"provider", odd}, {"door", "openai"}, {"status", "502"}});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, 1);
  s = find(p, "splitpoint_cost_usd_total", {{"tier", "cloud"}, {"provider", odd}});
  ASSERT_NE(s, nullptr);
  EXPECT_DOUBLE_EQ(s->value, 0.25);
  s = find(p, "splitpoint_tokens_total", {{"provider", "ollama"}, {"direction", "output"}});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, 10);
  s = find(p, "splitpoint_fallbacks_total", {{"provider", "ollama"}});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, 1);
  s = find(p, "splitpoint_routing_reasons_total", {{"kind", "complexity"}});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, 3);
  s = find(p, "splitpoint_redactions_total", {});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, 2);
  s = find(p, "splitpoint_circuit_open", {{"provider", "openai"}, {"tier", "cloud"}});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, 1);
  s = find(p, "splitpoint_circuit_open", {{"provider", "ollama"}, {"tier", "local"}});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, 0);
  s = find(p, "splitpoint_circuit_open", {{"provider", "spare"}, {"tier", "cloud"}});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, 1);  // half_open is not closed
  // One-hot: each provider has exactly one state at 1.
  for (const auto& [name, state] : std::vector<std::pair<std::string, std::string>>{
           {"ollama", "closed"}, {"openai", "open"}, {"spare", "half_open"}, {"limited", "closed"}}) {
    double sum = 0;
    for (const char* st : {"closed", "open", "half_open"}) {
      const std::string tier = name == "ollama" ? "local" : "cloud";
      s = find(p, "splitpoint_circuit_state", {{"provider", name}, {"tier", tier}, {"state", st}});
      ASSERT_NE(s, nullptr) << name << " " << st;
      EXPECT_EQ(s->value, st == state ? 1 : 0) << name << " " << st;
      sum += s->value;
    }
    EXPECT_EQ(sum, 1) << name;
  }
  s = find(p, "splitpoint_provider_held", {{"provider", "limited"}, {"tier", "cloud"}});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, 1);
  s = find(p, "splitpoint_provider_held", {{"provider", "openai"}, {"tier", "cloud"}});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, 0);
  s = find(p, "splitpoint_time_to_first_token_seconds_count", {{"tier", "cloud"}, {"provider", odd}});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, 1);
}

TEST(Prometheus, HistogramBucketsAreCumulativeAndEndAtCount) {
  LiveStats stats(0);
  for (double ms : {1.0, 4.0, 30.0, 700.0, 700.0, 200'000.0}) {
    stats.record(rec("local", "ollama", 200, ms));
  }
  const Parsed p = parse(prometheus_text(stats.snapshot(60'000), {}));
  const std::map<std::string, std::string> base{{"tier", "local"}, {"provider", "ollama"}};
  double previous = -1;
  double previous_le = -1;
  int buckets = 0;
  for (const auto& s : p.samples) {
    if (s.name != "splitpoint_request_duration_seconds_bucket") continue;
    ++buckets;
    const std::string le = s.labels.at("le");
    const double bound = le == "+Inf" ? kInf : std::stod(le);
    EXPECT_GT(bound, previous_le);
    EXPECT_GE(s.value, previous);
    previous = s.value;
    previous_le = bound;
    if (le == "0.005") {
      EXPECT_EQ(s.value, 2);
    } else if (le == "0.05") {
      EXPECT_EQ(s.value, 3);
    } else if (le == "1") {
      EXPECT_EQ(s.value, 5);
    }
  }
  EXPECT_EQ(buckets, static_cast<int>(kLatencyBounds.size()) + 1);
  EXPECT_EQ(previous_le, kInf);
  auto labels = base;
  const Sample* count = find(p, "splitpoint_request_duration_seconds_count", labels);
  ASSERT_NE(count, nullptr);
  EXPECT_EQ(count->value, 6);
  EXPECT_EQ(previous, count->value);
  const Sample* sum = find(p, "splitpoint_request_duration_seconds_sum", labels);
  ASSERT_NE(sum, nullptr);
  EXPECT_NEAR(sum->value, 201.435, 1e-9);
}

TEST(Prometheus, EmptyStatsStillDeclareEveryFamily) {
  const Parsed p = parse(prometheus_text(LiveStats(0).snapshot(0), {}));
  EXPECT_EQ(p.types.size(), 14u);
  EXPECT_NE(find(p, "splitpoint_redactions_total", {}), nullptr);
}

TEST(TextWriter, EscapesAndNumbers) {
  EXPECT_EQ(TextWriter::escape_label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  EXPECT_EQ(TextWriter::number(0.1), "0.1");
  EXPECT_EQ(TextWriter::number(3), "3");
  EXPECT_EQ(TextWriter::number(kInf), "+Inf");
  EXPECT_EQ(TextWriter::number(std::nan("")), "NaN");
  TextWriter w;
  w.family("x_total", "counter", "line\\one\ntwo");
  EXPECT_EQ(w.text(), "# HELP x_total line\\\\one\\ntwo\n# TYPE x_total counter\n");
}

}  // namespace
}  // namespace splitpoint::metrics
