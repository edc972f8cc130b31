#!/usr/bin/env bash
# Load-tests a release `rapport` from a separate process (wrk) on SQLite and on PostgreSQL:
# reading a whole board of 10 columns and 5,000 cards (2 labels each), and moving cards. On SQLite
# it also reports the size of the write-ahead log (`-wal` file): the largest seen during each move
# run (sampled every 0.2 s) and its size after the run. Then the network: 100,000 creators seeded
# (`rapport seed-network`), explore with each filter alone, three combined and a text search,
# sorted by followers, at 8 connections; then all of them in turn for a sustained run. Then the
# realtime socket: 1,000 sockets, a burst and a sustained run of messages, the memory per idle
# socket, and on PostgreSQL the delivery across two servers. Then a million-row contact list
# uploaded against the network (time and the server's peak memory); a Mailchimp audience of
# 100,000 members synced from a mock (time and peak memory). Then the room a year of account
# snapshots takes for 10,000 accounts, thinned as the daily job keeps them and unthinned.
# usage: scripts/bench.sh RELEASE_BINARY
# env:   BENCH_SECONDS (default 10), BENCH_MOVER_SECONDS (the single mover's run, default 20),
#        BENCH_CONNECTIONS (default "8 32"), BENCH_CARDS (default 5000),
#        BENCH_BACKENDS (default "sqlite postgres"), BENCH_PARTS (default "board network realtime sources mailchimp snapshots"),
#        BENCH_SOCKETS (default 1000), BENCH_REALTIME_SECONDS (the sustained run, default 30),
#        BENCH_CONTACTS (the uploaded list's contacts, default 1000000), GEN_CONTACTS (the generator),
#        BENCH_LIST_DIR (a folder to keep the generated list in and reuse, default a new one),
#        BENCH_UPLOADS (lists of a million stored one after the other, default 5),
#        BENCH_CREATORS (default 100000), BENCH_SUSTAINED_SECONDS (default 60),
#        BENCH_MEMBERS (the Mailchimp audience's members, default 100000),
#        BENCH_ACCOUNTS (accounts with a year of snapshots, default 10000),
#        RAPPORT_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)
set -euo pipefail

binary=$1
seconds=${BENCH_SECONDS:-10}
mover_seconds=${BENCH_MOVER_SECONDS:-20}
connections=${BENCH_CONNECTIONS:-8 32}
cards=${BENCH_CARDS:-5000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
source "$here/lib/server.sh"
trap 'stop_server; rm -rf "$work"' EXIT

mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

# Samples the -wal file's size every 0.2 s into $work/wal-largest until stopped.
watch_wal() {
  local file=$1 largest=0 size
  while :; do
    size=$(stat -c %s "$file" 2>/dev/null || echo 0)
    if [ "$size" -gt "$largest" ]; then largest=$size; echo "$largest" > "$work/wal-largest"; fi
    sleep 0.2
  done
}

# load LABEL "CONNECTIONS..." WRK_ARGS...; a connection count of 1 runs $mover_seconds, others $seconds.
load() {
  local label=$1 list=$2 wal="" watcher run_seconds; shift 2
  case "$backend $label" in sqlite*move*) wal="$sqlite_file-wal" ;; esac
  for c in $list; do
    run_seconds=$seconds
    [ "$c" -eq 1 ] && run_seconds=$mover_seconds
    echo "== $label, $c connections, ${run_seconds}s"
    if [ -n "$wal" ]; then echo 0 > "$work/wal-largest"; watch_wal "$wal" & watcher=$!; fi
    wrk -t"$(( c < 2 ? c : 2 ))" -c"$c" -d"${run_seconds}s" --latency "$@" |
      grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors'
    if [ -n "$wal" ]; then
      kill "$watcher"; wait "$watcher" 2>/dev/null || true
      echo "   -wal file: largest $(mib "$(cat "$work/wal-largest")") during the run," \
        "$(mib "$(stat -c %s "$wal" 2>/dev/null || echo 0)") after it;" \
        "database $(mib "$(stat -c %s "$sqlite_file")")"
    fi
  done
}

bench_backend() {
  backend=$1
  local seed token board
  RUST_LOG=error start_server "$binary" "$backend" --login-limit-per-account 1000
  echo "== $backend: seeding $cards cards through the API"
  seed="$work/seed-$backend.json"
  python3 "$here/bench_seed.py" "$base" --cards "$cards" > "$seed"
  token=$(json_field '["token"]' < "$seed")
  board=$(json_field '["board"]' < "$seed")
  echo "board JSON: $(curl -fs "$base/api/v1/boards/$board" -H "authorization: Bearer $token" | wc -c) bytes," \
    "gzip: $(curl -fs --compressed -o /dev/null -w '%{size_download}' "$base/api/v1/boards/$board" -H "authorization: Bearer $token" -H 'accept-encoding: gzip') bytes"
  python3 "$here/bench_cold_read.py" "$base" "$seed"
  load "$backend GET /api/v1/boards/{id}" "$connections" -H "Authorization: Bearer $token" "$base/api/v1/boards/$board"
  python3 - "$seed" > "$work/move.lua" <<'PY'
import json, sys
seed = json.load(open(sys.argv[1]))
print("local cards = {" + ",".join(f'"{c}"' for c in seed["cards"]) + "}")
print("local columns = {" + ",".join(f'"{c}"' for c in seed["columns"]) + "}")
print(f'local auth = "Bearer {seed["token"]}"')
print('''
math.randomseed(os.time())
request = function()
  local card = cards[math.random(#cards)]
  local body = '{"column_id":"' .. columns[math.random(#columns)] .. '"}'
  return wrk.format("POST", "/api/v1/cards/" .. card .. "/move",
    {["Content-Type"] = "application/json", ["Authorization"] = auth}, body)
end
''')
PY
  load "$backend POST /api/v1/cards/{id}/move (random card to the end of a random column)" "1 $connections" -s "$work/move.lua" "$base"
  stop_server
}

# Explore queries, each sorted by followers (a page of 24, the web app's).
explore_queries=(
  "platform=instagram"
  "followers_min=10000&followers_max=100000"
  "engagement_min=0.03"
  "country=US"
  "category=beauty"
  "language=es"
  "platform=tiktok&country=US&category=fitness"
  "q=ada"
  ""
)

bench_network() {
  backend=$1
  local token team started
  RUST_LOG=error start_server "$binary" "$backend"
  echo "== $backend: seeding ${BENCH_CREATORS:-100000} creators"
  "$binary" seed-network --database-url "$database_url" --creators "${BENCH_CREATORS:-100000}" 2>/dev/null
  token=$(signup_token "network-bench@example.com")
  team=$(curl -fs "$base/api/v1/me" -H "authorization: Bearer $token" | json_field '["teams"][0]["id"]')
  started=$(date +%s.%N)
  curl -fs -o /dev/null "$base/api/v1/network/creators?team_id=$team&limit=1" -H "authorization: Bearer $token"
  echo "first explore (the index catching up with the seeded creators): $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f ms", (e - s) * 1000 }')"
  for query in "${explore_queries[@]}"; do
    echo "   $(curl -fs "$base/api/v1/network/creators?team_id=$team&sort=followers&limit=24&$query" -H "authorization: Bearer $token" | json_field '["total"]') creators match \"${query:-no filter}\""
    load "$backend GET /api/v1/network/creators?${query:-(no filter)}" "8" -H "Authorization: Bearer $token" \
      "$base/api/v1/network/creators?team_id=$team&sort=followers&limit=24&$query"
  done
  {
    echo "local queries = {"
    for query in "${explore_queries[@]}"; do echo "  \"$query\","; done
    echo "}"
    echo "local path = \"/api/v1/network/creators?team_id=$team&sort=followers&limit=24&\""
    echo "local auth = \"Bearer $token\""
    echo 'local n = 0'
    echo 'request = function() n = n + 1; return wrk.format("GET", path .. queries[(n % #queries) + 1], {["Authorization"] = auth}) end'
  } > "$work/explore.lua"
  seconds=${BENCH_SUSTAINED_SECONDS:-60} load "$backend explore, every query in turn, sustained" "8" -s "$work/explore.lua" "$base"
  stop_server
}

# The realtime socket: $BENCH_SOCKETS sockets on one server, a burst of messages and a sustained
# rate (the realtime_bench example); on PostgreSQL also across two servers on one database.
bench_realtime() {
  backend=$1
  local clients=${BENCH_SOCKETS:-1000} tool=${BENCH_REALTIME_TOOL:-$(dirname "$binary")/examples/realtime_bench}
  local flags=(--clients "$clients" --messages 50 --rate 20 --seconds "${BENCH_REALTIME_SECONDS:-30}")
  ulimit -n "$(ulimit -Hn)"
  RUST_LOG=error start_server "$binary" "$backend"
  echo "== $backend: realtime, $clients sockets on one server"
  "$tool" "$base" "$base" "${flags[@]}" --server-pid "$server_pid"
  if [ "$backend" = postgres ]; then
    local second_port second second_pid
    second_port=$(free_port)
    second="http://127.0.0.1:$second_port"
    RUST_LOG=error "$binary" serve --bind "127.0.0.1:$second_port" --database-url "$database_url" \
      --data-dir "$work/data-second" --jwt-secret "script-secret-script-secret-0123456789" \
      > "$work/server-second.log" 2>&1 &
    second_pid=$!
    for _ in $(seq 1 100); do curl -fs "$second/api/openapi.json" >/dev/null 2>&1 && break; sleep 0.1; done
    echo "== $backend: realtime across servers: messages sent to one, $clients sockets on the other"
    "$tool" "$base" "$second" "${flags[@]}" --server-pid "$second_pid"
    kill "$second_pid"; wait "$second_pid" 2>/dev/null || true
  fi
  stop_server
}

# Uploading a contact list: a million rows (../shared/tools/gen-contacts.py's messy export, 20,000
# of them network creators' addresses) against 100,000 network creators, timed end to end (the
# request), with the server's peak resident memory (VmHWM) before and after.
bench_sources() {
  backend=$1
  local token team list started hwm
  list="${BENCH_LIST_DIR:-$work/contacts}/list.csv"
  [ -f "$list" ] || python3 "$here/bench_contacts.py" "${GEN_CONTACTS:-$here/../../shared/tools/gen-contacts.py}" "$(dirname "$list")" \
    --contacts "${BENCH_CONTACTS:-1000000}" --network "${BENCH_CREATORS:-100000}" >/dev/null
  RUST_LOG=error,rapport_api::sources::csv_import=info start_server "$binary" "$backend"
  "$binary" seed-network --database-url "$database_url" --creators "${BENCH_CREATORS:-100000}" 2>/dev/null
  token=$(signup_token "sources-bench@example.com")
  team=$(curl -fs "$base/api/v1/me" -H "authorization: Bearer $token" | json_field '["teams"][0]["id"]')
  echo "== $backend: uploading $(wc -l < "$list") lines ($(mib "$(stat -c %s "$list")")) against ${BENCH_CREATORS:-100000} creators"
  hwm() { awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$server_pid/status"; }
  echo "   server peak memory before: $(hwm)"
  for run in first again; do
    started=$(date +%s.%N)
    curl -fs -X POST "$base/api/v1/teams/$team/sources/csv?name=Bench" -H "authorization: Bearer $token" \
      -H 'content-type: text/csv' --data-binary @"$list" |
      python3 -c "import json,sys; r=json.load(sys.stdin); print(f'   {r[\"rows\"]} rows, {r[\"valid\"]} valid, {r[\"duplicates\"]} duplicates, {r[\"invalid\"]} invalid, {r[\"matches\"]} matches')"
    echo "   upload ($run, the list $( [ $run = first ] && echo new || echo replaced )): $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f s", e - s }'); server peak memory $(hwm)"
    # The server's own account of the phases (reading and hashing; targets, clearing, contacts,
    # matches).
    grep -E 'list (read|stored)' "$server_log" | tail -2 | sed -E 's/^.*(list (read|stored))/     \1/'
  done
  # Sustained: more lists of a million under new names, back to back, each against a contacts
  # table one million fuller than the last.
  local times=""
  for n in $(seq 2 "${BENCH_UPLOADS:-5}"); do
    started=$(date +%s.%N)
    curl -fs -X POST "$base/api/v1/teams/$team/sources/csv?name=Bench%20$n" -H "authorization: Bearer $token" \
      -H 'content-type: text/csv' --data-binary @"$list" >/dev/null
    times="$times $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')"
  done
  echo "   then $(( ${BENCH_UPLOADS:-5} - 1 )) more new lists back to back (s):$times; server peak memory $(hwm)," \
    "resident now $(awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$server_pid/status")"
  stop_server
}

# Syncing a Mailchimp audience of 100,000 members (pages of 1,000, from scripts/bench_mailchimp.py,
# one in five a network creator) against 100,000 network creators: the first sync, timed from
# "connect" to "synced", with the server's peak memory.
bench_mailchimp() {
  backend=$1
  local token team mock_port mock_pid started state hwm
  mock_port=$(free_port)
  python3 "$here/bench_mailchimp.py" "$mock_port" "${BENCH_MEMBERS:-100000}" "${BENCH_CREATORS:-100000}" &
  mock_pid=$!
  RUST_LOG=error start_server "$binary" "$backend" --mailchimp-url "http://127.0.0.1:$mock_port"
  "$binary" seed-network --database-url "$database_url" --creators "${BENCH_CREATORS:-100000}" 2>/dev/null
  token=$(signup_token "mailchimp-bench@example.com")
  team=$(curl -fs "$base/api/v1/me" -H "authorization: Bearer $token" | json_field '["teams"][0]["id"]')
  hwm() { awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$server_pid/status"; }
  echo "== $backend: syncing a Mailchimp audience of ${BENCH_MEMBERS:-100000} members against ${BENCH_CREATORS:-100000} creators"
  echo "   server peak memory before: $(hwm)"
  started=$(date +%s.%N)
  curl -fs -X POST "$base/api/v1/teams/$team/sources/mailchimp" -H "authorization: Bearer $token" \
    -H 'content-type: application/json' -d '{"api_key": "bench-key-us1", "list_ids": ["bench"]}' >/dev/null
  state=""
  while [ "$state" != "synced" ] && [ "$state" != "failed" ]; do
    sleep 0.2
    state=$(curl -fs "$base/api/v1/teams/$team/sources" -H "authorization: Bearer $token" | json_field '[0]["state"]')
  done
  curl -fs "$base/api/v1/teams/$team/sources" -H "authorization: Bearer $token" |
    python3 -c "import json,sys; s=json.load(sys.stdin)[0]; print(f'   {s[\"state\"]}: {s[\"contacts\"]} contacts, {s[\"former_subscribers\"]} former subscribers, {s[\"matches\"]} matches')"
  echo "   first sync: $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f s", e - s }'); server peak memory $(hwm)"
  stop_server
  kill "$mock_pid" 2>/dev/null || true
}

for backend in ${BENCH_BACKENDS:-sqlite postgres}; do
  for part in ${BENCH_PARTS:-board network realtime sources mailchimp snapshots}; do
    case $part in
      board) bench_backend "$backend" ;;
      network) bench_network "$backend" ;;
      realtime) bench_realtime "$backend" ;;
      sources) bench_sources "$backend" ;;
      mailchimp) bench_mailchimp "$backend" ;;
      snapshots)
        echo "== $backend: a year of snapshots for ${BENCH_ACCOUNTS:-10000} accounts"
        "$(dirname "$binary")/examples/snapshot_size" "${BENCH_ACCOUNTS:-10000}" "$backend" ;;
    esac
  done
done
