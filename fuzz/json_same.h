// Compares two JSON texts as values, for the wire fuzz targets' round-trip checks. Numbers that
// are doubles may differ in the last bits: Boost.JSON 1.81 (Debian 12) parses doubles imprecisely
// (e.g. "1.777777777777778e+84" reads as 1.7777777777777781e+84; a precise mode came in 1.83), so
// a re-encoded value may move by an ULP. Everything else must be identical, key order included.
#pragma once

#include <boost/json.hpp>
#include <cmath>
#include <string_view>

#include "fuzz_check.h"

namespace splitpoint::fuzz {

inline bool same_json(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_double() || b.is_double()) {
    if (!a.is_number() || !b.is_number()) return false;
    const double x = a.to_number<double>(), y = b.to_number<double>();
    return x == y || std::fabs(x - y) <= 1e-15 * std::fmax(std::fabs(x), std::fabs(y));
  }
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    const auto &p = a.get_array(), &q = b.get_array();
    if (p.size() != q.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (!same_json(p[i], q[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    const auto &p = a.get_object(), &q = b.get_object();
    if (p.size() != q.size()) return false;
    for (auto i = p.begin(), j = q.begin(); i != p.end(); ++i, ++j) {
      if (i->key() != j->key() || !same_json(i->value(), j->value())) return false;
    }
    return true;
  }
  return a == b;
}

// Aborts unless the two JSON texts are equal or parse to the same value (see above).
inline void check_same_json(std::string_view a, std::string_view b, const char* what) {
  if (a == b) return;
  boost::system::error_code ea, eb;
  const boost::json::value va = boost::json::parse(a, ea), vb = boost::json::parse(b, eb);
  if (ea || eb || !same_json(va, vb)) fail(what, a, b);
}

}  // namespace splitpoint::fuzz
