#!/usr/bin/env python3
"""Fails when a Leptos component in app/src is longer than a page.

A `#[component]` function is measured from its attribute to its closing
brace. A component over the limit (default 150 lines) mixes too much: split
it into parts that each do one thing, as the judge's desk is split.

    python3 scripts/components.py [LIMIT]
"""
import re
import sys
from pathlib import Path

LIMIT = int(sys.argv[1]) if len(sys.argv) > 1 else 150
FN = re.compile(r"\s*(pub(\(crate\))?\s+)?fn\s+(\w+)")


def components(path: Path):
    lines = path.read_text().split("\n")
    i = 0
    while i < len(lines):
        if lines[i].strip() == "#[component]":
            j = i + 1
            while not FN.match(lines[j]):
                j += 1
            indent = len(lines[j]) - len(lines[j].lstrip())
            k = j + 1
            # The body ends at the first `}` at the function's own indent.
            while not (lines[k].startswith(" " * indent + "}") and len(lines[k]) - len(lines[k].lstrip()) == indent):
                k += 1
            yield FN.match(lines[j]).group(3), i + 1, k - i + 1
            i = k
        i += 1


found = sorted(
    ((n, str(p), name, line) for p in sorted(Path("app/src").rglob("*.rs")) for name, line, n in components(p)),
    reverse=True,
)
too_long = [c for c in found if c[0] > LIMIT]
for n, path, name, line in too_long:
    print(f"{path}:{line}: component {name} is {n} lines (limit {LIMIT})")
if too_long:
    sys.exit(1)
n, path, name, _ = found[0]
print(f"no component over {LIMIT} lines among {len(found)} (longest: {name} in {path}, {n})")
