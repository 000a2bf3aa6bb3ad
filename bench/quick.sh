#!/usr/bin/env bash
# CI's benchmark gate: builds the bench (and with it the host) in Release, then runs
#   1. the quick single-host run (20 × 20): call ratios, zero-write steady state, 304 share;
#   2. the quick scale-out run (two hosts on one PostgreSQL): no overlapping runs, no duplicate comments,
#      when OKRCONNECT_TEST_POSTGRES (or OKRCONNECT_BENCH_POSTGRES) is set; skipped otherwise.
# Exits non-zero when a gate fails. Never asserts absolute times. Prints the tables.
#
#   bash bench/quick.sh                        # from the repository root, or from anywhere
#   eval "$(bash .ci/start-postgres.sh)" && bash bench/quick.sh
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== bench: build (Release)" >&2
dotnet build -c Release bench/OkrConnect.Benchmarks/OkrConnect.Benchmarks.csproj -nologo -v q

bench() { dotnet bench/OkrConnect.Benchmarks/bin/Release/net10.0/OkrConnect.Benchmarks.dll "$@"; }

echo "== bench: quick single-host run" >&2
bench --quick

if [ -n "${OKRCONNECT_BENCH_POSTGRES:-}${OKRCONNECT_TEST_POSTGRES:-}" ]; then
  # A database of its own keeps Hangfire's fixed "hangfire" schema apart from the tests' one. The test role may not
  # create databases, so as root (CI) create it as the postgres superuser; elsewhere the bench falls back by itself.
  if [ -z "${OKRCONNECT_BENCH_POSTGRES:-}" ] && [ "$(id -u)" = 0 ] && command -v runuser >/dev/null 2>&1; then
    port="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$OKRCONNECT_TEST_POSTGRES")"
    user="$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$OKRCONNECT_TEST_POSTGRES")"
    if runuser -u postgres -- psql -p "${port:-5432}" -v ON_ERROR_STOP=1 -X -q \
         -c "DROP DATABASE IF EXISTS okrconnect_bench WITH (FORCE)" \
         -c "CREATE DATABASE okrconnect_bench OWNER \"${user}\"" >&2; then
      export OKRCONNECT_BENCH_POSTGRES
      OKRCONNECT_BENCH_POSTGRES="$(sed 's/Database=[^;]*/Database=okrconnect_bench/' <<<"$OKRCONNECT_TEST_POSTGRES")"
    fi
  fi
  echo "== bench: quick scale-out run (two hosts, one PostgreSQL)" >&2
  bench --scale-out --quick
else
  echo "== bench: scale-out SKIPPED (no OKRCONNECT_TEST_POSTGRES; eval \"\$(bash .ci/start-postgres.sh)\" first)" >&2
fi
echo "== bench: quick gates passed" >&2
