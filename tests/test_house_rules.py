"""The house rules beside the imports, checked on the source with ``ast``: Streamlit's caches live
in ``ui/data`` alone, the sync state is read typed outside the store, no module passes 300 lines,
and the README's layout names every folder there is."""

from __future__ import annotations

import ast
from pathlib import Path

from source_graph import ROOT, files, module_of

CACHES = frozenset({"cache_data", "cache_resource"})
RAW_STATE = frozenset({"meta", "update_meta"})  # the store's JSON of the sync state
MAX_LINES = 300


def _trees() -> dict[str, ast.AST]:
    return {module_of(path): ast.parse(path.read_text(), str(path)) for path in files()}


TREES = _trees()


def _attributes(tree: ast.AST, names: frozenset[str]) -> list[str]:
    return [
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in names
    ]


def test_streamlit_caches_only_in_ui_data() -> None:
    found = {module: _attributes(tree, CACHES) for module, tree in TREES.items()}
    wrong = [m for m, uses in found.items() if uses and not m.startswith("ui.data.")]
    assert wrong == []
    assert found["ui.data.frames"], "the reader finds the caches where they are"


def test_the_sync_state_is_read_typed_outside_the_store() -> None:
    found = {module: _attributes(tree, RAW_STATE) for module, tree in TREES.items()}
    wrong = [m for m, uses in found.items() if uses and not m.startswith("devin_data.store")]
    assert wrong == []
    assert found["devin_data.store.base"], "the reader finds the raw state where it is"


def test_no_module_passes_three_hundred_lines() -> None:
    tests = sorted((ROOT / "tests").rglob("*.py"))
    long = {
        str(path.relative_to(ROOT)): count
        for path in [*files(), *tests]
        if (count := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def _layout() -> str:
    readme = (ROOT / "README.md").read_text()
    start = readme.index("## How the code is organised")
    return readme[start : readme.index("\n## ", start + 1)]


def test_the_readme_layout_names_every_folder() -> None:
    layout = _layout()
    folders = {
        str(path.parent.relative_to(ROOT))
        for path in files()
        if path.name == "__init__.py" and "migrations" not in path.parts
    }
    missing = sorted(folder for folder in folders if f"{Path(folder).name}/" not in layout)
    assert missing == []


# Pages and ui/ render figures; they do not compute them. These calls aggregate a frame.
AGGREGATIONS = frozenset(
    {
        "groupby",
        "sum",
        "mean",
        "median",
        "value_counts",
        "agg",
        "aggregate",
        "pivot_table",
        "pivot",
        "count",
        "nunique",
        "resample",
    }
)
# (module, the call as written): each a count that is not of a frame, kept tiny.
NOT_FRAMES = frozenset(
    {
        # The store's count of cached sessions, said on the sync panel and the Data page.
        ("ui.shell.sync_panel", "workspace(settings).count()"),
        ("app_pages.data", "cache.count()"),
    }
)


def _aggregations(module: str, tree: ast.AST) -> list[str]:
    return [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in AGGREGATIONS
        and (module, ast.unparse(node)) not in NOT_FRAMES
    ]


def test_pages_and_ui_do_not_aggregate_frames() -> None:
    """Figures come from the catalogue or the analytics: a page or a ui module that sums, groups
    or counts a frame computes a figure of its own, and two pages then disagree."""
    screens = {m: t for m, t in TREES.items() if m.split(".")[0] in ("ui", "app_pages", "app")}
    found = {
        module: calls for module, tree in screens.items() if (calls := _aggregations(module, tree))
    }
    assert found == {}
    tree = ast.parse("frame.groupby('a')['b'].sum()\nlen(x)")
    assert _aggregations("ui.x", tree) == ["frame.groupby('a')['b'].sum()", "frame.groupby('a')"]
    assert all(any(m == module for m in screens) for module, _ in NOT_FRAMES)


def _tables_without_placeholder(tree: ast.AST) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "dataframe"
        and not any(keyword.arg == "placeholder" for keyword in node.keywords)
    ]


def test_every_table_writes_one_blank() -> None:
    """A missing value reads "—" in every table (Streamlit would draw "None" in the grid)."""
    screens = {m: t for m, t in TREES.items() if m.split(".")[0] in ("ui", "app_pages", "app")}
    found = {m: lines for m, t in screens.items() if (lines := _tables_without_placeholder(t))}
    assert found == {}
    assert _tables_without_placeholder(ast.parse("st.dataframe(frame, hide_index=True)")) == [1]
