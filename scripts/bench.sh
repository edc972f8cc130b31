#!/usr/bin/env bash
# Load-tests a release `rapport` from a separate process (wrk) on SQLite and on PostgreSQL.
# usage: scripts/bench.sh RELEASE_BINARY
# env:   BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default "8 32"),
#        RAPPORT_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)
set -euo pipefail

binary=$1
seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-8 32}
work=$(mktemp -d)
source "$(dirname "$0")/lib/server.sh"
trap 'stop_server; rm -rf "$work"' EXIT

bench_backend() {
  local backend=$1 token team
  RUST_LOG=error start_server "$binary" "$backend"
  token=$(signup_token bench@example.com)
  team=$(curl -fs "$base/api/v1/me" -H "authorization: Bearer $token" | json_field '["teams"][0]["id"]')
  for path in /api/v1/me "/api/v1/teams/$team/members"; do
    for c in $connections; do
      echo "== $backend GET $path, $c connections, ${seconds}s"
      wrk -t2 -c"$c" -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$base$path" |
        grep -E 'Requests/sec|Transfer/sec|^ +50%|^ +99%|Non-2xx'
    done
  done
  stop_server
}

bench_backend sqlite
bench_backend postgres
