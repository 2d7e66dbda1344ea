#!/usr/bin/env bash
# The fault harness (scripts/faults.py): judges send sheets while something
# goes wrong; at the end, no acknowledged sheet lost, none invented, none
# twice, the database intact and the ledger verified.
#   bash scripts/faults.sh [kill|power|disk|postgres|slow|all] [short]
#     kill    SIGKILL the server again and again: SQLite, then PostgreSQL
#             with two instances (one of the kills is PostgreSQL itself)
#     power   SQLite under the power-cut shim (scripts/powercut): every
#             write not synced is lost at each kill
#     postgres  PostgreSQL goes away under two instances, 1,000 stream
#             viewers and the judges: `restart`, then `stop -m immediate`
#             and 20 s without it (short: 200 viewers, 5 s)
#     disk    SQLite on a 64 MB tmpfs that fills while judges send (as root)
#     slow    5,000 connections sending headers a byte a second and 2,000
#             stream viewers that never read, beside a panel of 5: the
#             release build's `bash scripts/bench.sh slow` (by hand only)
#     all     all of the above but slow (the default)
#   20 kills or cuts per run; `short` makes it 3 (what the test command runs).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
what="${1:-all}"
kills=20
[ "${2:-long}" = short ] || [ "$what" = short ] && kills=3
[ "$what" = short ] && what=all
if [ "$what" = slow ]; then exec bash scripts/bench.sh slow; fi
bin="$TARGET_DIR/debug/kheo"

cargo build -q -p kheo
if [[ "$what" == all || "$what" == kill ]]; then
  pg="$(setup_postgres)"
  drop_test_databases
  say "faults: SQLite, $kills kills"
  python3 scripts/faults.py --bin "$bin" --db sqlite --kills "$kills"
  say "faults: PostgreSQL, two instances, $kills kills (one of them PostgreSQL itself)"
  python3 scripts/faults.py --bin "$bin" --db postgres --pg "$pg" --kills "$kills"
fi
if [[ "$what" == all || "$what" == power ]]; then
  say "faults: SQLite, $kills power cuts"
  python3 scripts/faults.py --bin "$bin" --db sqlite --kills "$kills" --power
  say "faults: the power-cut harness's own test (a disk that lies about fsync must lose sheets)"
  python3 scripts/faults.py --bin "$bin" --db sqlite --kills 1 --power --lying-disk
fi
if [[ "$what" == all || "$what" == disk ]]; then
  say "faults: SQLite on a small tmpfs that fills up while judges send"
  python3 scripts/faults.py --bin "$bin" --db sqlite --disk
fi
if [[ "$what" == all || "$what" == postgres ]]; then
  pg="$(setup_postgres)"
  drop_test_databases
  viewers=1000 gap=20
  [ "$kills" = 3 ] && viewers=200 gap=5
  say "faults: PostgreSQL goes away under two instances and $viewers viewers (restart; stop, ${gap} s, start)"
  python3 scripts/faults.py --bin "$bin" --db postgres --pg "$pg" --outage --viewers "$viewers" --gap "$gap"
fi
