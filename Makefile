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

.PHONY: run build test test-rust test-contract lint check-domain openapi bench deps system-deps python-deps postgres

## run: build and start Rapport at http://127.0.0.1:8080 (SQLite under ./data, dev mode)
run: build
	$(BIN) serve --dev

build:
	cargo build -p rapport-api

## test: every test: lint, domain wasm check, Rust tests on SQLite and PostgreSQL, contract tests
test: deps lint check-domain test-rust test-contract

test-rust: deps
	cargo test --workspace

test-contract: deps build
	scripts/contract-test.sh $(BIN) $(VENV)/bin/schemathesis sqlite postgres

## lint: clippy with warnings as errors, and formatting
lint:
	cargo clippy --workspace --all-targets -- -D warnings
	cargo fmt --all --check

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
	cargo build --release -p rapport-api
	scripts/bench.sh $(RELEASE_BIN)

deps: system-deps python-deps postgres

system-deps:
	@scripts/ensure-system-deps.sh

python-deps: $(VENV)/.installed

$(VENV)/.installed: scripts/requirements-test.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r scripts/requirements-test.txt
	touch $@

postgres:
	@scripts/ensure-postgres.sh
