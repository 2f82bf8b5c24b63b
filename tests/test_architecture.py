"""The layer rules of DESIGN.md, checked on the import graph of our own packages.

The graph is read from the source with `ast`, so it holds every import a module can run: at
module level, inside functions (where a cycle hides) and under `TYPE_CHECKING` (a cycle the
type checker alone sees is still two modules that cannot be understood apart).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("assistant", "tools", "knowledge", "scoring", "prompts")

# Which of our top-level packages each one may import (DESIGN.md, "Layers": imports point
# down only; front ends -> tools -> knowledge and scoring; prompts are read by front ends).
MAY_IMPORT: dict[str, frozenset[str]] = {
    "assistant": frozenset({"assistant", "tools", "knowledge", "scoring", "prompts"}),
    "tools": frozenset({"tools", "knowledge", "scoring", "prompts"}),
    "knowledge": frozenset({"knowledge", "scoring"}),
    "scoring": frozenset({"scoring"}),
    "prompts": frozenset({"prompts"}),
}

# Front ends act through tools functions, which check the caller and own the transaction.
FRONT_END_FORBIDDEN = ("tools.store", "sqlalchemy")


@dataclass(frozen=True, slots=True)
class Import:
    source: str
    target: str
    line: int

    def __str__(self) -> str:
        return f"{self.source} (line {self.line}) imports {self.target}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[_module_name(path)] = path
    return found


MODULES = _modules()


def _resolve(source: str, path: Path, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    package = source.split(".") if path.name == "__init__.py" else source.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports(source: str, path: Path) -> Iterator[Import]:
    """Every module `source` imports: `from a import b` names `a.b` when that is a module,
    and importing `a.b.c` runs the packages `a` and `a.b` first (unless `source` is inside
    them, which are then running already)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _resolve(source, path, node)
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                targets.append(candidate if candidate in MODULES else module)
        for target in targets:
            yield Import(source, target, node.lineno)
            parts = target.split(".")
            for depth in range(1, len(parts)):
                package = ".".join(parts[:depth])
                if not (source == package or source.startswith(package + ".")):
                    yield Import(source, package, node.lineno)


GRAPH: list[Import] = sorted(
    {edge for name, path in MODULES.items() for edge in _imports(name, path)},
    key=lambda e: (e.source, e.line, e.target),
)


def _ours(target: str) -> bool:
    return target.split(".")[0] in PACKAGES


def _cycles(edges: list[Import]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {e.source: set() for e in edges}
    for edge in edges:
        if edge.target in graph and edge.target != edge.source:
            graph[edge.source].add(edge.target)
    return [c for c in _components(graph) if len(c) > 1]


def _components(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            found.append(sorted(component))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph)))
    try:
        for name in sorted(graph):
            if name not in index:
                visit(name)
    finally:
        sys.setrecursionlimit(limit)
    return sorted(found)


def test_the_graph_covers_every_package() -> None:
    # A graph that silently read nothing would pass every rule below.
    for package in PACKAGES:
        assert package in MODULES, f"{package}/__init__.py is missing"
    assert len(MODULES) > 100
    assert any(e.source.startswith("assistant.") and e.target.startswith("tools") for e in GRAPH)


def test_no_import_cycles() -> None:
    cycles = _cycles(GRAPH)
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_cycle_detection_sees_function_level_imports(tmp_path: Path) -> None:
    # The check itself: two modules that import each other, one of them inside a function.
    edges = [Import("tools.a", "tools.b", 1), Import("tools.b", "tools.a", 9)]
    assert _cycles(edges) == [["tools.a", "tools.b"]]
    assert _cycles(edges[:1]) == []
    source = tmp_path / "m.py"
    source.write_text("def later():\n    from tools.errors import ToolError\n", encoding="utf-8")
    assert [e.target for e in _imports("tools.m", source)] == ["tools.errors"]


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_point_down_only(package: str) -> None:
    allowed = MAY_IMPORT[package]
    broken = [
        str(e)
        for e in GRAPH
        if e.source.split(".")[0] == package
        and _ours(e.target)
        and e.target.split(".")[0] not in allowed
    ]
    assert not broken, f"{package} may import only {sorted(allowed)}:\n" + "\n".join(broken)


def test_front_ends_never_touch_the_store() -> None:
    broken = [
        str(e)
        for e in GRAPH
        if e.source.split(".")[0] == "assistant"
        and any(e.target == f or e.target.startswith(f + ".") for f in FRONT_END_FORBIDDEN)
    ]
    assert not broken, "front ends act through tools functions:\n" + "\n".join(broken)
