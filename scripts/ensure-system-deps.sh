#!/usr/bin/env bash
# Installs the Debian packages Rapport needs, when they are missing.
#   build: what building needs beyond rustup and npm: a C compiler, the C library's headers and
#          make (SQLite, libpq and OpenSSL are compiled from source into the binary, which then needs
#          no system library beyond libc) and perl (OpenSSL's configure script).
#   test (default): that, plus what the tests use: python3-venv (schemathesis, aiosmtpd, the
#          OpenAPI checks), curl, postgresql-client (psql), wrk (make bench), chromium (browser tests).
# usage: scripts/ensure-system-deps.sh [build|test]
set -euo pipefail

mode=${1:-test}

if ! command -v dpkg >/dev/null 2>&1; then
  # Not Debian: check the build tools only; install the rest by hand (see above).
  for tool in cc make perl npm; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is needed to build Rapport" >&2; exit 1; }
  done
  exit 0
fi

missing=()
need() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
command -v cc >/dev/null 2>&1 || missing+=(build-essential)
need libc6-dev
need make
need perl
if [ "$mode" = test ]; then
  need python3-venv
  need curl
  need postgresql-client
  need wrk
  need chromium
fi

command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
