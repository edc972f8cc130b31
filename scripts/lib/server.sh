# Shared by the contract tests and the benchmarks: start and stop a `rapport` server on a fresh
# SQLite file or a fresh PostgreSQL database. Source it; call start_server BINARY BACKEND [FLAGS...].
# Sets: base (the server's URL), database_url, server_log, sqlite_file (SQLite's database file).
# Needs: work (a temporary folder).

admin_url=${RAPPORT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
server_pid=""
pg_db=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

start_server() {
  local binary=$1 backend=$2 port
  shift 2
  case $backend in
    sqlite) sqlite_file="$work/$backend-$$.db"; database_url="sqlite://$sqlite_file" ;;
    postgres)
      pg_db="rapport_script_$$"
      psql "$admin_url" -qc "CREATE DATABASE $pg_db" >/dev/null
      database_url="${admin_url%/*}/$pg_db" ;;
    *) echo "unknown backend $backend" >&2; return 2 ;;
  esac
  port=$(free_port)
  base="http://127.0.0.1:$port"
  server_log="$work/server-$backend.log"
  "$binary" serve --bind "127.0.0.1:$port" --database-url "$database_url" --data-dir "$work/data-$backend" \
    --jwt-secret "script-secret-script-secret-0123456789" "$@" > "$server_log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    curl -fs "$base/api/openapi.json" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not start:" >&2; cat "$server_log" >&2; return 1
}

# Signs up a user and prints its access token.
signup_token() {
  curl -fs -X POST "$base/api/v1/auth/signup" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"script-password\",\"name\":\"Script\"}" | json_field '["access_token"]'
}

stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
  if [ -n "$pg_db" ]; then psql "$admin_url" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1; fi
  pg_db=""
}

# Runs the caller's `run_backend BACKEND` on each backend (it starts a server and returns its
# check's status), shows the server's last log lines when one fails, stops the server, and says
# how many passed; returns non-zero when any failed. usage: on_each_backend LABEL BACKEND...
on_each_backend() {
  local label=$1 backend status passed=0 failed=0
  shift
  for backend in "$@"; do
    status=0
    run_backend "$backend" || status=$?
    if [ "$status" -eq 0 ]; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "-- server log ($backend), last lines:"; tail -n 40 "$server_log"
    fi
    stop_server
  done
  echo "$label: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

