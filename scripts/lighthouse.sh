#!/usr/bin/env bash
# Lighthouse (mobile, simulated slow 4G, performance only) on the pages a
# judge's tablet and a village's phone open first: sign-in, a unit's entry
# form (a fresh invitation) and the judge's desk (signed in as gk1), each
# RUNS times (default 3), against the built site and server.
#   bash scripts/lighthouse.sh            builds a release first
#   KHEO_BENCH_BIN=dir bash scripts/lighthouse.sh   uses dir/kheo and the
#                                         site already in target/site
# Reports (HTML and JSON) go to target/lighthouse/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
RUNS="${RUNS:-3}"
if [ -n "${KHEO_BENCH_BIN:-}" ]; then
  bin="$KHEO_BENCH_BIN"
else
  setup_build_tools
  build_release
  bin="$TARGET_DIR/release"
fi
apt_install chromium
if ! node "$TOOLS/lighthouse/node_modules/lighthouse/cli/index.js" --version >/dev/null 2>&1; then
  say "npm install lighthouse@12 into $TOOLS/lighthouse"
  mkdir -p "$TOOLS/lighthouse"
  npm install --prefix "$TOOLS/lighthouse" --no-audit --no-fund --silent lighthouse@12
fi

work="$(mktemp -d)"
port=4100
while curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; do port=$((port + 1)); done
base="http://127.0.0.1:$port"
export DATABASE_URL="sqlite://$work/lighthouse.db?mode=rwc" KHEO_ADDR="127.0.0.1:$port"
"$bin/kheo" demo >/dev/null
"$bin/kheo" serve >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fsS "$base/api/v1/contests" >/dev/null 2>&1 && break; sleep 0.2; done

# A judge's session, and an invitation for a commune of the demo's city.
json() { python3 -c "import json, sys; print(eval(sys.argv[1], {'d': json.load(sys.stdin)}))" "$1"; }
curl -fsS -c "$work/judge" -H 'content-type: application/json' \
  -d '{"username":"gk1","password":"giamkhao-2026"}' "$base/api/v1/session" >/dev/null
curl -fsS -c "$work/city" -H 'content-type: application/json' \
  -d '{"username":"bdv","password":"bandanvan-2026"}' "$base/api/v1/session" >/dev/null
units="$(curl -fsS "$base/api/v1/units")"
city="$(json "[u['id'] for u in d['units'] if u['name'] == 'Thành phố Bắc Kạn'][0]" <<<"$units")"
commune="$(json "[u['id'] for u in d['units'] if u['name'] == 'Xã Nông Thượng'][0]" <<<"$units")"
contest="$(curl -fsS -b "$work/city" -H 'content-type: application/json' -H "origin: $base" \
  -d "{\"name\":\"Hội thi “Dân vận khéo” thành phố Bắc Kạn năm 2026\",\"level\":\"district\",\"unit_id\":$city,\"rounds\":[{\"name\":\"Tiểu phẩm\",\"criteria\":[{\"name\":\"Nội dung\",\"max_points\":\"50\"}]}],\"teams\":[],\"judges\":[\"gk1\"]}" \
  "$base/api/v1/contests" | json "d['id']")"
token="$(curl -fsS -b "$work/city" -H 'content-type: application/json' -H "origin: $base" \
  -d "{\"deadline\":\"2099-01-01T00:00:00+07:00\",\"unit_ids\":[$commune]}" \
  "$base/api/v1/contests/$contest/invitations" | json "d['invitations'][0]['token']")"
cookie="$(awk '$6 ~ /^kheo_/ {printf "%s=%s; ", $6, $7}' "$work/judge")"

out="$ROOT/target/lighthouse"
mkdir -p "$out"
export CHROME_PATH=/usr/bin/chromium
audit() { # audit NAME URL [lighthouse flags...]
  local name="$1" url="$2"; shift 2
  for run in $(seq 1 "$RUNS"); do
    node "$TOOLS/lighthouse/node_modules/lighthouse/cli/index.js" "$url" --quiet \
      --only-categories=performance --output=json --output=html --output-path="$out/$name-$run" \
      --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking" "$@"
    python3 - "$out/$name-$run.report.json" "$name" "$run" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1])); a = r["audits"]
print(f"{sys.argv[2]:<11} run {sys.argv[3]}: performance {round(r['categories']['performance']['score'] * 100)}, "
      f"LCP {a['largest-contentful-paint']['displayValue']}, TBT {a['total-blocking-time']['displayValue']}, "
      f"FCP {a['first-contentful-paint']['displayValue']}, CLS {a['cumulative-layout-shift']['displayValue']}, "
      f"{round(a['total-byte-weight']['numericValue'] / 1024)} KiB")
EOF
  done
}
audit sign-in "$base/sign-in"
audit unit-form "$base/dang-ky/$token"
audit judge-desk "$base/judge/1" --extra-headers="{\"Cookie\":\"$cookie\"}"
say "reports in $out"
