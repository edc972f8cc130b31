# Rapport: `make run` starts the whole product; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := run

# Build output and test tools live outside the clone, so fresh clones (and CI) reuse them.
CACHE ?= $(HOME)/.cache/rapport
export CARGO_TARGET_DIR ?= $(CACHE)/target
VENV := $(CACHE)/venv
PYTHON := $(VENV)/bin/python
BIN := $(CARGO_TARGET_DIR)/debug/rapport
RELEASE_BIN := $(CARGO_TARGET_DIR)/release/rapport
export RAPPORT_TEST_PYTHON := $(PYTHON)

.PHONY: run build test-build web test test-rust test-openapi test-web-unit test-contract test-client test-e2e lint check-domain openapi bench deps build-deps system-deps python-deps postgres

## run: build and start Rapport at http://127.0.0.1:8080 (web app + API, SQLite under ./data, dev mode)
run: build-deps build web
	$(BIN) serve --dev

build:
	cargo build -p rapport-api

## test-build: everything `cargo test --workspace` builds, the `rapport` binary among them. The
## contract and browser tests run that binary, so the test path compiles the server once:
## `cargo build -p rapport-api` resolves features without the dev-dependencies and would compile
## the server and every dependency whose features differ a second time.
test-build:
	cargo test --workspace --no-run

## web: build the web app into frontend/dist (wasm32, wasm-bindgen, wasm-opt)
web:
	scripts/build-web.sh

## test: every test: lint, domain wasm check, Rust tests on SQLite and PostgreSQL, contract tests,
## the integrator flow through a generated client, browser tests
test: deps lint check-domain test-openapi test-rust test-web-unit test-contract test-client test-e2e

test-rust: deps
	cargo test --workspace

## test-openapi: the committed OpenAPI document is valid, every $ref resolves, and a client generated
## from it has every operation (the Rust tests check it matches the served one)
test-openapi: python-deps
	$(PYTHON) scripts/check_openapi.py openapi/openapi.json

test-contract: deps test-build
	scripts/contract-test.sh $(BIN) $(VENV)/bin/schemathesis sqlite postgres

## test-client: a Python client generated from openapi/openapi.json (openapi-python-client) runs the
## integrator flow (API key, board, card moved, signed webhook verified) on each database
test-client: deps test-build
	scripts/client-test.sh $(BIN) $(PYTHON) sqlite postgres

## lint: clippy with warnings as errors (server and web app), and formatting
lint:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p rapport-web --target wasm32-unknown-unknown -- -D warnings
	cargo fmt --all --check

## test-web-unit: the web app's client logic (order, moves, filters) as wasm, through wasm-bindgen-test
test-web-unit: web
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$(CACHE)/tools/bin/wasm-bindgen-test-runner \
		cargo test --target wasm32-unknown-unknown -p rapport-web --lib

## test-e2e: the web app in Debian's Chromium, driven by Playwright, against a fresh server
test-e2e: deps test-build web
	cd e2e && npm ci --no-audit --no-fund --loglevel=error && RAPPORT_BIN=$(BIN) npm test

## check-domain: the domain crate builds for wasm32 and pulls in neither diesel nor actix
check-domain:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	cargo check -p rapport-domain --target wasm32-unknown-unknown
	@if cargo tree -p rapport-domain --target wasm32-unknown-unknown -e normal --prefix none | grep -E '^(diesel|actix)'; then \
		echo "error: diesel or actix entered rapport-domain's dependency tree" >&2; exit 1; fi

## openapi: regenerate openapi/openapi.json from the code
openapi: build
	$(BIN) openapi > openapi/openapi.json

## bench: release build, load from a separate process (wrk); figures go to docs/benchmarks.md
bench: deps
	cargo build --release -p rapport-api --bin rapport --example realtime_bench
	cargo build --release -p rapport-store --example snapshot_size
	scripts/bench.sh $(RELEASE_BIN)

deps: system-deps python-deps postgres

## build-deps: what building needs beyond rustup and npm (a C compiler, make, perl), installed if missing
build-deps:
	@scripts/ensure-system-deps.sh build

system-deps:
	@scripts/ensure-system-deps.sh test

python-deps: $(VENV)/.installed

$(VENV)/.installed: scripts/requirements-test.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r scripts/requirements-test.txt
	touch $@

postgres:
	@scripts/ensure-postgres.sh
