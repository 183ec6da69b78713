#!/usr/bin/env bash
# Every check the project promises: formatting, clippy with warnings denied,
# and all tests (nextest when installed, cargo test otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*" >&2; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings denied)"
cargo clippy --all-targets --locked -- -D warnings

step "tests"
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --locked --all-targets --no-fail-fast
  # nextest does not run doctests.
  cargo test --locked --doc
else
  echo "cargo-nextest not found; using cargo test" >&2
  cargo test --locked --all-targets
fi
