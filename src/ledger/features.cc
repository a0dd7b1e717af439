#include "ledger/features.h"

#include <charconv>
#include <cmath>
#include <cstdint>

#include <boost/json.hpp>

namespace splitpoint::ledger {
namespace {

namespace json = boost::json;

void append_number(std::string& out, double v) {
  // Most features are 0 or small counts: printed as integers without to_chars' general algorithm.
  // Below 1e5 the shortest form of an integer is its digits (100000 would be "1e+05").
  if (std::abs(v) < 1e5 && v == std::trunc(v) && !std::signbit(v == 0 ? v : 1.0)) {
    out += std::to_string(static_cast<int32_t>(v));
    return;
  }
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_field(std::string& out, std::string_view key, int64_t v) {
  out += ",\"";
  out += key;
  out += "\":";
  out += std::to_string(v);
}

int64_t int_of(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<int64_t>(v->as_double());
  return 0;
}

double number_of(const json::value& v) {
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  return 0;
}

StoredFacts captured(const policy::RequestFacts& facts) {
  StoredFacts s;
  s.automatic = facts.automatic;
  s.input_tokens = facts.input_tokens;
  s.output_tokens = facts.output_tokens;
  s.has_image = facts.has_image;
  s.has_tools = facts.has_tools;
  for (float f : facts.features) s.has_features |= f != 0;
  s.features = facts.features;
  s.findings.reserve(facts.findings.size());
  for (const privacy::Finding& f : facts.findings) s.findings.push_back(f.kind);
  return s;
}

class CapturedFacts final : public api::FeaturesSource {
 public:
  explicit CapturedFacts(StoredFacts facts) : facts_(std::move(facts)) {}
  std::string encode() const override { return encode_features(facts_); }

 private:
  const StoredFacts facts_;
};

}  // namespace

std::string encode_features(const policy::RequestFacts& facts) {
  return encode_features(captured(facts));
}

std::shared_ptr<const api::FeaturesSource> capture_features(const policy::RequestFacts& facts) {
  return std::make_shared<const CapturedFacts>(captured(facts));
}

std::string encode_features(const StoredFacts& facts) {
  std::string out;
  out.reserve(160);
  out += "{\"v\":";
  out += std::to_string(kFeaturesVersion);
  append_field(out, "auto", facts.automatic ? 1 : 0);
  append_field(out, "in", facts.input_tokens);
  append_field(out, "out", facts.output_tokens);
  append_field(out, "img", facts.has_image ? 1 : 0);
  append_field(out, "tools", facts.has_tools ? 1 : 0);
  out += ",\"pf\":[";
  for (std::size_t i = 0; i < facts.findings.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(static_cast<int>(facts.findings[i]));
  }
  out += ']';
  if (facts.has_features) {
    out += ",\"f\":[";
    for (std::size_t i = 0; i < facts.features.size(); ++i) {
      if (i > 0) out += ',';
      append_number(out, facts.features[i]);
    }
    out += ']';
  }
  out += '}';
  return out;
}

Result<StoredFacts> decode_features(std::string_view text) {
  boost::system::error_code ec;
  const json::value v = json::parse(text, ec);
  const json::object* o = ec ? nullptr : v.if_object();
  if (o == nullptr) return Status::invalid("features: not a JSON object");
  const int64_t version = int_of(*o, "v");
  if (version < 1 || version > kFeaturesVersion) {
    return Status::invalid("features: unknown version " + std::to_string(version));
  }
  StoredFacts s;
  s.automatic = int_of(*o, "auto") != 0;
  s.input_tokens = int_of(*o, "in");
  s.output_tokens = int_of(*o, "out");
  s.has_image = int_of(*o, "img") != 0;
  s.has_tools = int_of(*o, "tools") != 0;
  if (const json::array* pf = o->contains("pf") ? o->at("pf").if_array() : nullptr) {
    for (const json::value& k : *pf) {
      const int kind = static_cast<int>(number_of(k));
      if (kind >= 0 && kind <= static_cast<int>(privacy::Kind::kSecret)) {
        s.findings.push_back(static_cast<privacy::Kind>(kind));
      }
    }
  }
  const json::array* f = o->contains("f") ? o->at("f").if_array() : nullptr;
  if (f != nullptr && f->size() == complexity::kFeatureCount) {
    for (std::size_t i = 0; i < f->size(); ++i) {
      s.features[i] = static_cast<float>(number_of((*f)[i]));
    }
    s.has_features = true;
  }
  return s;
}

policy::RequestFacts to_request_facts(const StoredFacts& stored, const ChatRequest& request,
                                      std::string_view pinned, std::string_view task) {
  policy::RequestFacts facts;
  facts.request = &request;
  facts.pinned_tier = pinned;
  facts.task = task;
  facts.automatic = stored.automatic;
  facts.input_tokens = stored.input_tokens;
  facts.output_tokens = stored.output_tokens;
  facts.has_image = stored.has_image;
  facts.has_tools = stored.has_tools;
  facts.features = stored.features;
  facts.findings.reserve(stored.findings.size());
  for (privacy::Kind k : stored.findings) facts.findings.push_back(privacy::Finding{k, 0, 0});
  return facts;
}

}  // namespace splitpoint::ledger
