#!/usr/bin/env bash
# Bad input at scale: Schemathesis (pinned, from PyPI) over
# /api/v1/openapi.json against a debug `kheo serve` with the demo loaded,
# three times: anonymous, as the demo's organiser, as one of its judges.
# Fails on a server error, a response that breaks the documented schema,
# an undocumented status or content type, or a method not refused with 405.
# One worker: with two, CPython 3.11's ast module trips on its recursion
# counter across threads ("AST constructor recursion depth mismatch").
#   bash scripts/schemathesis.sh [EXAMPLES_PER_OPERATION]   (default 30)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export CARGO_TARGET_DIR="$TARGET_DIR"
examples="${1:-30}"
setup_schemathesis
# The test command passes the binary its API tests just built (KHEO_BIN):
# a plain `cargo build` would build it again with other features.
kheo="${KHEO_BIN:-}"
if [ -z "$kheo" ]; then cargo build -q -p kheo; kheo="$TARGET_DIR/debug/kheo"; fi

work="$(mktemp -d)"
port=3600
while curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; do port=$((port + 1)); done
base="http://127.0.0.1:$port"
export DATABASE_URL="sqlite://$work/st.db?mode=rwc" KHEO_ADDR="127.0.0.1:$port" KHEO_LOG=error
"$kheo" demo >/dev/null
"$kheo" serve >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fsS "$base/api/v1/contests" >/dev/null 2>&1 && break; sleep 0.2; done

session_of() { # USERNAME PASSWORD: the session cookie of a fresh sign-in
  curl -fsS -c - -o /dev/null -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" "$base/api/v1/session" | awk '$6 == "kheo_session" {print $7}'
}

run_as() { # WHO [HEADER]
  say "schemathesis as $1"
  local auth=()
  # Signed in, the run leaves /session alone: signing out would end the
  # very session it tests with.
  # The live stream never ends by itself; the anonymous run covers it.
  [ -n "${2:-}" ] && auth=(-H "$2" --exclude-path /session --exclude-path /contests/{cid}/leaderboard/stream)
  "$SCHEMATHESIS" run "$base/api/v1/openapi.json" "${auth[@]}" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance,unsupported_method \
    --max-examples "$examples" --workers 1 --suppress-health-check all \
    --seed "${KHEO_ST_SEED:-20261129}" 2>&1 | tee "$work/st-$1.log" | sed -n '/^=* SUMMARY/,$p'
  [ "${PIPESTATUS[0]}" -eq 0 ] || { grep -E "WARN|ERROR|panicked" "$work/serve.log" | tail -n 20; exit 1; }
}

run_as anonymous
run_as organiser "Cookie: kheo_session=$(session_of btc bantochuc-2026)"
run_as judge "Cookie: kheo_session=$(session_of gk1 giamkhao-2026)"
