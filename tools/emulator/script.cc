#include "script.h"

#include <algorithm>
#include <boost/json.hpp>

namespace splitpoint::emulator {
namespace json = boost::json;
namespace {

// Reads an integer field into `out`; absent leaves `out` alone. Returns false on a wrong type.
bool read_int(const json::object& o, std::string_view key, int64_t& out) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return true;
  if (v->is_int64()) {
    out = v->get_int64();
    return true;
  }
  if (v->is_uint64() && v->get_uint64() <= INT64_MAX) {
    out = static_cast<int64_t>(v->get_uint64());
    return true;
  }
  if (v->is_double() &&
      v->get_double() == static_cast<double>(static_cast<int64_t>(v->get_double()))) {
    out = static_cast<int64_t>(v->get_double());
    return true;
  }
  return false;
}

std::optional<FaultKind> fault_kind(std::string_view s) {
  if (s == "status") return FaultKind::kStatus;
  if (s == "close") return FaultKind::kClose;
  if (s == "hang") return FaultKind::kHang;
  if (s == "garbage") return FaultKind::kGarbage;
  if (s == "stall") return FaultKind::kStall;
  if (s == "cut") return FaultKind::kCut;
  return std::nullopt;
}

std::string parse_status_fields(const json::object& o, Fault& f) {
  int64_t code = 500;
  if (!read_int(o, "code", code) || code < 100 || code > 599) return "\"code\" must be 100..599";
  f.status = static_cast<unsigned>(code);
  if (const json::value* r = o.if_contains("retry_after"); r != nullptr && !r->is_null()) {
    if (const json::string* s = r->if_string()) {
      f.retry_after = std::string(*s);
    } else {
      int64_t secs = 0;
      if (!read_int(o, "retry_after", secs) || secs < 0) return "bad \"retry_after\"";
      f.retry_after = std::to_string(secs);
    }
  }
  if (const json::value* m = o.if_contains("message"); m != nullptr && m->is_string()) {
    f.message = std::string(m->get_string());
  }
  return {};
}

}  // namespace

std::string parse_fault(const json::value& v, Fault& out) {
  const json::object* o = v.if_object();
  if (o == nullptr) return "a fault must be an object";
  const json::value* kind = o->if_contains("kind");
  std::optional<FaultKind> k;
  if (kind != nullptr && kind->is_string()) k = fault_kind(kind->get_string());
  if (!k) return "\"kind\" must be one of status, close, hang, garbage, stall, cut";
  Fault f;
  f.kind = *k;
  if (!read_int(*o, "count", f.count) || f.count == 0 || f.count < -1) {
    return "\"count\" must be -1 or >= 1";
  }
  if (const json::value* p = o->if_contains("path"); p != nullptr && !p->is_null()) {
    if (!p->is_string()) return "\"path\" must be a string";
    f.path = std::string(p->get_string());
  }
  if (f.kind == FaultKind::kStatus) {
    if (std::string e = parse_status_fields(*o, f); !e.empty()) return e;
  }
  if (!read_int(*o, "ms", f.ms) || f.ms < 0) return "\"ms\" must be >= 0";
  if (!read_int(*o, "after", f.after) || f.after < 0) return "\"after\" must be >= 0";
  out = std::move(f);
  return {};
}

Emulator::Emulator(Options options) : options_(std::move(options)), config_(options_.config) {}

bool Emulator::has_model(std::string_view model) const {
  return std::find(options_.models.begin(), options_.models.end(), model) != options_.models.end();
}

RuntimeConfig Emulator::config() const {
  std::lock_guard lock(mu_);
  return config_;
}

std::string Emulator::update_config(const json::value& body) {
  const json::object* o = body.if_object();
  if (o == nullptr) return "the config must be a JSON object";
  std::lock_guard lock(mu_);
  RuntimeConfig c = config_;
  if (!read_int(*o, "ttft_ms", c.ttft_ms) || c.ttft_ms < 0) return "\"ttft_ms\" must be >= 0";
  if (!read_int(*o, "reply_tokens", c.reply_tokens) || c.reply_tokens < 0) {
    return "\"reply_tokens\" must be >= 0";
  }
  if (const json::value* t = o->if_contains("tokens_per_sec"); t != nullptr && !t->is_null()) {
    if (!t->is_number()) return "\"tokens_per_sec\" must be a number";
    c.tokens_per_sec = t->to_number<double>();
    if (!(c.tokens_per_sec >= 0)) return "\"tokens_per_sec\" must be >= 0";
  }
  config_ = c;
  return {};
}

std::string Emulator::add_faults(const json::value& body) {
  const json::object* o = body.if_object();
  const json::value* list = o != nullptr ? o->if_contains("faults") : nullptr;
  if (list == nullptr || !list->is_array()) return "expected {\"faults\":[...]}";
  std::vector<Fault> parsed;
  for (const json::value& v : list->get_array()) {
    Fault f;
    if (std::string e = parse_fault(v, f); !e.empty()) return e;
    parsed.push_back(std::move(f));
  }
  std::lock_guard lock(mu_);
  for (Fault& f : parsed) faults_.push_back(std::move(f));
  fault_count_.store(faults_.size(), std::memory_order_release);
  return {};
}

std::optional<Fault> Emulator::take_fault(std::string_view path) {
  if (fault_count_.load(std::memory_order_acquire) == 0) return std::nullopt;
  std::lock_guard lock(mu_);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (!path.starts_with(it->path)) continue;
    Fault hit = *it;
    if (it->count > 0 && --it->count == 0) faults_.erase(it);
    fault_count_.store(faults_.size(), std::memory_order_release);
    return hit;
  }
  return std::nullopt;
}

size_t Emulator::pending_faults() const {
  std::lock_guard lock(mu_);
  return faults_.size();
}

void Emulator::record(RecordedRequest request) {
  if (!recording()) return;
  std::lock_guard lock(mu_);
  if (record_.size() >= options_.record_limit) record_.pop_front();
  record_.push_back(std::move(request));
}

json::value Emulator::recorded_json() const {
  json::array list;
  std::lock_guard lock(mu_);
  list.reserve(record_.size());
  for (const RecordedRequest& r : record_) {
    json::object headers;
    for (const auto& [name, value] : r.headers) headers[name] = value;
    json::error_code ec;
    json::value parsed = json::parse(r.body, ec);
    if (ec) parsed = nullptr;
    list.push_back(json::object{{"method", r.method},
                                {"path", r.target},
                                {"authorization", r.authorization},
                                {"headers", std::move(headers)},
                                {"body", r.body},
                                {"json", std::move(parsed)}});
  }
  return json::object{{"requests", std::move(list)}};
}

void Emulator::reset() {
  std::lock_guard lock(mu_);
  config_ = options_.config;
  faults_.clear();
  fault_count_.store(0, std::memory_order_release);
  record_.clear();
}

}  // namespace splitpoint::emulator
