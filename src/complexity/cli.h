// Entry points of the model subcommands; src/app wires them to CLI11. Each returns the process
// exit code (0 ok, 1 failure, 2 bad input) and prints to `out` / `err`.
#pragma once

#include <iostream>
#include <string>

namespace splitpoint::complexity {

// splitpoint train [--data data/archive/train.jsonl] [--shared-data DIR] [--archive-only]
//                  [--out models/complexity.json] [--builtin-out src/complexity/builtin_model.cc]
struct TrainArgs {
  std::string archive = "data/archive/train.jsonl";
  std::string shared_data;    // "" = $SPLITPOINT_SHARED_DATA or ../shared/data
  bool archive_only = false;  // train without the public benchmarks
  std::string out = "models/complexity.json";
  std::string builtin_out;  // also rewrite the compiled-in model source when set
};
int train_main(const TrainArgs& args, std::ostream& out = std::cout, std::ostream& err = std::cerr);

// splitpoint calibrate --target-local-share 0.7 FILE.jsonl [--model FILE]
// FILE: archive-format lines or bare OpenAI chat requests; prints the threshold that keeps the
// share local (and, for labelled lines, the per-class recall at it).
struct CalibrateArgs {
  std::string file;
  double target_local_share = 0.7;
  std::string model;  // "" = the built-in model
};
int calibrate_main(const CalibrateArgs& args, std::ostream& out = std::cout,
                   std::ostream& err = std::cerr);

// splitpoint eval [--model FILE] [--threshold 0.5] [--errors N] FILE.jsonl
// Confusion matrix, accuracy and per-class recall on a labelled file; lists misrouted lines.
struct EvalArgs {
  std::string file = "data/archive/holdout.jsonl";
  std::string model;
  double threshold = 0.5;
  int errors = 10;  // misrouted examples to list
};
int eval_main(const EvalArgs& args, std::ostream& out = std::cout, std::ostream& err = std::cerr);

// splitpoint eval-routellm [--routellm DIR] [--model FILE]
// On the held-out half of RouteLLM's GSM8K and MMLU: accuracy at strong-model shares 10..90%
// against random routing.
struct EvalRouteLlmArgs {
  std::string routellm_dir;  // "" = <shared data>/routellm
  std::string model;
};
int eval_routellm_main(const EvalRouteLlmArgs& args, std::ostream& out = std::cout,
                       std::ostream& err = std::cerr);

}  // namespace splitpoint::complexity
