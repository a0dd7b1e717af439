// Detects personal and secret data in text: email addresses, phone numbers, IBANs (mod-97
// verified), payment card numbers (Luhn verified), national ID / SSN formats, IP addresses, API
// keys and tokens (sk-..., bearer tokens, AWS keys, ...). Patterns are compiled once (Hyperscan,
// at build time);
// scan() is const and thread-safe (each thread uses its own scratch space).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "splitpoint/status.h"

namespace splitpoint::privacy {
namespace detail {
struct DetectorAccess;  // construction from a database (hsdb.h)
}

enum class Kind { kEmail, kPhone, kIban, kCard, kNationalId, kIpAddress, kSecret };
const char* kind_name(Kind k);  // "email", "phone", "iban", "card", "national_id", "ip", "secret"

struct Finding {
  Kind kind;
  std::size_t begin = 0;  // byte offsets into the scanned text, [begin, end)
  std::size_t end = 0;
};

class Detector {
 public:
  // Loads the patterns' database compiled at build time, or compiles them if this Hyperscan
  // cannot load it. Errors: kInternal if Hyperscan rejects a pattern (a bug).
  static Result<std::shared_ptr<const Detector>> create();
  ~Detector();

  // Non-overlapping findings in text order; checksums verified where the kind has one.
  std::vector<Finding> scan(std::string_view text) const;
  // True if scan() would find anything (may stop at the first verified finding).
  bool contains(std::string_view text) const;

 private:
  friend struct detail::DetectorAccess;
  Detector();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace splitpoint::privacy
