#include "complexity/cli.h"

#include <cstdio>
#include <fstream>
#include <memory>
#include <vector>

#include "complexity/dataset.h"
#include "complexity/model.h"
#include "complexity/trainer.h"
#include "complexity/training_set.h"

namespace splitpoint::complexity {
namespace {

std::string pct(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * v);
  return buf;
}

std::string num(double v, const char* f = "%.4f") {
  char buf[32];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

Result<std::shared_ptr<const Model>> model_for(const std::string& path) {
  if (path.empty()) return Model::builtin();
  return Model::load(path);
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
  return static_cast<bool>(f.flush());
}

void print_confusion(const Confusion& c, std::ostream& out) {
  out << "                 routed local  routed cloud\n"
      << "reflex           " << num(c.reflex_local, "%12.0f") << num(c.reflex_cloud, "%14.0f")
      << "\nreasoning        " << num(c.reasoning_local, "%12.0f")
      << num(c.reasoning_cloud, "%14.0f") << "\n"
      << "accuracy " << pct(c.accuracy()) << "  reflex -> local " << pct(c.reflex_recall())
      << "  reasoning -> cloud " << pct(c.reasoning_recall()) << "  (n=" << c.total() << ")\n";
}

}  // namespace

int train_main(const TrainArgs& args, std::ostream& out, std::ostream& err) {
  std::string shared;
  if (!args.archive_only) {
    shared = resolve_shared_data(args.shared_data);
    if (shared.empty()) {
      err << "train: shared data not found (give --shared-data DIR, set SPLITPOINT_SHARED_DATA, "
             "or use --archive-only)\n";
      return 2;
    }
  }
  TrainingSet set;
  auto model = train_product_model(args.archive, shared, &set);
  if (!model.ok()) {
    err << "train: " << model.status().message() << "\n";
    return 2;
  }
  for (const auto& [source, n] : set.counts) out << source << ": " << n << " examples\n";
  const std::string text = model->to_json();
  if (!write_file(args.out, text)) {
    err << "train: cannot write " << args.out << "\n";
    return 1;
  }
  out << "wrote " << args.out << "\n";
  if (!args.builtin_out.empty()) {
    if (!write_file(args.builtin_out, builtin_model_source(text))) {
      err << "train: cannot write " << args.builtin_out << "\n";
      return 1;
    }
    out << "wrote " << args.builtin_out << "\n";
  }
  const Confusion c = evaluate(model.value(), set.examples, 0.5);
  out << "training set at threshold 0.5:\n";
  print_confusion(c, out);
  return 0;
}

int calibrate_main(const CalibrateArgs& args, std::ostream& out, std::ostream& err) {
  auto model = model_for(args.model);
  if (!model.ok()) {
    err << "calibrate: " << model.status().message() << "\n";
    return 2;
  }
  auto reqs = load_requests(args.file, false);
  if (!reqs.ok()) {
    err << "calibrate: " << reqs.status().message() << "\n";
    return 2;
  }
  if (reqs->empty()) {
    err << "calibrate: " << args.file << " holds no requests\n";
    return 2;
  }
  std::vector<double> scores;
  std::vector<Example> labelled;
  for (const auto& r : reqs.value()) {
    Features f = extract(r.request);
    scores.push_back((*model)->score(f));
    if (r.label >= 0) labelled.push_back({f, r.label, 1.0, ""});
  }
  const double t = calibrate(scores, args.target_local_share);
  std::size_t local = 0;
  for (double s : scores) local += s <= t;
  out << "threshold " << num(t) << "\n"
      << "local share " << pct(static_cast<double>(local) / scores.size()) << " (" << local
      << " of " << scores.size() << ", target " << pct(args.target_local_share) << ")\n";
  if (!labelled.empty()) print_confusion(evaluate(**model, labelled, t), out);
  return 0;
}

int eval_main(const EvalArgs& args, std::ostream& out, std::ostream& err) {
  auto model = model_for(args.model);
  if (!model.ok()) {
    err << "eval: " << model.status().message() << "\n";
    return 2;
  }
  auto reqs = load_archive(args.file);
  if (!reqs.ok()) {
    err << "eval: " << reqs.status().message() << "\n";
    return 2;
  }
  std::vector<Example> ex;
  int listed = 0;
  for (const auto& r : reqs.value()) {
    Features f = extract(r.request);
    ex.push_back({f, r.label, 1.0, r.tag});
    const Explanation e = (*model)->explain(f, 4);
    if ((e.score > args.threshold) != (r.label == 1) && listed < args.errors) {
      ++listed;
      out << "misrouted " << (r.label ? "reasoning" : "reflex") << " " << r.tag << " score "
          << num(e.score, "%.3f") << ":";
      for (const auto& t : e.top_factors) out << " " << t;
      out << "\n";
    }
  }
  print_confusion(evaluate(**model, ex, args.threshold), out);
  return 0;
}

int eval_routellm_main(const EvalRouteLlmArgs& args, std::ostream& out, std::ostream& err) {
  std::string dir = args.routellm_dir;
  if (dir.empty()) {
    const std::string shared = resolve_shared_data("");
    if (shared.empty()) {
      err << "eval-routellm: give --routellm DIR (or set SPLITPOINT_SHARED_DATA)\n";
      return 2;
    }
    dir = shared + "/routellm";
  }
  auto model = model_for(args.model);
  if (!model.ok()) {
    err << "eval-routellm: " << model.status().message() << "\n";
    return 2;
  }
  auto items = load_routellm(dir);
  if (!items.ok()) {
    err << "eval-routellm: " << items.status().message() << "\n";
    return 2;
  }
  const std::vector<double> shares = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
  for (const char* source : {"gsm8k", "mmlu"}) {
    std::vector<RoutedItem> routed;
    double weak = 0, strong = 0;
    for (const auto& it : items.value()) {
      if (it.source != source || !it.heldout) continue;
      routed.push_back(
          {(*model)->score(extract(user_request(it.prompt))), it.weak_correct, it.strong_correct});
      weak += it.weak_correct;
      strong += it.strong_correct;
    }
    if (routed.empty()) continue;
    out << source << " (held-out, n=" << routed.size() << "): weak only "
        << pct(weak / routed.size()) << ", strong only " << pct(strong / routed.size()) << "\n"
        << "| strong share | router accuracy | random accuracy | difference |\n"
        << "|---:|---:|---:|---:|\n";
    for (const auto& row : tradeoff(routed, shares)) {
      out << "| " << pct(row.strong_share) << " | " << pct(row.router_accuracy) << " | "
          << pct(row.random_accuracy) << " | "
          << num(100 * (row.router_accuracy - row.random_accuracy), "%+.1f") << " pt |\n";
    }
    out << "\n";
  }
  return 0;
}

}  // namespace splitpoint::complexity
