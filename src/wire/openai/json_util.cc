#include "wire/openai/json_util.h"

#include <bit>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "wire/json_escape.h"

namespace splitpoint::wire::openai::detail {

std::string Path::str() const {
  std::string tail;
  if (!key.empty()) {
    tail = key;
  } else {
    tail = "[" + std::to_string(index) + "]";
  }
  if (parent == nullptr) return tail;
  std::string head = parent->str();
  if (!key.empty()) head += '.';
  return head + tail;
}

Status path_error(const Path& path, std::string_view what) {
  std::string m = path.str();
  m += ": ";
  m += what;
  return Status::invalid(std::move(m));
}

Status expected(const Path& path, std::string_view what) {
  std::string m = "expected ";
  m += what;
  return path_error(path, m);
}

Result<json::value> parse(std::string_view body, json::storage_ptr sp) {
  // One parser per thread, reused: its internal stack keeps its capacity, so a parse allocates
  // only through `sp`. parse() never suspends, so no other parse can interleave on the thread.
  static thread_local json::parser p(json::storage_ptr(), [] {
    json::parse_options opt;
    opt.max_depth = 64;
    return opt;
  }());
  p.reset(std::move(sp));
  boost::system::error_code ec;
  std::size_t n = p.write(body.data(), body.size(), ec);
  if (ec) {
    p.reset();  // drop the partial document while `sp`'s resource is still alive
    return Status::invalid("invalid JSON: " + ec.message() + " at offset " + std::to_string(n));
  }
  return p.release();
}

Status read_string(const json::value& v, const Path& path, std::string& out) {
  if (!v.is_string()) return expected(path, "a string");
  const json::string& s = v.get_string();
  out.assign(s.data(), s.size());
  return Status::OK();
}

Status read_opt_string(const json::value& v, const Path& path, std::string& out) {
  if (v.is_null()) return Status::OK();
  return read_string(v, path, out);
}

std::optional<int64_t> as_int(const json::value& v) {
  switch (v.kind()) {
    case json::kind::int64: return v.get_int64();
    case json::kind::uint64:
      if (v.get_uint64() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) break;
      return static_cast<int64_t>(v.get_uint64());
    case json::kind::double_: {
      double d = v.get_double();
      if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9.2e18) {
        return static_cast<int64_t>(d);
      }
      break;
    }
    default: break;
  }
  return std::nullopt;
}

std::optional<double> as_double(const json::value& v) {
  switch (v.kind()) {
    case json::kind::int64: return static_cast<double>(v.get_int64());
    case json::kind::uint64: return static_cast<double>(v.get_uint64());
    case json::kind::double_:
      if (std::isfinite(v.get_double())) return v.get_double();
      break;
    default: break;
  }
  return std::nullopt;
}

Status read_opt_double(const json::value& v, const Path& path, std::optional<double>& out) {
  if (v.is_null()) return Status::OK();
  auto d = as_double(v);
  if (!d) return expected(path, "a number");
  out = *d;
  return Status::OK();
}

Status read_opt_int(const json::value& v, const Path& path, std::optional<int64_t>& out) {
  if (v.is_null()) return Status::OK();
  auto i = as_int(v);
  if (!i) return expected(path, "an integer");
  out = *i;
  return Status::OK();
}

Status read_opt_bool(const json::value& v, const Path& path, bool& out) {
  if (v.is_null()) return Status::OK();
  if (!v.is_bool()) return expected(path, "a boolean");
  out = v.get_bool();
  return Status::OK();
}

std::string_view string_member(const json::object& obj, std::string_view key) {
  const json::value* v = obj.if_contains(key);
  if (v == nullptr || !v->is_string()) return {};
  return {v->get_string().data(), v->get_string().size()};
}

Status to_upstream(const Status& s, std::string_view what) {
  std::string m(what);
  m += ": ";
  m += s.message();
  return Status::upstream(std::move(m));
}

namespace {

// Longest key or string written by Writer::append_plain.
constexpr std::size_t kShortPlain = 60;

// True if the eight bytes of `x` are all printable ASCII other than '"' and '\\' (the borrows of
// the subtractions only flag bytes above a truly flagged one, so "no flag" is exact).
bool plain8(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const uint64_t quote = x ^ (kOnes * '"');
  const uint64_t slash = x ^ (kOnes * '\\');
  return ((((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) | ((slash - kOnes) & ~slash) |
           x) &
          kHigh) == 0;
}

// True if `s` is printable ASCII without '"' and '\\', so append_escaped would copy it as is.
// False also for bytes >= 0x80, which append_escaped copies too: such texts take the slow path.
bool plain(std::string_view s) {
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    if (!plain8(x)) return false;
  }
  uint64_t tail = 0x6161616161616161ULL;  // "aaaaaaaa" around the last bytes
  std::memcpy(&tail, s.data() + i, s.size() - i);
  return plain8(tail);
}

}  // namespace

bool Writer::append_plain(std::string_view s, char tail) {
  if (s.size() > kShortPlain || !plain(s)) return false;
  char buf[kShortPlain + 4];
  char* p = buf;
  if (comma_due()) *p++ = ',';
  *p++ = '"';
  std::memcpy(p, s.data(), s.size());
  p += s.size();
  *p++ = '"';
  if (tail != 0) *p++ = tail;
  out_.append(buf, static_cast<std::size_t>(p - buf));
  return true;
}

// Keys are nearly always short literals: one append for the common case.
void Writer::key(std::string_view k) {
  if (!append_plain(k, ':')) {
    value_prefix();
    out_ += '"';
    append_escaped(out_, k);
    out_ += "\":";
  }
  after_key_ = true;
}

void Writer::string(std::string_view s) {
  if (append_plain(s, 0)) return;
  value_prefix();
  out_ += '"';
  append_escaped(out_, s);
  out_ += '"';
}

void Writer::integer(int64_t v) {
  value_prefix();
  append_int(out_, v);
}

void Writer::number(double v) {
  value_prefix();
  if (!std::isfinite(v)) {
    out_ += "null";
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
}

void Writer::real(float v) {
  value_prefix();
  if (!std::isfinite(v)) {
    out_ += "null";
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
}

void Writer::value(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: null(); break;
    case json::kind::bool_: boolean(v.get_bool()); break;
    case json::kind::int64: integer(v.get_int64()); break;
    case json::kind::uint64:
      value_prefix();
      out_ += std::to_string(v.get_uint64());
      break;
    case json::kind::double_: number(v.get_double()); break;
    case json::kind::string: string(v.get_string()); break;
    case json::kind::array:
      begin_array();
      for (const auto& e : v.get_array()) value(e);
      end_array();
      break;
    case json::kind::object:
      begin_object();
      for (const auto& kv : v.get_object()) {
        key(kv.key());
        value(kv.value());
      }
      end_object();
      break;
  }
}

void append_escaped(std::string& out, std::string_view s) {
  using json_escape::next_to_escape;
  static constexpr char kHex[] = "0123456789abcdef";
  std::size_t run = 0;
  for (std::size_t i = next_to_escape(s, 0); i < s.size(); i = next_to_escape(s, i + 1)) {
    const auto c = static_cast<unsigned char>(s[i]);
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
    }
  }
  out.append(s.data() + run, s.size() - run);
}

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

std::string to_json_text(const json::value& v) {
  std::string out;
  Writer w(out);
  w.value(v);
  return out;
}

std::string random_hex(std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string out;
  out.reserve(n);
  uint64_t bits = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 16 == 0) bits = rng();
    out += kHex[bits & 0xf];
    bits >>= 4;
  }
  return out;
}

int64_t unix_now() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace splitpoint::wire::openai::detail
