// Shared by the framing fuzz targets: cuts fuzzer bytes into a parser limit, an input text and
// the offsets at which that text is split into feeds.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace splitpoint::fuzz {

struct SplitInput {
  std::size_t max_frame = 0;        // the parser's frame limit
  std::string text;                 // the whole stream
  std::vector<std::size_t> cuts;    // ascending offsets into text, each in [0, text.size()]
  // text cut at `cuts` (empty pieces included: a feed of zero bytes must be harmless).
  std::vector<std::string_view> pieces() const {
    std::vector<std::string_view> out;
    std::size_t from = 0;
    for (std::size_t cut : cuts) {
      out.push_back(std::string_view(text).substr(from, cut - from));
      from = cut;
    }
    out.push_back(std::string_view(text).substr(from));
    return out;
  }
};

// Layout: 1 byte limit choice, 1 byte cut count, 2 bytes per cut, then the text.
inline SplitInput split_input(const uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  SplitInput in;
  const uint8_t limit = fdp.ConsumeIntegral<uint8_t>();
  in.max_frame = limit < 128 ? std::size_t{16} << 20 : std::size_t{1} + (limit - 128);
  const int ncuts = fdp.ConsumeIntegralInRange<int>(0, 24);
  std::vector<uint16_t> fractions;
  for (int i = 0; i < ncuts; ++i) fractions.push_back(fdp.ConsumeIntegral<uint16_t>());
  in.text = fdp.ConsumeRemainingBytesAsString();
  for (uint16_t f : fractions) in.cuts.push_back(in.text.size() * f / 65535);
  std::sort(in.cuts.begin(), in.cuts.end());
  return in;
}

}  // namespace splitpoint::fuzz
