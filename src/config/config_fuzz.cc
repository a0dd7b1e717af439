// libFuzzer target: parse_config on arbitrary YAML text. Contract checked: it returns, never
// throws or crashes; an error is kInvalidArgument and names the file first
// ("fuzz.yaml:<line>: <key>: ..." or "fuzz.yaml: ..."); an accepted configuration passes
// validate() again and has at least one provider.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "config/config.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // ${SP_FUZZ_VAR} and ${SP_FUZZ_VAR:-x} expand to something; ${UNSET} takes the unset path.
  setenv("SP_FUZZ_VAR", "127.0.0.1:8080", 1);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace splitpoint;  // NOLINT(google-build-using-namespace)
  const std::string text(reinterpret_cast<const char*>(data), size);
  Result<config::Config> r = config::parse_config(text, "fuzz.yaml");
  if (!r.ok()) {
    const Status& s = r.status();
    if (s.code() != StatusCode::kInvalidArgument) fuzz::fail("error is not kInvalidArgument", s.message());
    if (s.message().rfind("fuzz.yaml:", 0) != 0) fuzz::fail("error does not name the file first", s.message());
    return 0;
  }
  fuzz::check(config::validate(*r).is_ok(), "accepted configuration fails validate()");
  fuzz::check(!r->providers.empty(), "accepted configuration has no provider");
  return 0;
}
