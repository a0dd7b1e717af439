// Internal helpers of the OpenAI codec: reading a Boost.JSON DOM with field-path error messages,
// and a small append-only JSON writer. Not part of the module's interface.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "splitpoint/status.h"

namespace splitpoint::wire::openai::detail {

namespace json = boost::json;

// A field path built on the stack ("messages[2].content"), rendered only when an error needs it.
struct Path {
  const Path* parent = nullptr;
  std::string_view key;   // field name; empty for an array element
  std::size_t index = 0;  // array index when key is empty
  Path field(std::string_view k) const { return Path{this, k, 0}; }
  Path at(std::size_t i) const { return Path{this, {}, i}; }
  std::string str() const;
};
inline Path root_path(std::string_view key) {
  return Path{nullptr, key, 0};
}

// kInvalidArgument "<path>: <what>".
Status path_error(const Path& path, std::string_view what);
// kInvalidArgument "<path>: expected <what>".
Status expected(const Path& path, std::string_view what);

// Parses a complete JSON text into `sp`. Error: kInvalidArgument
// "invalid JSON: <parser message> at offset N".
Result<json::value> parse(std::string_view body, json::storage_ptr sp);

// Readers. The `_opt_` forms treat JSON null as absent and leave `out` untouched.
Status read_string(const json::value& v, const Path& path, std::string& out);
Status read_opt_string(const json::value& v, const Path& path, std::string& out);
Status read_opt_double(const json::value& v, const Path& path, std::optional<double>& out);
Status read_opt_int(const json::value& v, const Path& path, std::optional<int64_t>& out);
Status read_opt_bool(const json::value& v, const Path& path, bool& out);
// An integer (int64, uint64 in range, or an integral double); nullopt otherwise.
std::optional<int64_t> as_int(const json::value& v);
// A finite number as double; nullopt otherwise.
std::optional<double> as_double(const json::value& v);

// The string member `key` of `obj`, or "" when absent or not a string.
std::string_view string_member(const json::object& obj, std::string_view key);

// Re-wraps a kInvalidArgument status from the readers as kUpstream "<what>: <message>".
Status to_upstream(const Status& s, std::string_view what);

// An object key known at compile time, kept as the text `,"key":` for Writer::key<K>(). The
// constructor rejects (at compile time) a key that would need escaping.
template <std::size_t N>
struct KeyText {
  char text[N + 3] = {};  // ',' '"' the N - 1 bytes of the key '"' ':'
  consteval KeyText(const char (&k)[N]) {  // NOLINT(google-explicit-constructor): key<"id">()
    text[0] = ',';
    text[1] = '"';
    for (std::size_t i = 0; i + 1 < N; ++i) {
      const auto c = static_cast<unsigned char>(k[i]);
      if (c < 0x20 || c == '"' || c == '\\') throw "a key literal must not need escaping";
      text[2 + i] = k[i];
    }
    text[N + 1] = '"';
    text[N + 2] = ':';
  }
};

// Append-only JSON writer into a caller-owned string. Commas are tracked per nesting level
// (at most 64 levels). Keys and strings are escaped; raw() inserts JSON text as is.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void begin_object() {
    value_prefix();
    out_ += '{';
    push();
  }
  void end_object() {
    out_ += '}';
    --depth_;
  }
  void begin_array() {
    value_prefix();
    out_ += '[';
    push();
  }
  void end_array() {
    out_ += ']';
    --depth_;
  }
  void key(std::string_view k);
  // A literal key, w.key<"id">(): its comma, quotes and colon prepared at compile time.
  template <KeyText K>
  void key() {
    const std::size_t skip = comma_due() ? 0 : 1;
    out_.append(K.text + skip, sizeof K.text - skip);
    after_key_ = true;
  }
  void string(std::string_view s);
  void integer(int64_t v);
  void number(double v);  // shortest round-trip form; non-finite -> null
  void real(float v);     // shortest round-trip form for a float; non-finite -> null
  void boolean(bool b) {
    value_prefix();
    out_ += b ? "true" : "false";
  }
  void null() {
    value_prefix();
    out_ += "null";
  }
  void raw(std::string_view json_text) {
    value_prefix();
    out_ += json_text;
  }
  void value(const json::value& v);  // renders a DOM value (numbers in shortest form)
  std::string& out() { return out_; }

 private:
  void push() {
    ++depth_;
    first_ |= (uint64_t{1} << (depth_ & 63));
  }
  // Updates the comma state for the next key or value; true if a ',' is due before it.
  bool comma_due() {
    if (after_key_) {
      after_key_ = false;
      return false;
    }
    if (depth_ == 0) return false;
    const uint64_t bit = uint64_t{1} << (depth_ & 63);
    if ((first_ & bit) != 0) {
      first_ &= ~bit;
      return false;
    }
    return true;
  }
  void value_prefix() {
    if (comma_due()) out_ += ',';
  }
  // Appends [,]"<s>"<tail> in one append and returns true when `s` is short and has no byte to
  // escape; otherwise false, nothing changed.
  bool append_plain(std::string_view s, char tail);
  std::string& out_;
  int depth_ = 0;
  uint64_t first_ = 0;  // bit d: nothing written yet at depth d
  bool after_key_ = false;
};

// JSON string escaping (no quotes added).
void append_escaped(std::string& out, std::string_view s);
void append_int(std::string& out, int64_t v);
// JSON text of a DOM value, numbers in shortest round-trip form.
std::string to_json_text(const json::value& v);

// `n` random lowercase hex digits (thread-safe; not cryptographic).
std::string random_hex(std::size_t n);
// Current unix time in seconds.
int64_t unix_now();

}  // namespace splitpoint::wire::openai::detail
