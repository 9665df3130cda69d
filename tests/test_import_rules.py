"""The import rule of the README, checked on the source: imports run one way, without circles.

``app.py`` → ``app_pages/`` → ``ui/`` → ``devin_data``. Inside ``devin_data`` a module imports
only from its own folder, from the units :data:`ALLOWED` names and from the base; frames,
analytics and charts do no I/O (no httpx, diskcache or sqlite3), and nothing in ``devin_data``
imports streamlit.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("app.py", "app_pages", "ui", "devin_data")

# The four tiers of the application, each importing only from the tiers after it.
TIERS = ("app", "app_pages", "ui", "devin_data")

# Inside devin_data: the units (folders, or modules at the top) each may import, besides itself
# and the base every unit may use. The base imports nothing else of devin_data.
BASE = frozenset({"config", "errors", "models", "clock_skew", "closing", "_gc"})
ALLOWED: dict[str, frozenset[str]] = {
    "__init__": frozenset({"api", "store", "sync", "connect", "frames", "analytics", "charts"}),
    "cli": frozenset(
        {
            *("services", "connect", "sync", "hints", "api", "store", "emulator"),
            *("frames", "analytics", "charts", "text"),
        }
    ),
    "services": frozenset(
        {"connect", "sync", "hints", "api", "store", "frames", "analytics", "query", "text"}
    ),
    "connect": frozenset({"api", "store", "emulator"}),
    "sync": frozenset({"api", "store"}),
    "api": frozenset(),
    "store": frozenset(),
    "emulator": frozenset(),
    "charts": frozenset({"analytics", "frames", "text"}),
    "query": frozenset({"analytics", "frames", "text"}),
    "analytics": frozenset({"frames", "text"}),
    "frames": frozenset(),
    "text": frozenset(),
    "hints": frozenset(),
    **{unit: frozenset() for unit in BASE},
}
NO_IO = frozenset({"frames", "analytics", "charts", "query", "text"})
IO_LIBRARIES = frozenset({"httpx", "diskcache", "sqlite3"})


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _files() -> Iterator[Path]:
    for name in SOURCES:
        path = ROOT / name
        yield from [path] if path.is_file() else sorted(path.rglob("*.py"))


def _resolve(name: str) -> str:
    """A dotted name as the module it loads: ``devin_data.api.http`` or the package itself."""
    parts = name.split(".")
    while parts:
        base = ROOT.joinpath(*parts)
        if base.with_suffix(".py").is_file() or (base / "__init__.py").is_file():
            return ".".join(parts)
        parts.pop()
    return name


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, wherever the statement is (functions and type checks too)."""
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(_resolve(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.update(_resolve(f"{base}.{alias.name}") for alias in node.names)
    return found


GRAPH = {_module(path): _imports(path) for path in _files()}


def _tier(module: str) -> str | None:
    top = module.split(".", maxsplit=1)[0]
    return top if top in TIERS else None


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_the_tiers_import_one_way() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        tier = _tier(module)
        for target in targets:
            other = _tier(target)
            if tier and other and TIERS.index(other) < TIERS.index(tier):
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_pages_and_ui_do_no_io_and_devin_data_no_streamlit() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        tops = {target.split(".")[0] for target in targets}
        if _tier(module) == "devin_data" and "streamlit" in tops:
            wrong.append(f"{module} -> streamlit")
        if _tier(module) != "devin_data" and tops & IO_LIBRARIES:
            wrong.append(f"{module} -> {sorted(tops & IO_LIBRARIES)}")
    assert wrong == []


def test_devin_data_imports_run_down_the_layers() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        if _tier(module) != "devin_data":
            continue
        unit = _unit(module)
        for target in targets:
            other = _unit(target)
            if _tier(target) != "devin_data" or other == unit:
                continue
            if other not in ALLOWED[unit] and (other not in BASE or unit in BASE):
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_frames_analytics_and_charts_do_no_io() -> None:
    wrong = [
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if _tier(module) == "devin_data" and _unit(module) in NO_IO
        for target in targets
        if target.split(".")[0] in IO_LIBRARIES
    ]
    assert wrong == []


def test_every_unit_has_a_rank() -> None:
    units = {_unit(module) for module in GRAPH if _tier(module) == "devin_data"}
    assert units <= set(ALLOWED)


def _cycle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
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


@pytest.mark.parametrize("tier", ["ui", "devin_data"])
def test_no_import_circles(tier: str) -> None:
    graph = {
        module: {t for t in targets if t in GRAPH and t != module}
        for module, targets in GRAPH.items()
        if _tier(module) == tier
    }
    circles = [cycle for module in graph if (cycle := _cycle_from(module, graph))]
    assert circles == []


def test_the_rule_sees_the_known_imports() -> None:
    """The reader works: it finds imports the rule depends on, at module and function level."""
    assert "devin_data.api.client" in GRAPH["devin_data.sync.entry"]
    assert "devin_data.cli.commands" in GRAPH["devin_data.cli.entry"]
    assert "streamlit" in GRAPH["ui.data.frames"]
