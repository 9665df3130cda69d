"""The source as a graph of imports, read with ``ast`` (never imported): what the house rules
of ``tests/test_import_rules.py`` and ``tests/test_house_rules.py`` check."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("app.py", "app_pages", "ui", "devin_data", "benchmarks")
# The tiers of the application, each importing only from the tiers after it.
TIERS = ("app", "app_pages", "ui", "devin_data")


def module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def files() -> Iterator[Path]:
    for name in SOURCES:
        path = ROOT / name
        yield from [path] if path.is_file() else sorted(path.rglob("*.py"))


def resolve(name: str) -> str:
    """A dotted name as the module it loads: ``devin_data.api.http`` or the package itself."""
    parts = name.split(".")
    while parts:
        base = ROOT.joinpath(*parts)
        if base.with_suffix(".py").is_file() or (base / "__init__.py").is_file():
            return ".".join(parts)
        parts.pop()
    return name


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, wherever the statement is (functions and type checks too)."""
    package = module_of(path) if path.name == "__init__.py" else module_of(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(resolve(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.update(resolve(f"{base}.{alias.name}") for alias in node.names)
    return found


GRAPH = {module_of(path): imports(path) for path in files()}


def tier_of(module: str) -> str | None:
    top = module.split(".", maxsplit=1)[0]
    return top if top in TIERS else None


def unit_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def cycle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    """A path from ``start`` back to itself, or None (depth-first, iterative)."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for target in graph.get(node, ()):
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None
