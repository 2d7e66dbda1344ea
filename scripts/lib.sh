# Shared by scripts/run.sh and scripts/test.sh: installs, once per machine,
# what the build needs, from the registries this machine can reach.
# Every step checks first, so a warm machine installs nothing.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${KHEO_TOOLS:-$HOME/.cache/kheo-tools}"
CARGO_LEPTOS_VERSION="0.3.10"
BINARYEN_VERSION="123"
export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1;31m==>\033[0m %s\n' "$*" >&2; }

apt_updated=""
apt_install() {
  # apt_install PACKAGE... : installs the Debian packages that are missing.
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ -z "$apt_updated" ]; then $sudo apt-get update -qq; apt_updated=1; fi
  say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

setup_build_tools() {
  rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown \
    || { say "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
  for c in clippy rustfmt; do
    rustup component list --installed 2>/dev/null | grep -q "^$c" \
      || { say "rustup component add $c"; rustup component add "$c"; }
  done

  if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    say "cargo install cargo-leptos $CARGO_LEPTOS_VERSION (once per machine)"
    # Its own release profile asks for fat LTO in one codegen unit; thin
    # LTO in 16 units saved under a minute of its 17 on a fresh machine
    # (2026-12-07): its dependencies (swc, lightningcss, gix, OpenSSL and
    # aws-lc built from C) are most of the time.
    CARGO_PROFILE_RELEASE_LTO=thin CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  fi

  # cargo-leptos takes wasm-bindgen from PATH; it must equal the locked crate.
  local wb; wb="$(locked_wasm_bindgen)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb" ]; then
    say "cargo install wasm-bindgen-cli $wb"
    # Not --locked: the registry lacks one of its locked dependencies.
    CARGO_PROFILE_RELEASE_LTO=thin CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install wasm-bindgen-cli --version "$wb"
  fi

  # Debian's binaryen breaks hydration; npm's binaryen@123 is what
  # cargo-leptos itself would download.
  if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
    say "npm install binaryen@$BINARYEN_VERSION into $TOOLS"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
  fi
}

# Builds the field bundle into target/site/pkg/field: the WebAssembly
# of a judge's pages, a unit's form and sign-in, without the organisers'
# pages (app/src/lib.rs, PageKind::Field). The same crate as the staff
# bundle with `--lib-features field` in place of the metadata's `staff`;
# takes cargo leptos build's flags (--release, --precompress, ...). Run
# it after `cargo leptos build`, which builds the staff bundle, the CSS
# and the server: every cargo-leptos build of the site empties the site's
# folder first, so this one builds in a folder of its own and copies the
# bundle in.
build_field_bundle() {
  say "cargo leptos build --frontend-only --lib-features field $* (the field bundle: judges, units, sign-in)"
  LEPTOS_SITE_ROOT=target/site-field cargo leptos build --frontend-only --lib-features field "$@"
  rm -rf "$ROOT/target/site/pkg/field"
  mkdir -p "$ROOT/target/site/pkg/field"
  cp "$ROOT"/target/site-field/pkg/kheo.js* "$ROOT"/target/site-field/pkg/kheo.wasm* "$ROOT/target/site/pkg/field/"
}

# The release site and server, as run.sh serves them: both bundles, the
# static files precompressed (.br and .gz beside each: a judge's tablet on
# the hall's Wi-Fi fetches the application in a third of the bytes).
build_release() {
  say "cargo leptos build --release --precompress"
  cargo leptos build --release --precompress
  build_field_bundle --release --precompress
}

# On a fresh machine, fetches and unpacks the system's packages, the
# browser tests' npm packages and Schemathesis while cargo compiles the
# build tools: downloads and dpkg wait on the network and the disk, the
# compilers on the two cores. Run in the background; wait for it before
# anything else installs (apt and dpkg take one at a time).
prefetch() {
  apt_install chromium python3 postgresql nginx-light openssl python3-venv
  setup_browser
  setup_schemathesis
}

setup_browser() {
  apt_install chromium python3
  if [ ! -d "$ROOT/end2end/node_modules/playwright-core" ]; then
    say "npm ci in end2end/"
    (cd "$ROOT/end2end" && npm ci --no-audit --no-fund --silent)
  fi
}

# The cluster the tests use: the newest version's "main". A machine may
# hold others (a package reinstalled beside an old cluster makes its new
# one on 5433), so its port is read, never assumed; faults.py finds the
# same cluster from the URL's port to stop and start it.
postgres_cluster() {
  echo "$(ls /etc/postgresql | sort -V | tail -n1) main"
}
postgres_port() {
  local c; read -r -a c <<<"$(postgres_cluster)"
  pg_lsclusters -h | awk -v v="${c[0]}" -v n="${c[1]}" '$1 == v && $2 == n {print $3}'
}

# Starts the machine's PostgreSQL and makes a role for the tests;
# prints the URL of its admin database.
# Prints the URL and nothing else on stdout: callers capture it, so every
# tool's chatter ("Removed stale pid file.") goes to stderr.
setup_postgres() {
  apt_install postgresql >&2
  local port; port="$(postgres_port)"
  if ! pg_lsclusters -h | awk -v p="$port" '$3 == p {print $4}' | grep -q online; then
    say "starting PostgreSQL $(postgres_cluster)"
    pg_ctlcluster --skip-systemctl-redirect $(postgres_cluster) start >&2
  fi
  local psql=(psql -qAtX -p "$port")
  [ "$(id -u)" -eq 0 ] && psql=(runuser -u postgres -- psql -qAtX -p "$port")
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'kheo'")" != "1" ]; then
    "${psql[@]}" -c "CREATE ROLE kheo LOGIN CREATEDB PASSWORD 'kheo'" >&2
  fi
  echo "postgres://kheo:kheo@127.0.0.1:$port/postgres"
}

# Drops the databases the tests and the fault harness leave behind when a
# run is cut short: PostgreSQL's crash recovery would otherwise sync them
# all, and the harness kills PostgreSQL.
drop_test_databases() {
  local port; port="$(postgres_port)"
  local psql=(psql -qAtX -p "$port")
  [ "$(id -u)" -eq 0 ] && psql=(runuser -u postgres -- psql -qAtX -p "$port")
  local db
  for db in $("${psql[@]}" -c "SELECT datname FROM pg_database WHERE datname LIKE 'kheo\_t\_%' OR datname LIKE 'kheo\_faults\_%'"); do
    "${psql[@]}" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >&2
  done
}

SCHEMATHESIS_VERSION="4.32.5"
SCHEMATHESIS="$TOOLS/schemathesis/bin/st"
setup_schemathesis() {
  if ! "$SCHEMATHESIS" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    apt_install python3-venv
    say "pip install schemathesis==$SCHEMATHESIS_VERSION into $TOOLS/schemathesis"
    python3 -m venv "$TOOLS/schemathesis"
    "$TOOLS/schemathesis/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
  fi
}

# Cross-compiling the Windows package: Rust's x86_64-pc-windows-gnu target
# and Debian's mingw-w64 (its C compiler builds SQLite and ring).
setup_windows_target() {
  rustup target list --installed 2>/dev/null | grep -q x86_64-pc-windows-gnu \
    || { say "rustup target add x86_64-pc-windows-gnu"; rustup target add x86_64-pc-windows-gnu; }
  apt_install gcc-mingw-w64-x86-64 zip
}

# The province's set-up tried in CI: Debian's nginx (not started as a
# service; the test runs its own) and openssl for a throwaway certificate.
setup_nginx() {
  apt_install nginx-light openssl
}
