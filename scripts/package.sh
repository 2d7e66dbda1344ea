#!/usr/bin/env bash
# Builds the files an organiser downloads: one program with every static
# file inside, and a read-me-first, per platform.
#   bash scripts/package.sh            both packages, into dist/
#   bash scripts/package.sh linux      the Linux one only
# KHEO_PACKAGES_DIR overrides dist/. KHEO_PACKAGE_PROFILE=debug packages
# the debug build instead (CI does, to test the package within its time).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
which="${1:-all}"
setup_build_tools
version="$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)"
out="${KHEO_PACKAGES_DIR:-$ROOT/dist}"
target="${CARGO_TARGET_DIR:-$ROOT/target}"
mkdir -p "$out"

profile="${KHEO_PACKAGE_PROFILE:-release}"
build=(cargo leptos build --cargo-locked)
[ "$profile" = release ] && build+=(--release --precompress)
say "${build[*]} --frontend-only (the site: WebAssembly, CSS, scripts, fonts)"
"${build[@]}" --frontend-only
build_field_bundle "${build[@]:3}"
for bundle in kheo field/kheo; do
  [ -f "$ROOT/target/site/pkg/$bundle.wasm" ] || { say "no target/site/pkg/$bundle.wasm"; exit 1; }
done
# The program embeds a copy: cargo-leptos rewrites target/site as it builds.
site="$(mktemp -d)/site"
trap 'rm -rf "$(dirname "$site")"' EXIT
cp -r "$ROOT/target/site" "$site"

# Writes one package folder: the program, renamed, and DOC-TRUOC.txt.
stage() { # stage NAME PROGRAM_SOURCE PROGRAM_NAME STRIP
  local dir="$out/$1"
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$2" "$dir/$3"
  "$4" "$dir/$3"
  sed -e "s/{version}/$version/g" -e "s/{program}/$3/g" deploy/DOC-TRUOC.txt > "$dir/DOC-TRUOC.txt"
}

if [ "$which" = all ] || [ "$which" = linux ]; then
  # Through cargo-leptos, as run.sh and test.sh build the server: the same
  # build settings, so only the kheo crate is compiled again.
  say "${build[*]} --server-only, with the site embedded"
  KHEO_EMBED_SITE="$site" "${build[@]}" --server-only
  name="kheo-$version-linux-x86_64"
  stage "$name" "$target/$profile/kheo" kheo strip
  tar -C "$out" -czf "$out/$name.tar.gz" "$name"
  rm -rf "${out:?}/$name"
  say "$out/$name.tar.gz: $(du -h "$out/$name.tar.gz" | cut -f1)"
fi

if [ "$which" = all ] || [ "$which" = windows ]; then
  setup_windows_target
  say "cargo build ($profile) -p kheo --target x86_64-pc-windows-gnu with the site embedded"
  release=(); [ "$profile" = release ] && release=(--release)
  KHEO_EMBED_SITE="$site" cargo build "${release[@]}" --locked -p kheo --target x86_64-pc-windows-gnu
  name="kheo-$version-windows-x86_64"
  stage "$name" "$target/x86_64-pc-windows-gnu/$profile/kheo.exe" kheo.exe x86_64-w64-mingw32-strip
  # Windows' Notepad reads the read-me best with CRLF line ends.
  sed -i 's/$/\r/' "$out/$name/DOC-TRUOC.txt"
  (cd "$out" && rm -f "$name.zip" && zip -qr "$name.zip" "$name")
  rm -rf "${out:?}/$name"
  say "$out/$name.zip: $(du -h "$out/$name.zip" | cut -f1)"
fi
