// Number and text formatting for the reasons policies write (ASCII, short, locale-free).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace splitpoint::policy {

// `v` with exactly `decimals` decimals: fixed(0.7234, 2) == "0.72".
std::string fixed(double v, int decimals);
// `v` with at most `decimals` decimals and no trailing zeros: trimmed(20.0, 1) == "20".
std::string trimmed(double v, int decimals);
// Dollars: two decimals from $1 ("$10.00"), below that up to four significant digits and at
// least two decimals ("$0.50", "$0.015", "$0.0042").
std::string usd(double v);
// Client-supplied text made safe for a reason line (and so a response header): printable ASCII
// only (others become '?'), cut at 64 characters with "...".
std::string sanitize(std::string_view text);

}  // namespace splitpoint::policy
