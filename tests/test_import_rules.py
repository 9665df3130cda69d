"""The import rule of the README, checked on the source: imports run one way, without circles.

``app.py`` → ``app_pages/`` → ``ui/`` → ``devin_data.services`` → the figures (the catalogue,
analytics, charts, frames, query, text) → the store, the API and the sync → the base (config,
errors, models). Inside ``devin_data`` a module imports only from its own folder, from the units
:data:`ALLOWED` names and from the base; the figures do no I/O; nothing in ``devin_data`` imports
streamlit; the screens import no client, store or sync module: they reach the data through the
services.
"""

from __future__ import annotations

import pytest
from source_graph import GRAPH, TIERS, cycle_from, tier_of, unit_of

# Inside devin_data: the units (folders, or modules at the top) each may import, besides itself
# and the base every unit may use. The base imports nothing else of devin_data.
BASE = frozenset({"config", "errors", "models", "clock_skew", "closing", "_gc"})
FIGURES = frozenset({"catalogue", "analytics", "charts", "frames", "query", "text"})
_DATA = ("connect", "sync", "hints", "api", "store")
ALLOWED: dict[str, frozenset[str]] = {
    "__init__": frozenset(
        {"api", "store", "sync", "connect", "services", "hints", "frames", "analytics", "charts"}
    ),
    "cli": frozenset(
        {"services", "connect", "sync", "hints", "api", "store", "emulator", *FIGURES}
    ),
    "services": frozenset({"connect", "sync", "hints", "api", "store", *FIGURES}),
    "connect": frozenset({"api", "store", "emulator"}),
    "sync": frozenset({"api", "store"}),
    "api": frozenset(),
    "store": frozenset(),
    "emulator": frozenset(),
    # The catalogue defines every measure once, over the analytics and the frames.
    "catalogue": frozenset({"analytics", "frames", "text"}),
    "charts": frozenset({"analytics", "frames", "text"}),
    "query": frozenset({"analytics", "frames", "text"}),
    "analytics": frozenset({"frames", "text"}),
    "frames": frozenset(),
    "text": frozenset(),
    "hints": frozenset(),
    **{unit: frozenset() for unit in BASE},
}
# What the screens (ui/ and app_pages/) may import of devin_data: the services, the figures and
# the vocabulary; never a client, a store, the sync or the wiring between them.
SCREENS_MAY_USE = frozenset({"services", *FIGURES, *BASE})
IO_LIBRARIES = frozenset({"httpx", "diskcache", "sqlite3", "sqlalchemy"})


def test_the_tiers_import_one_way() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        tier = tier_of(module)
        for target in targets:
            other = tier_of(target)
            if tier and other and TIERS.index(other) < TIERS.index(tier):
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_pages_and_ui_do_no_io_and_devin_data_no_streamlit() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        tops = {target.split(".")[0] for target in targets}
        if tier_of(module) == "devin_data" and "streamlit" in tops:
            wrong.append(f"{module} -> streamlit")
        if tier_of(module) in ("app", "app_pages", "ui") and tops & IO_LIBRARIES:
            wrong.append(f"{module} -> {sorted(tops & IO_LIBRARIES)}")
    assert wrong == []


def test_pages_and_ui_reach_the_data_only_through_the_services() -> None:
    wrong = [
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if tier_of(module) in ("app", "app_pages", "ui")
        for target in targets
        if tier_of(target) == "devin_data" and unit_of(target) not in SCREENS_MAY_USE
    ]
    assert wrong == []


def test_devin_data_imports_run_down_the_layers() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        if tier_of(module) != "devin_data":
            continue
        unit = unit_of(module)
        for target in targets:
            other = unit_of(target)
            if tier_of(target) != "devin_data" or other == unit:
                continue
            if other not in ALLOWED[unit] and (other not in BASE or unit in BASE):
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_the_figures_do_no_io() -> None:
    wrong = [
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if tier_of(module) == "devin_data" and unit_of(module) in FIGURES
        for target in targets
        if target.split(".")[0] in IO_LIBRARIES
    ]
    assert wrong == []


def test_only_the_services_combine_the_data_with_the_figures() -> None:
    """A module that reaches a client, a store or the sync does not also compute figures: the
    services alone (and the command line, through them) bring the two together."""
    data_side = {"api", "store", "sync", "connect"}
    wrong = []
    for module, targets in GRAPH.items():
        if tier_of(module) != "devin_data" or unit_of(module) in ("services", "cli", "__init__"):
            continue
        units = {unit_of(t) for t in targets if tier_of(t) == "devin_data"} - {unit_of(module)}
        if units & data_side and units & FIGURES:
            wrong.append(module)
    assert wrong == []


def test_every_unit_has_a_rank() -> None:
    units = {unit_of(module) for module in GRAPH if tier_of(module) == "devin_data"}
    assert units <= set(ALLOWED)


@pytest.mark.parametrize("top", ["app_pages", "ui", "devin_data", "benchmarks"])
def test_no_import_circles(top: str) -> None:
    graph = {
        module: {t for t in targets if t in GRAPH and t != module}
        for module, targets in GRAPH.items()
        if module.split(".")[0] == top
    }
    circles = [cycle for module in graph if (cycle := cycle_from(module, graph))]
    assert circles == []


def test_the_rule_sees_the_known_imports() -> None:
    """The reader works: it finds imports the rule depends on, at module and function level."""
    assert "devin_data.api.client" in GRAPH["devin_data.sync.entry"]
    assert "devin_data.cli.commands" in GRAPH["devin_data.cli.entry"]
    assert "streamlit" in GRAPH["ui.data.frames"]
    assert "devin_data.services.workspace" in GRAPH["ui.data.workspace"]
    assert "benchmarks.rows" in GRAPH["benchmarks.serving"]
