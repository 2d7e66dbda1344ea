#!/usr/bin/env bash
# Benchmarks against a release `kheo serve` on loopback with the demo loaded
# (the load generator runs on the same machine):
#   sheets  — a panel of 5 judges, then 50 judges, submitting at once, on
#             SQLite and on PostgreSQL;
#   viewers — 10,000 audiences on one stream while a judge marks teams:
#             delivery p50/p99/max after each 200, memory per idle viewer;
#   pages   — the public leaderboard HTML, requests per second, plain and
#             gzipped, beside nginx serving the same bytes as a static file
#             (wrk, RUNS=3 rounds), then its latency under load;
#   statistics — a province's season (100 contests, 1,000 teams) made through
#             the API, then the statistics page's latency;
#   show    — the show in the hall: 2,000 phones answering one question
#             within 10 s, 5,000 votes within 30 s, and the quiz's cues
#             reaching 10,000 viewers, on SQLite and on PostgreSQL (the
#             viewers on SQLite, as `viewers`).
#   slow    — a panel of 5 on an idle server, then again while 5,000
#             connections send their headers a byte a second and 2,000
#             stream viewers never read: p99 of both, the slow ones the
#             server closes, its memory (also `bash scripts/faults.sh slow`).
#   bash scripts/bench.sh [all|sheets|viewers|pages|statistics|show|slow]   (default: all)
# Tunables: VIEWERS=10000 MARKS=20 PAGE_CONNECTIONS=64 PAGE_SECONDS=10;
#   CONTESTS=100 TEAMS=10 MODELS=0 (statistics; MODELS=7000 is a province's
#   register of 21,000 models over three years).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
what="${1:-all}"
# KHEO_BENCH_BIN: a folder holding release `kheo` and `kheo-loadgen` built
# already (an older commit's, to time two builds on one machine); else
# they are built here.
if [ -n "${KHEO_BENCH_BIN:-}" ]; then
  bin="$KHEO_BENCH_BIN"
else
  setup_build_tools
  say "building release binaries"
  build_release
  cargo build --release -p kheo-loadgen
  bin="$TARGET_DIR/release"
fi
work="$(mktemp -d)"
server=""
# Exactly the server this script started, by its pid (never by name: the
# site running beside it, or another run's, is not ours to stop).
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
# Ten thousand viewers are ten thousand sockets on each side.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

port=3197
base="http://127.0.0.1:$port"
start_server() { # NAME DATABASE_URL
  export DATABASE_URL="$2" KHEO_ADDR="127.0.0.1:$port" KHEO_LOG=warn
  "$bin/kheo" demo >/dev/null
  "$bin/kheo" serve >"$work/$1.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -fsS "$base/api/v1/contests" >/dev/null 2>&1 && return; sleep 0.1; done
  cat "$work/$1.log"; exit 1
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

sheet_runs() { # ENGINE: a hall's panel of five many times over, then a burst of fifty
  printf '%-10s ' "$1"; "$bin/kheo-loadgen" sheets --base "$base" --judges 5 --passes 20
  printf '%-10s ' "$1"; "$bin/kheo-loadgen" sheets --base "$base" --judges 50
}

if [[ "$what" == all || "$what" == sheets ]]; then
  pg_admin="$(setup_postgres)"
  start_server sqlite "sqlite://$work/sheets.db?mode=rwc"
  sheet_runs sqlite
  stop_server
  psql_admin=(psql -qAtX "$pg_admin")
  [ "$(id -u)" -eq 0 ] && psql_admin=(runuser -u postgres -- psql -qAtX -p "$(postgres_port)")
  "${psql_admin[@]}" -c "DROP DATABASE IF EXISTS kheo_bench" -c "CREATE DATABASE kheo_bench OWNER kheo"
  start_server postgres "${pg_admin%/postgres}/kheo_bench"
  sheet_runs postgres
  stop_server
fi

if [[ "$what" == all || "$what" == viewers ]]; then
  start_server viewers "sqlite://$work/viewers.db?mode=rwc"
  "$bin/kheo-loadgen" viewers --base "$base" --viewers "${VIEWERS:-10000}" --marks "${MARKS:-20}" --server-pid "$server"
  stop_server
fi

if [[ "$what" == all || "$what" == pages ]]; then
  # Khéo's public leaderboard against nginx serving the same bytes as a
  # static file, by wrk, one after the other in the same run, RUNS times.
  setup_nginx
  apt_install wrk
  start_server pages "sqlite://$work/pages.db?mode=rwc"
  page=/contests/1
  mkdir -p "$work/static/contests" "$work/nginx"
  # nginx's workers run as another user: the page must be theirs to read.
  chmod 755 "$work"
  curl -fsS "$base$page" -o "$work/static$page"
  gzip -k -6 "$work/static$page"
  nginx_port=$((port + 1))
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/static;
    gzip_static on;
    types { }
    default_type "text/html; charset=utf-8";
  }
}
EOF
  nginx -c "$work/nginx/nginx.conf"
  trap '[ -n "$server" ] && kill "$server" 2>/dev/null; [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")"; rm -rf "$work"' EXIT
  for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$nginx_port$page" >/dev/null 2>&1 && break; sleep 0.1; done
  cmp <(curl -fsS "$base$page") <(curl -fsS "http://127.0.0.1:$nginx_port$page") || { say "nginx does not serve Khéo's bytes"; exit 1; }
  rate() { # URL [HEADER]: requests per second by wrk
    wrk -t2 -c"${PAGE_CONNECTIONS:-64}" -d"${PAGE_SECONDS:-10}s" ${2:+-H "$2"} "$1" | awk '/^Requests\/sec/ {printf "%.0f", $2}'
  }
  for run in $(seq 1 "${RUNS:-3}"); do
    for encoding in "" "Accept-Encoding: gzip"; do
      k="$(rate "$base$page" "$encoding")"
      n="$(rate "http://127.0.0.1:$nginx_port$page" "$encoding")"
      printf 'pages, run %s: GET %s (%s B%s): Khéo %s req/s, nginx static %s req/s: %s %%\n' "$run" "$page" \
        "$(stat -c %s "$work/static$page${encoding:+.gz}")" "${encoding:+ gzipped}" "$k" "$n" "$((100 * k / n))"
    done
  done
  kill "$(cat "$work/nginx/nginx.pid")"
  "$bin/kheo-loadgen" pages --base "$base" --path "$page" \
    --connections "${PAGE_CONNECTIONS:-64}" --seconds "${PAGE_SECONDS:-10}"
  stop_server
fi

if [[ "$what" == all || "$what" == statistics ]]; then
  start_server statistics "sqlite://$work/statistics.db?mode=rwc"
  "$bin/kheo-loadgen" statistics --base "$base" --contests "${CONTESTS:-100}" --teams "${TEAMS:-10}" \
    --models "${MODELS:-0}"
  stop_server
fi

if [[ "$what" == all || "$what" == show ]]; then
  pg_admin="$(setup_postgres)"
  start_server show "sqlite://$work/show.db?mode=rwc"
  printf '%-10s ' sqlite; "$bin/kheo-loadgen" play --base "$base" --phones "${PHONES:-2000}" --window 10
  printf '%-10s ' sqlite; "$bin/kheo-loadgen" votes --base "$base" --devices "${DEVICES:-5000}" --window 30
  "$bin/kheo-loadgen" viewers --base "$base" --viewers "${VIEWERS:-10000}" --marks "${MARKS:-20}" --server-pid "$server" --show
  stop_server
  psql_admin=(psql -qAtX "$pg_admin")
  [ "$(id -u)" -eq 0 ] && psql_admin=(runuser -u postgres -- psql -qAtX -p "$(postgres_port)")
  "${psql_admin[@]}" -c "DROP DATABASE IF EXISTS kheo_bench_show" -c "CREATE DATABASE kheo_bench_show OWNER kheo"
  start_server postgres "${pg_admin%/postgres}/kheo_bench_show"
  printf '%-10s ' postgres; "$bin/kheo-loadgen" play --base "$base" --phones "${PHONES:-2000}" --window 10
  printf '%-10s ' postgres; "$bin/kheo-loadgen" votes --base "$base" --devices "${DEVICES:-5000}" --window 30
  stop_server
fi

if [[ "$what" == all || "$what" == slow ]]; then
  start_server slow "sqlite://$work/slow.db?mode=rwc"
  "$bin/kheo-loadgen" slow --base "$base" --slow "${SLOW:-5000}" --stalled "${STALLED:-2000}" --server-pid "$server"
  stop_server
fi
