#!/usr/bin/env bash
# Builds a release and serves Khéo with the demo contest at
# http://127.0.0.1:3000 (KHEO_ADDR and DATABASE_URL override).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
setup_build_tools
build_release
kheo="${CARGO_TARGET_DIR:-$ROOT/target}/release/kheo"
say "kheo demo"
"$kheo" demo
say "kheo serve: http://${KHEO_ADDR:-127.0.0.1:3000}"
exec "$kheo" serve
