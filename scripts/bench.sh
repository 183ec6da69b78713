#!/usr/bin/env bash
# The benchmark of issues 8 and 22: builds the release server and the load
# generator (bench/), measures the ceilings (RS256/ES256 signatures and argon2
# in-process, a hello-world axum server on the same runtime settings), starts
# the server on a fresh SQLite database in a temp dir on a free port, seeds
# clients, users and sessions, and measures W1–W8 at 16 and 64 connections,
# each row with its share of its ceiling and its target met or not. Prints the
# tables and writes them into docs/benchmarks.md (between its markers).
#
#   scripts/bench.sh                      # everything, 5 s per row (about 5 minutes)
#   scripts/bench.sh --database postgres://postgres@127.0.0.1:5432/postgres
#                                         # also W3–W8 on PostgreSQL (a fresh database
#                                         # with a random name, dropped afterwards) and
#                                         # W4 across two instances on it
#   BENCH_DURATION=2 scripts/bench.sh --only W1,W3a --no-calibrate
#   scripts/bench.sh --server-env LATCHKEY_ACCESS_TOKEN_ALG=ES256 --out /tmp/es256.md
#   scripts/bench.sh --flood              # issue 15: a POST /login flood at 10x the
#                                         # argon2 ceiling from 1000 loopback addresses
#                                         # while real users sign in once a second
#                                         # (--flood-factor, --flood-addresses,
#                                         # --flood-seconds); prints a Markdown report
#
# Environment: BENCH_DURATION (s, default 5), BENCH_WARMUP (s, default 1),
# BENCH_CONNS (default 16,64), BENCH_ONLY (e.g. W1,W2), BENCH_CLIENT_THREADS
# (load-generator threads, default 1). Other flags go to latchkey-bench
# (`target/release/latchkey-bench --help`); `--out` replaces the default
# docs/benchmarks.md.
#
# The numbers only mean something on a quiet machine: the script prints the
# load average first and the report records it.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs" >&2
if awk '{ exit !($1 > 1.0) }' /proc/loadavg; then
  echo "warning: the machine is busy; the results will say so" >&2
fi

cargo build --release --locked --workspace --bins >&2

out=(--out docs/benchmarks.md)
for arg in "$@"; do
  if [[ "$arg" == "--out" || "$arg" == --out=* || "$arg" == "--flood" ]]; then out=(); fi
done
target="${CARGO_TARGET_DIR:-target}"
exec "$target/release/latchkey-bench" --server "$target/release/latchkey" "${out[@]}" "$@"
