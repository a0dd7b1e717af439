#include "policy/facts.h"

#include <algorithm>

#include "complexity/features.h"

namespace splitpoint::policy {
namespace {

void scan_into(const privacy::Detector& detector, std::string_view text,
               std::vector<privacy::Finding>& out) {
  if (text.empty()) return;
  std::vector<privacy::Finding> found = detector.scan(text);
  out.insert(out.end(), found.begin(), found.end());
}

void scan_request(const privacy::Detector& detector, const ChatRequest& request,
                  std::vector<privacy::Finding>& out) {
  for (const Message& m : request.messages) {
    for (const ContentPart& part : m.parts) {
      if (part.kind == ContentPart::Kind::kText) scan_into(detector, part.text, out);
    }
    for (const ToolCall& call : m.tool_calls) scan_into(detector, call.arguments, out);
  }
  scan_into(detector, request.suffix, out);
}

}  // namespace

RequestFacts make_facts(const ChatRequest& request, std::string_view pinned, std::string_view task,
                        const FactsOptions& options) {
  RequestFacts facts;
  facts.request = &request;
  facts.pinned_tier = pinned;
  facts.task = task;
  facts.automatic = request.model == "auto" ||
                    (options.auto_models != nullptr &&
                     std::find(options.auto_models->begin(), options.auto_models->end(),
                               request.model) != options.auto_models->end());
  facts.input_tokens = complexity::estimate_tokens(request);
  const std::optional<int64_t>& max_tokens = request.options.max_tokens;
  facts.output_tokens = max_tokens && *max_tokens > 0
                            ? *max_tokens
                            : std::max<int64_t>(options.default_output_tokens, 0);
  facts.has_image = request.has_image();
  facts.has_tools = !request.tools.empty();
  if (options.features) facts.features = complexity::extract(request);
  if (options.detector != nullptr) scan_request(*options.detector, request, facts.findings);
  return facts;
}

}  // namespace splitpoint::policy
