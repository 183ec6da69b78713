#!/usr/bin/env bash
# Every check the project promises: formatting, clippy with warnings denied,
# and all tests (nextest when installed, cargo test otherwise).
#
# The PostgreSQL variants of the tests run when LATCHKEY_TEST_POSTGRES_URL
# names a server (e.g. postgres://postgres@127.0.0.1:5432/postgres) where
# the tests may create and drop databases; otherwise they are skipped and
# this script says so loudly (.ci/run sets the variable).
#
# The browser end-to-end tests (tests/api/browser/) need Chromium
# (LATCHKEY_CHROMIUM, default /usr/bin/chromium). When it is missing, this
# script installs Debian's `chromium` package if it runs as root and apt-get
# exists; otherwise the browser tests are skipped and it says so loudly.
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

chromium_path() { printf '%s' "${LATCHKEY_CHROMIUM:-/usr/bin/chromium}"; }

chromium_warning() {
  if [ ! -x "$(chromium_path)" ]; then
    cat >&2 <<WARN

!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!!  WARNING: THE BROWSER END-TO-END TESTS WERE SKIPPED.
!!  Chromium was not found at $(chromium_path) and could not be
!!  installed (needs root and apt-get: apt-get install -y chromium).
!!  Install it, or set LATCHKEY_CHROMIUM to a Chromium binary.
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
WARN
  else
    echo "Browser tests ran with $(chromium_path)." >&2
  fi
}

warnings() {
  postgres_warning
  chromium_warning
}

if [ ! -x "$(chromium_path)" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    step "installing Chromium for the browser tests (apt-get install -y chromium)"
    if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }; then
      echo "could not install Chromium; the browser tests will be skipped" >&2
    fi
  else
    echo "Chromium is missing and cannot be installed here (needs root and apt-get); the browser tests will be skipped" >&2
  fi
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "tests"
if [ -z "${LATCHKEY_TEST_POSTGRES_URL:-}" ]; then
  echo "LATCHKEY_TEST_POSTGRES_URL is not set: PostgreSQL tests will be skipped" >&2
fi
# Warn at the end, whether the tests pass or fail.
trap warnings EXIT
if cargo nextest --version >/dev/null 2>&1; then
  # nextest does not run doctests: run them first, so the nextest summary
  # is the run's closing line.
  cargo test --locked --doc
  cargo nextest run --locked --all-targets --no-fail-fast
else
  echo "cargo-nextest not found; using cargo test" >&2
  cargo test --locked --all-targets
fi
