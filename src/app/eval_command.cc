#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/commands.h"
#include "app/progress.h"
#include "complexity/features.h"
#include "policy/budget.h"
#include "policy/latency_tracker.h"
#include "router/planner.h"
#include "server/dispatcher.h"
#include "wire/openai/codec.h"

namespace splitpoint::app {
namespace {

namespace json = boost::json;

struct Totals {
  int n = 0;
  int matrix[2][2] = {{0, 0}, {0, 0}};  // [label: reflex, reasoning][tier: local, cloud]
  double cost_routed = 0, cost_cloud = 0, cost_local = 0;
  std::vector<double> lat_routed, lat_cloud, lat_local;  // predicted seconds
  int errors = 0;
};

// Predicted seconds and USD for `request` on provider `i` (descriptor seeds; no live data).
void estimate(const config::Config& c, std::size_t i, int64_t in, int64_t out, double& seconds,
              double& usd) {
  const policy::LatencyEstimate e = policy::LatencyTracker::seed(c.providers[i]);
  seconds = e.ttft_ms / 1000 + static_cast<double>(out) / e.tokens_per_sec;
  usd = policy::cost_usd(c.providers[i], in, out);
}

std::size_t first_of(const config::Config& c, Tier tier) {
  for (std::size_t i = 0; i < c.providers.size(); ++i) {
    if (c.providers[i].tier == tier && !c.providers[i].chat_model.empty()) return i;
  }
  return c.providers.size();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}

void add(const config::Config& c, const router::Plan& plan, const ChatRequest& req, int label,
         Totals& t) {
  const int64_t in = complexity::estimate_tokens(req);
  const int64_t out = req.options.max_tokens.value_or(c.router.default_output_tokens);
  const int tier = plan.tier == Tier::kLocal ? 0 : 1;
  ++t.matrix[label][tier];
  ++t.n;
  double s = 0, usd = 0;
  estimate(c, plan.order.front(), in, out, s, usd);
  t.lat_routed.push_back(s);
  t.cost_routed += usd;
  for (Tier all : {Tier::kCloud, Tier::kLocal}) {
    const std::size_t i = first_of(c, all);
    if (i == c.providers.size()) continue;
    estimate(c, i, in, out, s, usd);
    (all == Tier::kCloud ? t.lat_cloud : t.lat_local).push_back(s);
    (all == Tier::kCloud ? t.cost_cloud : t.cost_local) += usd;
  }
}

std::string report_json(const Totals& t) {
  json::object o;
  const double n = std::max(1, t.n);
  o["requests"] = t.n;
  o["errors"] = t.errors;
  o["accuracy"] = (t.matrix[0][0] + t.matrix[1][1]) / n;
  o["local_share"] = (t.matrix[0][0] + t.matrix[1][0]) / n;
  o["reflex_local_recall"] = t.matrix[0][0] / std::max(1.0, 1.0 * (t.matrix[0][0] + t.matrix[0][1]));
  o["reasoning_cloud_recall"] =
      t.matrix[1][1] / std::max(1.0, 1.0 * (t.matrix[1][0] + t.matrix[1][1]));
  o["confusion"] = {{"reflex", {{"local", t.matrix[0][0]}, {"cloud", t.matrix[0][1]}}},
                    {"reasoning", {{"local", t.matrix[1][0]}, {"cloud", t.matrix[1][1]}}}};
  auto strategy = [](double cost, const std::vector<double>& lat) {
    return json::object{{"cost_usd", cost},
                        {"latency_mean_s", mean(lat)},
                        {"latency_p95_s", percentile(lat, 0.95)}};
  };
  o["routed"] = strategy(t.cost_routed, t.lat_routed);
  o["all_cloud"] = strategy(t.cost_cloud, t.lat_cloud);
  o["all_local"] = strategy(t.cost_local, t.lat_local);
  return json::serialize(o);
}

void print_table(const Totals& t) {
  const json::object r = json::parse(report_json(t)).as_object();
  std::printf("requests %d (errors %d)\n", t.n, t.errors);
  std::printf("accuracy %.1f%%   local share %.1f%%\n", 100 * r.at("accuracy").to_number<double>(),
              100 * r.at("local_share").to_number<double>());
  std::printf("reflex -> local %.1f%%   reasoning -> cloud %.1f%%\n\n",
              100 * r.at("reflex_local_recall").to_number<double>(),
              100 * r.at("reasoning_cloud_recall").to_number<double>());
  std::printf("%-12s %8s %8s\n", "label\\tier", "local", "cloud");
  std::printf("%-12s %8d %8d\n", "reflex", t.matrix[0][0], t.matrix[0][1]);
  std::printf("%-12s %8d %8d\n\n", "reasoning", t.matrix[1][0], t.matrix[1][1]);
  std::printf("%-10s %12s %14s %14s\n", "strategy", "cost USD", "latency mean", "latency p95");
  for (const char* k : {"routed", "all_cloud", "all_local"}) {
    const json::object& s = r.at(k).as_object();
    std::printf("%-10s %12.4f %13.1fs %13.1fs\n", k, s.at("cost_usd").to_number<double>(),
                s.at("latency_mean_s").to_number<double>(),
                s.at("latency_p95_s").to_number<double>());
  }
}

}  // namespace

int run_eval(const EvalOptions& o) {
  auto config = load_config(o.config_file);
  std::ifstream in(o.data_file);
  if (!config.ok() || !in) {
    std::fprintf(stderr, "splitpoint: %s\n",
                 config.ok() ? ("cannot read " + o.data_file).c_str()
                             : config.status().message().c_str());
    return 2;
  }
  server::SharedState state(**config);
  auto planner = router::Planner::create(*config, state.view());
  if (!planner.ok()) {
    std::fprintf(stderr, "splitpoint: %s\n", planner.status().message().c_str());
    return 2;
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(std::move(line));
  }
  const Progress progress("eval", lines.size());
  Totals t;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    progress.step(k);
    boost::system::error_code ec;
    const json::value v = json::parse(lines[k], ec);
    const json::object* obj = ec ? nullptr : v.if_object();
    const json::value* label = obj ? obj->if_contains("label") : nullptr;
    const json::value* req = obj ? obj->if_contains("request") : nullptr;
    auto request = req ? wire::openai::decode_chat_request(json::serialize(*req))
                       : Result<ChatRequest>(Status::invalid("request: required"));
    const bool reasoning = label && label->is_string() && label->as_string() == "reasoning";
    const bool reflex = label && label->is_string() && label->as_string() == "reflex";
    if (!request.ok() || (!reasoning && !reflex)) {
      ++t.errors;
      continue;
    }
    const router::Plan plan = (*planner)->plan_chat(*request, "", "");
    if (!plan.ok()) {
      ++t.errors;
      continue;
    }
    add(**config, plan, *request, reasoning ? 1 : 0, t);
  }
  progress.done();
  if (o.json) {
    std::printf("%s\n", report_json(t).c_str());
  } else {
    print_table(t);
  }
  return t.n > 0 ? 0 : 1;
}

}  // namespace splitpoint::app
