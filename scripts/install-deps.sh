#!/usr/bin/env bash
# Installs every Debian package splitpoint needs to build, test and benchmark.
# Idempotent: packages already present are skipped without touching apt.
set -euo pipefail
PKGS=(
  build-essential cmake ninja-build pkg-config git ca-certificates curl
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libyaml-cpp-dev libspdlog-dev libfmt-dev libcli11-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev libhyperscan-dev libsqlite3-dev sqlite3 libjemalloc-dev
  wrk
  # Fuzzing (scripts/fuzz.sh): clang with libFuzzer and the sanitizer runtimes, llvm-symbolizer.
  clang libclang-rt-14-dev llvm
)
# node and npm: any existing install (e.g. NodeSource, which bundles npm) is kept.
command -v node >/dev/null 2>&1 || PKGS+=(nodejs)
command -v npm >/dev/null 2>&1 || PKGS+=(npm)
# The dashboard's browser test (tests/ui) drives Debian's chromium; any existing one is kept.
[ -x /usr/bin/chromium ] || PKGS+=(chromium)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
