// Small, allocation-light writers for the emulator's hot paths: responses are appended as text
// to a caller's buffer instead of being built as a JSON DOM and serialized.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace splitpoint::emulator {

// Appends `s` as a quoted JSON string. `s` must be valid UTF-8 (it always comes from a parsed
// JSON document or from the emulator itself); control characters are escaped as \u00XX.
void append_json_string(std::string& out, std::string_view s);

// Appends the decimal form of `v`.
void append_int(std::string& out, int64_t v);

// Appends the shortest round-trip decimal form of `v` (finite values only).
void append_float(std::string& out, float v);

// Appends the standard (RFC 4648, padded) base64 encoding of `bytes`.
void append_base64(std::string& out, std::string_view bytes);

// Current UTC time as RFC 3339 with nanoseconds, e.g. "2025-01-02T03:04:05.123456789Z".
std::string rfc3339_now();

// Current Unix time in seconds.
int64_t unix_now();

// 64-bit FNV-1a hash of `s` (stable across runs and platforms).
uint64_t fnv1a(std::string_view s);

}  // namespace splitpoint::emulator
