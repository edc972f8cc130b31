#!/usr/bin/env bash
# Load-tests a release `rapport` from a separate process (wrk) on SQLite and on PostgreSQL.
# usage: scripts/bench.sh RELEASE_BINARY
# env:   BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default "8 32"),
#        RAPPORT_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)
set -euo pipefail

binary=$1
seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-8 32}
admin_url=${RAPPORT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
work=$(mktemp -d)
server_pid=""
pg_db=""

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$pg_db" ] && psql "$admin_url" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

bench_backend() {
  local backend=$1 url port base token team
  case $backend in
    sqlite) url="sqlite://$work/bench.db" ;;
    postgres)
      pg_db="rapport_bench_$$"
      psql "$admin_url" -qc "CREATE DATABASE $pg_db" >/dev/null
      url="${admin_url%/*}/$pg_db" ;;
  esac
  port=$(free_port)
  base="http://127.0.0.1:$port"
  RUST_LOG=error "$binary" serve --bind "127.0.0.1:$port" --database-url "$url" \
    --jwt-secret "bench-secret-bench-secret-0123456789" > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -fs "$base/api/openapi.json" >/dev/null 2>&1 && break; sleep 0.1; done
  token=$(curl -fs -X POST "$base/api/v1/auth/signup" -H 'content-type: application/json' \
    -d '{"email":"bench@example.com","password":"bench-password","name":"Bench"}' | json_field '["access_token"]')
  team=$(curl -fs "$base/api/v1/me" -H "authorization: Bearer $token" | json_field '["teams"][0]["id"]')
  for path in /api/v1/me "/api/v1/teams/$team/members"; do
    for c in $connections; do
      echo "== $backend GET $path, $c connections, ${seconds}s"
      wrk -t2 -c"$c" -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$base$path" |
        grep -E 'Requests/sec|Transfer/sec|^ +50%|^ +99%|Non-2xx'
    done
  done
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  if [ -n "$pg_db" ]; then psql "$admin_url" -qc "DROP DATABASE $pg_db WITH (FORCE)" >/dev/null; pg_db=""; fi
}

bench_backend sqlite
bench_backend postgres
