#!/usr/bin/env python3
"""Fails when files of a crate import each other in a circle.

Reads every `.rs` file under the crate's `src/` (default: service/src),
follows each path that starts with `crate::`, `super::` or `self::` (in `use`
lines and in code) to the file that defines it, and reports every group of
files that reach each other (a strongly connected component of more than
one file). A module's `mod` lines declaring its children are not imports.

    python3 scripts/circles.py [service/src]
"""
import re
import sys
from pathlib import Path

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else "service/src")


def module_of(path: Path) -> tuple:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts.pop()
    return tuple(parts)


FILES = {module_of(p): p for p in sorted(ROOT.rglob("*.rs"))}
COMMENT = re.compile(r"//[^\n]*")
# `use crate::a::{b, c::{d}}` spans lines: the whole statement up to `;`.
USE = re.compile(r"\buse\s+([^;]+);", re.S)
PATH = re.compile(r"\b(crate|super|self)((?:::\w+)+)")


def expand(tree: str) -> list:
    """The paths a `use` tree names: `a::{b, c::d}` gives a::b and a::c::d."""
    tree = re.sub(r"\s+as\s+\w+", "", tree)
    tree = re.sub(r"\s+", "", tree)

    def walk(prefix: str, rest: str) -> list:
        if "{" not in rest:
            return [prefix + rest] if rest else []
        head, _, body = rest.partition("{")
        body = body[: body.rindex("}")]
        depth, items, current = 0, [], ""
        for ch in body:
            depth += ch == "{"
            depth -= ch == "}"
            if ch == "," and depth == 0:
                items.append(current)
                current = ""
            else:
                current += ch
        items.append(current)
        return [p for item in items for p in walk(prefix + head, item)]

    return walk("", tree)


def resolve(here: tuple, path: str):
    """The file a `crate::`/`super::`/`self::` path lands in, if any."""
    parts = [p for p in path.split("::") if p]
    # A file's module is its path: in `a/b.rs` and in `b/mod.rs` alike,
    # `self` is the module and `super` its parent.
    current = list(here)
    if parts[0] == "crate":
        current = []
        parts = parts[1:]
    else:
        while parts and parts[0] in ("self", "super"):
            if parts[0] == "super":
                current = current[:-1]
            parts = parts[1:]
    best = None
    for i in range(len(parts) + 1):
        candidate = tuple(current + parts[:i])
        if candidate in FILES:
            best = candidate
    return best


def edges():
    graph = {m: set() for m in FILES}
    for module, path in FILES.items():
        text = COMMENT.sub("", path.read_text(encoding="utf-8"))
        found = []
        for stmt in USE.findall(text):
            found += expand(stmt)
        found += [m.group(0) for m in PATH.finditer(USE.sub("", text))]
        for p in found:
            p = p.strip()
            if not re.match(r"(crate|super|self)\b", p):
                continue
            target = resolve(module, p)
            if target is not None and target != module:
                graph[module].add(target)
    return graph


def circles(graph):
    """Tarjan's strongly connected components with more than one file."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def name(module: tuple) -> str:
    return str(FILES[module])


def main():
    graph = edges()
    found = circles(graph)
    if not found:
        print(f"no circles among the {len(FILES)} files of {ROOT}")
        return 0
    for group in found:
        print(f"circle of {len(group)} files in {ROOT}:")
        for m in group:
            inside = sorted(name(t) for t in graph[m] if t in group)
            print(f"  {name(m)} -> {', '.join(inside)}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
