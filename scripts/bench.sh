#!/usr/bin/env bash
# Sheet-submission latency under load, on SQLite and on PostgreSQL:
# a release `kheo serve` on loopback with the demo loaded, and
# `kheo-loadgen sheets` playing 50 judges submitting at once.
#   bash scripts/bench.sh [--judges 50] [--teams 10] [--passes 4]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
setup_build_tools
say "building release binaries"
cargo leptos build --release
cargo build --release -p kheo-loadgen
pg_admin="$(setup_postgres)"
work="$(mktemp -d)"
trap 'pkill -f "$TARGET_DIR/release/kheo serve" 2>/dev/null || true; rm -rf "$work"' EXIT

run_against() { # NAME DATABASE_URL
  local port=3197
  export DATABASE_URL="$2" KHEO_ADDR="127.0.0.1:$port" KHEO_LOG=warn
  "$TARGET_DIR/release/kheo" demo >/dev/null
  "$TARGET_DIR/release/kheo" serve >"$work/$1.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/api/v1/contests" >/dev/null 2>&1 && break; sleep 0.1; done
  printf '%-10s ' "$1"
  "$TARGET_DIR/release/kheo-loadgen" sheets --base "http://127.0.0.1:$port" "${@:3}"
  kill $pid; wait $pid 2>/dev/null || true
}

run_against sqlite "sqlite://$work/bench.db?mode=rwc" "$@"
psql_admin=(psql -qAtX "$pg_admin")
[ "$(id -u)" -eq 0 ] && psql_admin=(runuser -u postgres -- psql -qAtX -p "$(pg_lsclusters -h | awk 'NR==1 {print $3}')")
"${psql_admin[@]}" -c "DROP DATABASE IF EXISTS kheo_bench" -c "CREATE DATABASE kheo_bench OWNER kheo"
run_against postgres "${pg_admin%/postgres}/kheo_bench" "$@"
