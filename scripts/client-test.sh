#!/usr/bin/env bash
# The integrator flow through a generated client: scripts/client_flow.py generates a Python client
# from openapi/openapi.json (openapi-python-client) and, with it alone, signs up, makes an API key,
# registers a webhook on a local listener, builds a board with the key and moves a card, then
# verifies the signed card.moved event (standardwebhooks). Once on SQLite and once on PostgreSQL;
# any failure fails the run.
#
# usage: scripts/client-test.sh RAPPORT_BINARY PYTHON [sqlite|postgres ...]
# env:   RAPPORT_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)
set -euo pipefail

binary=$1
python=$2
shift 2
backends=("${@:-sqlite postgres}")
here=$(dirname "$0")
work=$(mktemp -d)
source "$here/lib/server.sh"
trap 'stop_server; rm -rf "$work"' EXIT

run_backend() {
  local backend=$1 status=0
  # Webhooks may reach the flow's listener on 127.0.0.1 only with --webhooks-allow-private.
  RUST_LOG=warn start_server "$binary" "$backend" --webhooks-allow-private || return 1
  echo "== generated client flow on $backend ($base)"
  "$python" "$here/client_flow.py" "$base" "$here/../openapi/openapi.json" || status=$?
  return "$status"
}

on_each_backend client ${backends[@]}
