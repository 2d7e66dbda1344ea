#!/usr/bin/env bash
# The fault harness (scripts/faults.py) on SQLite, then on PostgreSQL:
# judges send sheets while the server is killed with SIGKILL again and
# again; at the end, no acknowledged sheet lost, none invented, none twice,
# and the ledger verifies.
#   bash scripts/faults.sh         the long version: 20 kills per database
#   bash scripts/faults.sh short   3 kills per database (what CI runs)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
kills=20
[ "${1:-long}" = short ] && kills=3

pg="$(setup_postgres)"
drop_test_databases
cargo build -q -p kheo
say "faults: SQLite, $kills kills"
python3 scripts/faults.py --bin "$TARGET_DIR/debug/kheo" --db sqlite --kills "$kills"
say "faults: PostgreSQL, two instances, $kills kills (one of them PostgreSQL itself)"
python3 scripts/faults.py --bin "$TARGET_DIR/debug/kheo" --db postgres --pg "$pg" --kills "$kills"
