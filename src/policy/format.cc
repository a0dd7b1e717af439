#include "policy/format.h"

#include <algorithm>
#include <cmath>
#include <charconv>

namespace splitpoint::policy {
namespace {

constexpr std::size_t kMaxEcho = 64;

}  // namespace

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return v > 0 ? "inf" : (v < 0 ? "-inf" : "nan");
  // to_chars with a precision prints exactly what printf("%.*f") does, without the locale and
  // stdio machinery (this runs for every routed request's reasons).
  char buf[400];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  if (r.ec != std::errc()) return "?";
  return std::string(buf, r.ptr);
}

std::string trimmed(double v, int decimals) {
  std::string s = fixed(v, decimals);
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string usd(double v) {
  if (!std::isfinite(v) || v == 0 || std::fabs(v) >= 1) return "$" + fixed(v, 2);
  const int decimals = std::max(2, 3 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
  std::string s = fixed(v, decimals);
  while (s.size() > s.find('.') + 3 && s.back() == '0') s.pop_back();
  return "$" + s;
}

std::string sanitize(std::string_view text) {
  std::string out;
  std::string_view head = text.substr(0, kMaxEcho);
  out.reserve(head.size() + 3);
  for (char c : head) out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  if (text.size() > kMaxEcho) out += "...";
  return out;
}

}  // namespace splitpoint::policy
