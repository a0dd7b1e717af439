#include "splitpoint/model.h"

#include <algorithm>

#include "splitpoint/provider.h"

namespace splitpoint {

const char* tier_name(Tier t) { return t == Tier::kLocal ? "local" : "cloud"; }

const char* finish_reason_name(FinishReason r) {
  switch (r) {
    case FinishReason::kNone: return "";
    case FinishReason::kStop: return "stop";
    case FinishReason::kLength: return "length";
    case FinishReason::kToolCalls: return "tool_calls";
    case FinishReason::kContentFilter: return "content_filter";
  }
  return "";
}

std::string Message::text() const {
  std::string out;
  for (const auto& p : parts) {
    if (p.kind == ContentPart::Kind::kText) out += p.text;
  }
  return out;
}

bool Message::has_image() const {
  return std::any_of(parts.begin(), parts.end(),
                     [](const ContentPart& p) { return p.kind == ContentPart::Kind::kImage; });
}

bool ChatRequest::has_image() const {
  return std::any_of(messages.begin(), messages.end(),
                     [](const Message& m) { return m.has_image(); });
}

bool ProviderDescriptor::serves_model(const std::string& m) const {
  return m == chat_model || m == embedding_model ||
         std::find(models.begin(), models.end(), m) != models.end();
}

}  // namespace splitpoint
