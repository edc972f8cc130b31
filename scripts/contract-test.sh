#!/usr/bin/env bash
# Contract tests: schemathesis, with every check, against a live, signed-in `rapport` server,
# once on SQLite and once on PostgreSQL. Any failure fails the run.
#
# usage: scripts/contract-test.sh RAPPORT_BINARY SCHEMATHESIS [sqlite|postgres ...]
# env:   RAPPORT_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)
#        CONTRACT_MAX_EXAMPLES (default 40)
set -euo pipefail

binary=$1
schemathesis=$2
shift 2
backends=("${@:-sqlite postgres}")
admin_url=${RAPPORT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
max_examples=${CONTRACT_MAX_EXAMPLES:-40}
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

run_backend() {
  local backend=$1 url port base token
  case $backend in
    sqlite) url="sqlite://$work/$backend.db" ;;
    postgres)
      pg_db="rapport_contract_$$"
      psql "$admin_url" -qc "CREATE DATABASE $pg_db" >/dev/null
      url="${admin_url%/*}/$pg_db" ;;
    *) echo "unknown backend $backend" >&2; return 2 ;;
  esac
  port=$(free_port)
  base="http://127.0.0.1:$port"
  RUST_LOG=warn "$binary" serve --dev --bind "127.0.0.1:$port" --database-url "$url" \
    --data-dir "$work/data-$backend" --jwt-secret "contract-test-secret-0123456789abcdef" \
    --login-limit-per-account 1000 --login-limit-per-address 100000 \
    > "$work/server-$backend.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    curl -fs "$base/api/openapi.json" >/dev/null 2>&1 && break
    sleep 0.1
  done
  token=$(curl -fs -X POST "$base/api/v1/auth/signup" -H 'content-type: application/json' \
    -d '{"email":"contract@example.com","password":"contract-password","name":"Contract"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  echo "== schemathesis on $backend ($base)"
  local status=0
  "$schemathesis" run "$base/api/openapi.json" --checks all \
    --header "Authorization: Bearer $token" \
    --max-examples "$max_examples" --seed 20261121 --generation-database none \
    --workers 2 --no-color || status=$?
  if [ "$status" -ne 0 ]; then
    echo "-- server log ($backend), last lines:"; tail -n 40 "$work/server-$backend.log"
  fi
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  if [ -n "$pg_db" ]; then
    psql "$admin_url" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null; pg_db=""
  fi
  return "$status"
}

passed=0
failed=0
for backend in ${backends[@]}; do
  if run_backend "$backend"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "contract: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
