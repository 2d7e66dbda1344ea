#!/usr/bin/env bash
# The Windows package under Wine (Debian's wine64), as an organiser would
# start it: unpacked on a path with spaces and Vietnamese letters, started
# with no arguments, set up, a judge's sheet taken, and kept after a
# restart (scripts/hall_test.py package).
#   bash scripts/wine_test.sh [dist/kheo-VERSION-windows-x86_64.zip]
# Without an argument it builds the package first (scripts/package.sh windows).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
version="$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)"
zip="${1:-}"
if [ -z "$zip" ]; then
  bash scripts/package.sh windows
  zip="${KHEO_PACKAGES_DIR:-$ROOT/dist}/kheo-$version-windows-x86_64.zip"
fi
apt_install wine64 gcc-mingw-w64-x86-64
export WINEPREFIX="$TOOLS/wine" WINEARCH=win64 WINEDEBUG=-all
wine64=/usr/lib/wine/wine64
if [ ! -d "$WINEPREFIX/drive_c/windows/system32" ]; then
  say "wineboot: a 64-bit Wine prefix in $WINEPREFIX"
  "$wine64" wineboot -i >/dev/null 2>&1 || true
fi
# See scripts/wine/bcryptprimitives.c: a stand-in for what Wine 8.0 lacks.
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32
say "the Windows package under Wine: $zip"
KHEO_WINE="$wine64" python3 scripts/hall_test.py package "$zip"
