// Shared by the framing fuzz targets: cuts fuzzer bytes into a parser limit, an input text and
// the offsets at which that text is split into feeds.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "byte_reader.h"

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

// Layout: 1 byte limit choice (< 128: the default 16 MiB, else 1..128), 1 byte cut count
// (mod 25), 2 bytes per cut (a fraction of the text's length), then the text.
inline SplitInput split_input(const uint8_t* data, std::size_t size) {
  ByteReader in_bytes(data, size);
  SplitInput in;
  const uint8_t limit = in_bytes.byte();
  in.max_frame = limit < 128 ? std::size_t{16} << 20 : std::size_t{1} + (limit - 128);
  const int ncuts = in_bytes.byte() % 25;
  std::vector<uint16_t> fractions;
  for (int i = 0; i < ncuts; ++i) fractions.push_back(in_bytes.u16());
  in.text = in_bytes.rest();
  for (uint16_t f : fractions) in.cuts.push_back(in.text.size() * f / 65535);
  std::sort(in.cuts.begin(), in.cuts.end());
  return in;
}

}  // namespace splitpoint::fuzz
