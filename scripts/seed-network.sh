#!/usr/bin/env bash
# Seeds a synthetic creator network (realistic distributions: followers log-normal, 20 categories,
# 60 countries, 1 to 3 platforms each) into a Rapport database, through `rapport seed-network`.
# usage: scripts/seed-network.sh DATABASE_URL [CREATORS (default 100000)] [SEED (default 1)]
# e.g.:  scripts/seed-network.sh sqlite://data/rapport.db 100000
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/rapport/target}
binary=${RAPPORT_BIN:-$CARGO_TARGET_DIR/release/rapport}
if [ ! -x "$binary" ]; then
  (cd "$here" && cargo build --release -p rapport-api)
fi
exec "$binary" seed-network --database-url "$1" --creators "${2:-100000}" --seed "${3:-1}"
