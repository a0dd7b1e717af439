// Finding the bytes a JSON string must escape, shared by the OpenAI and Ollama writers.
// Header-only, pure.
#pragma once

#include <bit>
#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace splitpoint::wire::json_escape {

// Index of the first byte at or after `i` that JSON must escape (a control character, '"' or
// '\\'), or s.size(). Sixteen bytes at a time with SSE2 (baseline on x86-64).
inline std::size_t next_to_escape(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1f);
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // Unsigned v <= 0x1f <=> min(v, 0x1f) == v.
    const __m128i hit =
        _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v),
                     _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask != 0) return i + static_cast<std::size_t>(std::countr_zero(mask));
  }
#endif
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return s.size();
}

}  // namespace splitpoint::wire::json_escape
