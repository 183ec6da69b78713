#!/usr/bin/env bash
# Short fuzzing smoke run of every cargo-fuzz target (libFuzzer).
# Usage: scripts/fuzz.sh [seconds per target, default 30]
# Needs cargo-fuzz (installed here if missing). The stable toolchain is used
# with RUSTC_BOOTSTRAP=1 for the sanitizer flags libFuzzer needs.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-30}"
if ! cargo fuzz --help >/dev/null 2>&1; then
  echo "installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1
targets=$(cd fuzz && cargo fuzz list)
status=0
for t in $targets; do
  printf '\n==> fuzzing %s for %ss\n' "$t" "$secs" >&2
  if cargo fuzz run "$t" --sanitizer none -- -max_total_time="$secs" -rss_limit_mb=2048 2>&1 | tail -n 3; then
    echo "$t: no crash in ${secs}s"
  else
    echo "$t: CRASH (see fuzz/artifacts/$t)"
    status=1
  fi
done
exit $status
