#!/usr/bin/env bash
# The whole test suite: formatting and lints, unit and property tests, API
# tests against the real server on SQLite and on PostgreSQL, and browser
# tests in Chromium, the Linux package started as a double-click starts it,
# and the production set-up behind nginx.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

prefetch >"${TMPDIR:-/tmp}/kheo-prefetch.log" 2>&1 &
prefetching=$!
setup_build_tools
wait "$prefetching" || { cat "${TMPDIR:-/tmp}/kheo-prefetch.log"; exit 1; }
# One debug build of the server side serves clippy's neighbours, the API
# tests, the fault runs, the browser tests and the package: cargo test and
# cargo-leptos see the same flags and environment (.cargo/config.toml) and
# the same features (see server/Cargo.toml's reqwest).
setup_browser
KHEO_TEST_POSTGRES_URL="$(setup_postgres)"
export KHEO_TEST_POSTGRES_URL
# The API tests fail, rather than skip, when PostgreSQL is missing.
export KHEO_REQUIRE_POSTGRES=1

say "no circles among the files of the domain and service crates (scripts/circles.py)"
# The service stacks one way: records, then the journal, then the areas.
python3 scripts/circles.py domain/src
python3 scripts/circles.py service/src
say "no component in app/src over 150 lines (scripts/components.py)"
python3 scripts/components.py 150

say "cargo fmt --check and clippy -D warnings (the server side, then the browser bundle)"
# Cheap and first: a misformatted file or a new lint fails the run before
# the long part starts.
cargo fmt --all --check
cargo clippy --workspace --exclude kheo-frontend --all-targets -- -D warnings
cargo clippy -p kheo-frontend --target wasm32-unknown-unknown --features staff -- -D warnings
cargo clippy -p kheo-frontend --target wasm32-unknown-unknown --features field -- -D warnings

say "cargo test (unit, property and API tests on SQLite and PostgreSQL)"
# The browser bundle is left out: built together with the server, its
# `hydrate` feature would be unified with `ssr`.
cargo test --workspace --exclude kheo-frontend

say "fault harness, short: 3 SIGKILLs on SQLite, 3 power cuts, a full disk, 3 SIGKILLs on PostgreSQL (one of them PostgreSQL itself), PostgreSQL away twice under 200 viewers"
# After the API tests, whose databases it drops first: the harness kills
# PostgreSQL, and its recovery would sync every leftover database.
drop_test_databases
python3 scripts/faults.py --bin "$TARGET_DIR/debug/kheo" --db sqlite --kills 1 --sabotage
python3 scripts/faults.py --bin "$TARGET_DIR/debug/kheo" --db sqlite --kills 3
python3 scripts/faults.py --bin "$TARGET_DIR/debug/kheo" --db sqlite --kills 3 --power
python3 scripts/faults.py --bin "$TARGET_DIR/debug/kheo" --db sqlite --kills 1 --power --lying-disk
python3 scripts/faults.py --bin "$TARGET_DIR/debug/kheo" --db sqlite --disk
python3 scripts/faults.py --bin "$TARGET_DIR/debug/kheo" --db postgres --pg "$KHEO_TEST_POSTGRES_URL" --kills 3
python3 scripts/faults.py --bin "$TARGET_DIR/debug/kheo" --db postgres --pg "$KHEO_TEST_POSTGRES_URL" --outage --viewers 200 --gap 5

say "Schemathesis over the OpenAPI document: anonymous, organiser, judge"
KHEO_BIN="$TARGET_DIR/debug/kheo" bash scripts/schemathesis.sh 50

say "cargo leptos build (debug) for the browser tests: the WebAssembly and CSS; the server is the one the API tests ran"
cargo leptos build
# In release: the first-load budget test (end2end/tests/budget.test.mjs)
# weighs what a judge's tablet and a unit's phone download, as shipped.
build_field_bundle --release

say "browser tests (Chromium)"
work="$(mktemp -d)"
port="${KHEO_E2E_PORT:-3987}"
# Another server left on the port would answer the tests instead of ours.
while curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; do port=$((port + 1)); done
export DATABASE_URL="sqlite://$work/e2e.db?mode=rwc" KHEO_ADDR="127.0.0.1:$port"
"$TARGET_DIR/debug/kheo" demo >/dev/null
"$TARGET_DIR/debug/kheo" serve >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/api/v1/contests" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.2
done
KHEO_BIN="$TARGET_DIR/debug/kheo" KHEO_URL="http://127.0.0.1:$port" KHEO_SCREENSHOTS="${KHEO_SCREENSHOTS:-$TARGET_DIR/screenshots}" \
  node --test --test-concurrency=1 end2end/tests/ || {
    say "browser tests failed; the server's warnings and errors:"
    grep -E "WARN|ERROR|panicked" "$work/serve.log" | tail -n 50
    exit 1
  }

say "the Linux package (from the debug build): unpacked on a path with a space and Vietnamese letters, started with no arguments"
version="$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)"
KHEO_PACKAGE_PROFILE=debug KHEO_PACKAGES_DIR="$work/dist" bash scripts/package.sh linux
python3 scripts/hall_test.py package "$work/dist/kheo-$version-linux-x86_64.tar.gz"

say "the province's set-up: two kheo serve on one PostgreSQL behind nginx with TLS"
setup_nginx
python3 scripts/hall_test.py nginx "$TARGET_DIR/debug/kheo" "$KHEO_TEST_POSTGRES_URL"
