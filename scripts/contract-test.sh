#!/usr/bin/env bash
# Contract tests: schemathesis, with every check, against a live, signed-in `rapport` server,
# once on SQLite and once on PostgreSQL, with real data made first (scripts/lib/contract_seed.py,
# offered to the operations by scripts/lib/contract_hooks.py)
# and the document's links followed in the stateful phase. Any failure fails the run, and so
# does an operation schemathesis reports as "missing test data" (never reached with real data).
#
# usage: scripts/contract-test.sh RAPPORT_BINARY SCHEMATHESIS [sqlite|postgres ...]
# env:   RAPPORT_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)
#        CONTRACT_MAX_EXAMPLES (default 60)
set -euo pipefail

binary=$1
schemathesis=$2
shift 2
backends=("${@:-sqlite postgres}")
max_examples=${CONTRACT_MAX_EXAMPLES:-60}
work=$(mktemp -d)
source "$(dirname "$0")/lib/server.sh"
# The providers refuse every key (nothing reaches the internet).
provider_port=$(free_port)
python3 "$(dirname "$0")/lib/refusing_provider.py" "$provider_port" &
provider_pid=$!
# TikTok's login API, so the seed can verify a creator's account (a login to forget).
tiktok_port=$(free_port)
python3 "$(dirname "$0")/lib/tiktok_provider.py" "$tiktok_port" &
tiktok_pid=$!
trap 'stop_server; kill "$provider_pid" "$tiktok_pid" 2>/dev/null; rm -rf "$work"' EXIT

run_backend() {
  local backend=$1 token status=0
  RUST_LOG=warn start_server "$binary" "$backend" --dev --webhooks-allow-private \
    --login-limit-per-account 1000 --login-limit-per-address 100000 --inbound-secret contract-inbound-secret \
    --mailchimp-url "http://127.0.0.1:$provider_port" --klaviyo-url "http://127.0.0.1:$provider_port" \
    --youtube-url "http://127.0.0.1:$provider_port" \
    --tiktok-client-key ck --tiktok-client-secret cs \
    --tiktok-login-url "http://127.0.0.1:$tiktok_port" --tiktok-url "http://127.0.0.1:$tiktok_port" || return 1
  token=$(signup_token contract@example.com) || return 1
  # Real data for the operations to find, offered to each operation by the run's hooks.
  python3 "$(dirname "$0")/lib/contract_seed.py" "$base" "$token" > "$work/seed-$backend.json" || return 1
  echo "== schemathesis on $backend ($base)"
  CONTRACT_SEED="$work/seed-$backend.json" CONTRACT_INBOUND_SECRET=contract-inbound-secret SCHEMATHESIS_HOOKS=contract_hooks \
    PYTHONPATH="$(cd "$(dirname "$0")/lib" && pwd)${PYTHONPATH:+:$PYTHONPATH}" \
    "$schemathesis" --config-file "$(dirname "$0")/schemathesis.toml" \
    run "$base/api/openapi.json" --checks all \
    --header "Authorization: Bearer $token" \
    --max-examples "$max_examples" --seed 20261201 --generation-database none \
    --workers 1 --no-color | tee "$work/schemathesis-$backend.log" || status=$?
  # Every operation reached with real data: schemathesis only warns, the contract fails.
  if grep -q "Missing test data" "$work/schemathesis-$backend.log"; then
    echo "contract: schemathesis reports missing test data on $backend (see its warnings above)" >&2
    status=1
  fi
  return "$status"
}

on_each_backend contract ${backends[@]}
