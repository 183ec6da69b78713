#!/usr/bin/env bash
# Every check the project promises: formatting, clippy with warnings denied,
# and all tests (nextest when installed, cargo test otherwise).
#
# The PostgreSQL variants of the tests run when LATCHKEY_TEST_POSTGRES_URL
# names a server (e.g. postgres://postgres@127.0.0.1:5432/postgres) where
# the tests may create and drop databases; otherwise they are skipped and
# this script says so loudly (.ci/run sets the variable).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*" >&2; }

postgres_warning() {
  if [ -z "${LATCHKEY_TEST_POSTGRES_URL:-}" ]; then
    cat >&2 <<'WARN'

!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!!  WARNING: THE POSTGRESQL TEST SUITE WAS SKIPPED.
!!  LATCHKEY_TEST_POSTGRES_URL is not set, so only SQLite was tested.
!!  Set it (e.g. postgres://postgres@127.0.0.1:5432/postgres) or run
!!  .ci/run, which starts a local PostgreSQL and sets it.
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
WARN
  else
    echo "PostgreSQL suite ran (LATCHKEY_TEST_POSTGRES_URL is set)." >&2
  fi
}

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "tests"
if [ -z "${LATCHKEY_TEST_POSTGRES_URL:-}" ]; then
  echo "LATCHKEY_TEST_POSTGRES_URL is not set: PostgreSQL tests will be skipped" >&2
fi
# Warn at the end, whether the tests pass or fail.
trap postgres_warning EXIT
if cargo nextest --version >/dev/null 2>&1; then
  # nextest does not run doctests: run them first, so the nextest summary
  # is the run's closing line.
  cargo test --locked --doc
  cargo nextest run --locked --all-targets --no-fail-fast
else
  echo "cargo-nextest not found; using cargo test" >&2
  cargo test --locked --all-targets
fi
