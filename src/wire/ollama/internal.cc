#include "wire/ollama/internal.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>

#include "wire/json_escape.h"

namespace splitpoint::wire::ollama::internal {

namespace {

constexpr std::size_t kMaxDepth = 64;  // JSON schemas nest deeper than Boost's default of 32

std::string_view kind_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
  }
  return "a value";
}

Status type_error(StatusCode code, std::string_view path, std::string_view expected,
                  const json::value& got) {
  std::string what = "expected ";
  what.append(expected).append(", got ").append(kind_name(got));
  return field_error(code, path, what);
}

bool is_b64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// Reads `n` digits at s[pos..]; -1 if they are not all digits.
int digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

Result<json::value> parse_json(std::string_view text, StatusCode code, json::storage_ptr sp) {
  json::parse_options opt;
  opt.max_depth = kMaxDepth;
  unsigned char temp[1024];  // the parser's scratch stack; deeper texts spill to the heap
  json::parser p({}, opt, temp, sizeof temp);
  p.reset(std::move(sp));  // the resulting value lives in `sp`
  boost::system::error_code ec;
  const std::size_t n = p.write(text.data(), text.size(), ec);
  if (ec) {
    return Status(code, "invalid JSON: " + ec.message() + " at offset " + std::to_string(n));
  }
  return p.release();
}

Result<json::value> parse_object(std::string_view text, StatusCode code, std::string_view what,
                                 json::storage_ptr sp) {
  auto v = parse_json(text, code, std::move(sp));
  if (v.ok() && !v->is_object()) return type_error(code, what, "a JSON object", *v);
  return v;
}

std::string index_path(std::string_view path, std::size_t i) {
  std::string out(path);
  out.append("[").append(std::to_string(i)).append("]");
  return out;
}

std::string key_path(std::string_view path, std::string_view key) {
  std::string out(path);
  if (!out.empty()) out.push_back('.');
  out.append(key);
  return out;
}

Status field_error(StatusCode code, std::string_view path, std::string_view what) {
  std::string m(path);
  m.append(": ").append(what);
  return Status(code, std::move(m));
}

Status read_string(const json::value& v, StatusCode code, std::string_view path, std::string& out) {
  if (v.is_null()) return Status::OK();
  const json::string* s = v.if_string();
  if (s == nullptr) return type_error(code, path, "a string", v);
  out.assign(s->data(), s->size());
  return Status::OK();
}

Status read_bool(const json::value& v, StatusCode code, std::string_view path, bool& out) {
  if (v.is_null()) return Status::OK();
  const bool* b = v.if_bool();
  if (b == nullptr) return type_error(code, path, "a boolean", v);
  out = *b;
  return Status::OK();
}

Status read_int(const json::value& v, StatusCode code, std::string_view path,
                std::optional<int64_t>& out) {
  if (v.is_null()) return Status::OK();
  if (const int64_t* i = v.if_int64()) {
    out = *i;
    return Status::OK();
  }
  if (const uint64_t* u = v.if_uint64()) {
    if (*u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      out = static_cast<int64_t>(*u);
      return Status::OK();
    }
  } else if (const double* d = v.if_double()) {
    // 2^63 is exactly representable; anything below it and integral fits int64.
    if (std::trunc(*d) == *d && *d >= -9223372036854775808.0 && *d < 9223372036854775808.0) {
      out = static_cast<int64_t>(*d);
      return Status::OK();
    }
  }
  return type_error(code, path, "an integer", v);
}

Status read_int(const json::value& v, StatusCode code, std::string_view path, int64_t& out) {
  std::optional<int64_t> o;
  Status s = read_int(v, code, path, o);
  if (o) out = *o;
  return s;
}

Status read_double(const json::value& v, StatusCode code, std::string_view path,
                   std::optional<double>& out) {
  if (v.is_null()) return Status::OK();
  if (!v.is_number()) return type_error(code, path, "a number", v);
  out = v.to_number<double>();
  return Status::OK();
}

Status read_string_list(const json::value& v, StatusCode code, std::string_view path,
                        std::vector<std::string>& out) {
  if (v.is_null()) return Status::OK();
  if (const json::string* s = v.if_string()) {
    out.emplace_back(s->data(), s->size());
    return Status::OK();
  }
  const json::array* a = v.if_array();
  if (a == nullptr) return type_error(code, path, "an array of strings", v);
  out.reserve(out.size() + a->size());
  for (std::size_t i = 0; i < a->size(); ++i) {
    const json::string* s = (*a)[i].if_string();
    if (s == nullptr) return type_error(code, index_path(path, i), "a string", (*a)[i]);
    out.emplace_back(s->data(), s->size());
  }
  return Status::OK();
}

std::optional<std::string> error_text(const json::object& o) {
  const json::value* e = o.if_contains("error");
  if (e == nullptr) return std::nullopt;
  if (const json::string* s = e->if_string()) return std::string(s->data(), s->size());
  if (const json::object* eo = e->if_object()) {
    if (const json::value* m = eo->if_contains("message"); m && m->is_string()) {
      return std::string(m->get_string());
    }
  }
  return json::serialize(*e);
}

int64_t parse_rfc3339(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+hh:mm|-hh:mm)
  const int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
  const int h = digits(s, 11, 2), mi = digits(s, 14, 2), se = digits(s, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
      se < 0 || se > 60 || s[4] != '-' || s[7] != '-' ||
      (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':') {
    return 0;
  }
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
  }
  int64_t offset = 0;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int oh = digits(s, pos + 1, 2), om = digits(s, pos + 4, 2);
    if (oh < 0 || om < 0 || s[pos + 3] != ':') return 0;
    offset = (s[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    pos += 6;
  } else if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else {
    return 0;
  }
  if (pos != s.size()) return 0;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
         h * 3600 + mi * 60 + se - offset;
}

bool is_base64(std::string_view s) {
  std::size_t end = s.size();
  if (end == 0 || end % 4 == 1) return false;
  std::size_t pad = 0;
  while (end > 0 && s[end - 1] == '=' && pad < 2) --end, ++pad;
  if (pad > 0 && s.size() % 4 != 0) return false;
  for (std::size_t i = 0; i < end; ++i) {
    if (!is_b64_char(s[i])) return false;
  }
  return end > 0;
}

std::string_view sniff_image_mime(std::string_view b64) {
  if (b64.starts_with("/9j/")) return "image/jpeg";
  if (b64.starts_with("iVBOR")) return "image/png";
  if (b64.starts_with("R0lGOD")) return "image/gif";
  if (b64.starts_with("UklGR")) return "image/webp";
  return "image/png";
}

std::string to_data_uri(std::string_view b64) {
  const std::string_view mime = sniff_image_mime(b64);
  std::string out;
  out.reserve(5 + mime.size() + 8 + b64.size());
  out.append("data:").append(mime).append(";base64,").append(b64);
  return out;
}

void append_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  std::size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (std::size_t i = json_escape::next_to_escape(s, 0); i < s.size();
       i = json_escape::next_to_escape(s, i + 1)) {
    const auto c = static_cast<unsigned char>(s[i]);
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      default:
        out.append("\\u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xf]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_double(std::string& out, double v) {
  if (!std::isfinite(v)) v = 0;
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_float(std::string& out, float v) {
  if (!std::isfinite(v)) v = 0;
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

bool append_json_text(std::string& out, std::string_view text) {
  auto v = parse_json(text, StatusCode::kInvalidArgument);
  if (!v.ok()) return false;
  out.append(json::serialize(*v));
  return true;
}

void append_arguments_object(std::string& out, std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    out.append("{}");
    return;
  }
  if (text[first] == '{') {
    auto v = parse_json(text, StatusCode::kInvalidArgument);
    if (v.ok() && v->is_object()) {
      out.append(json::serialize(*v));
      return;
    }
  }
  out.append(R"({"_raw":)");
  append_string(out, text);
  out.push_back('}');
}

void append_tool_call(std::string& out, std::string_view name, std::string_view arguments) {
  out.append(R"({"function":{"name":)");
  append_string(out, name);
  out.append(R"(,"arguments":)");
  append_arguments_object(out, arguments);
  out.append("}}");
}

void append_now_rfc3339(std::string& out) {
  // The date-time part changes once a second; render it once per second per thread.
  thread_local int64_t cached_sec = -1;
  thread_local char cached[20];  // "YYYY-MM-DDTHH:MM:SS"
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const int64_t us = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  const int64_t sec = us / 1000000;
  if (sec != cached_sec) {
    const std::time_t t = static_cast<std::time_t>(sec);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(cached, sizeof cached, "%Y-%m-%dT%H:%M:%S", &tm);
    cached_sec = sec;
  }
  out.append(cached, 19);
  char frac[8] = {'.'};
  int64_t f = us % 1000000;
  for (int i = 6; i >= 1; --i, f /= 10) frac[i] = static_cast<char>('0' + f % 10);
  frac[7] = 'Z';
  out.append(frac, 8);
}

std::string_view done_reason(FinishReason r) {
  return r == FinishReason::kLength ? "length" : "stop";
}

void append_stats(std::string& out, const std::optional<Usage>& usage, int64_t total_ns,
                  int64_t load_ns, int64_t prompt_eval_ns, int64_t eval_ns) {
  out.append(R"(,"total_duration":)");
  append_int(out, total_ns);
  out.append(R"(,"load_duration":)");
  append_int(out, load_ns);
  out.append(R"(,"prompt_eval_count":)");
  append_int(out, usage ? usage->prompt_tokens : 0);
  out.append(R"(,"prompt_eval_duration":)");
  append_int(out, prompt_eval_ns);
  out.append(R"(,"eval_count":)");
  append_int(out, usage ? usage->completion_tokens : 0);
  out.append(R"(,"eval_duration":)");
  append_int(out, eval_ns);
}

}  // namespace splitpoint::wire::ollama::internal
