// Reads fuzzer bytes front to back as parameters, then the rest as text. Used instead of
// libFuzzer's FuzzedDataProvider so the targets also build with GCC (the corpus replay tests).
// Past the end every read yields zero / empty.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace splitpoint::fuzz {

class ByteReader {
 public:
  ByteReader(const uint8_t* data, std::size_t size)
      : rest_(reinterpret_cast<const char*>(data), size) {}
  uint8_t byte() {
    if (rest_.empty()) return 0;
    uint8_t b = static_cast<uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return b;
  }
  uint16_t u16() {
    const uint16_t hi = byte();
    return static_cast<uint16_t>(hi << 8 | byte());
  }
  // A string of up to `max` bytes, its length from the next two bytes.
  std::string text(std::size_t max) {
    const std::size_t want = u16() % (max + 1);  // first: u16() consumes bytes of rest_
    std::size_t n = std::min<std::size_t>(want, rest_.size());
    std::string out(rest_.substr(0, n));
    rest_.remove_prefix(n);
    return out;
  }
  std::string rest() {
    std::string out(rest_);
    rest_ = {};
    return out;
  }

 private:
  std::string_view rest_;
};

}  // namespace splitpoint::fuzz
