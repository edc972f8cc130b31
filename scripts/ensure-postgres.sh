#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers at 127.0.0.1:5432 for the tests (user postgres, trust auth):
# starts the local cluster when it is down, installs Debian's postgresql when it is absent.
set -euo pipefail

url=${RAPPORT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
ready() { psql "$url" -qtAc 'SELECT 1' >/dev/null 2>&1; }

if ready; then
  echo "PostgreSQL is reachable at $url"
  exit 0
fi

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
  echo "PostgreSQL is not installed: installing Debian's postgresql"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
hba="/etc/postgresql/$version/main/pg_hba.conf"
# Test machines only: let the postgres user in over loopback without a password.
if ! $sudo grep -q '^host all postgres 127.0.0.1/32 trust' "$hba"; then
  $sudo sed -i '1i host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust' "$hba"
fi
echo "Starting PostgreSQL $version"
$sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null ||
  $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main reload || true

for _ in $(seq 1 50); do
  ready && { echo "PostgreSQL is reachable at $url"; exit 0; }
  sleep 0.2
done
echo "error: PostgreSQL is still not reachable at $url." >&2
echo "Start it (pg_ctlcluster $version main start) or point RAPPORT_TEST_POSTGRES_URL at one." >&2
exit 1
