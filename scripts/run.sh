#!/usr/bin/env bash
# Builds a release and serves Khéo with the demo contest at
# http://127.0.0.1:3000 (KHEO_ADDR and DATABASE_URL override).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
setup_build_tools
# --precompress writes .br and .gz beside the static files: a judge's tablet
# on the hall's Wi-Fi fetches the application in a third of the bytes.
say "cargo leptos build --release --precompress"
cargo leptos build --release --precompress
build_field_bundle --release --precompress
kheo="${CARGO_TARGET_DIR:-$ROOT/target}/release/kheo"
say "kheo demo"
"$kheo" demo
say "kheo serve: http://${KHEO_ADDR:-127.0.0.1:3000}"
exec "$kheo" serve
