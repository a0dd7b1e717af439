#include "policy/format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace splitpoint::policy {
namespace {

constexpr std::size_t kMaxEcho = 64;

}  // namespace

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return v > 0 ? "inf" : (v < 0 ? "-inf" : "nan");
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  if (n < 0) return "?";
  return std::string(buf, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1));
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
