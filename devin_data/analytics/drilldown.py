"""Drill-downs: a click on an Insights bar, kept as the criterion that was clicked.

A drill-down narrows the sessions to those whose insights analysis holds an item with the clicked
key: an issue of a label and impact, an action item of a type, a language or a tool. It lives in
the URL as a plain list parameter (``issue=Testing:High``, ``language=Python``; see
:mod:`devin_data.query.drills`), so a reload applies exactly the same criterion to the same
cached analyses.

Keys are compared as the Insights charts show them (:func:`item_keys`), so the sessions a click
selects are the sessions the drill-down keeps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from devin_data.analytics.insights import tidy_issues
from devin_data.text.labels import label as readable

Key = tuple[str, ...]


@dataclass(frozen=True)
class Drill:
    """One kind of drill-down: its URL parameter, FilterSpec field and insights frame."""

    param: str
    attribute: str
    frame: str
    columns: tuple[str, ...]


DRILLS = (
    Drill("issue", "issues", "issues", ("label", "impact")),
    Drill("action", "actions", "action_items", ("type",)),
    Drill("language", "languages", "languages", ("language",)),
    Drill("tool", "tools", "tools", ("tool",)),
)
BY_ATTRIBUTE = {drill.attribute: drill for drill in DRILLS}


def item_keys(drill: Drill, items: pd.DataFrame) -> pd.DataFrame:
    """session_id and the key columns as the Insights charts word them (str, no missing keys)."""
    if drill.param == "issue":
        items = tidy_issues(items)
    keys = pd.DataFrame({"session_id": items["session_id"].astype("str")})
    for column in drill.columns:
        keys[column] = items[column].astype("str")
    return keys.dropna()


def _hits(drill: Drill, table: pd.DataFrame, keys: Sequence[Key]) -> pd.Series:
    if len(drill.columns) == 1:
        return table[drill.columns[0]].isin([key[0] for key in keys])
    index = pd.MultiIndex.from_frame(table[list(drill.columns)])
    return pd.Series(index.isin(list(keys)), index=table.index)


def matching_sessions(drill: Drill, keys: Sequence[Key], items: pd.DataFrame) -> set[str]:
    """Ids of the sessions with an item whose key is one of ``keys``."""
    table = item_keys(drill, items)
    return set(table.loc[_hits(drill, table, keys), "session_id"].unique())


def known_keys(drill: Drill, items: pd.DataFrame) -> set[Key]:
    """Every key the cached analyses hold for this kind."""
    table = item_keys(drill, items).drop_duplicates(list(drill.columns))
    return set(zip(*(table[column] for column in drill.columns), strict=True))


def key_text(drill: Drill, key: Key) -> str:
    """A key in words: ``Testing (High impact)``, ``Prompt improvement``, ``Python``."""
    if drill.param == "issue":
        return f"{key[0]} ({key[1]} impact)"
    return readable(key[0]) if drill.param == "action" else key[0]


_PHRASES = {
    "issue": "with an issue labelled",
    "action": "with an action item of type",
    "language": "using the language",
    "tool": "using the tool",
}


def value_text(attribute: str, value: object) -> str:
    """A filter value for a notice: drill-down keys in words, other values as they are."""
    drill = BY_ATTRIBUTE.get(attribute)
    return key_text(drill, value) if drill and isinstance(value, tuple) else str(value)


def describe(drill: Drill, keys: Sequence[Key]) -> str:
    """What a drill-down keeps, in words: ``Sessions using the language Python or Go``."""
    return f"Sessions {_PHRASES[drill.param]} " + " or ".join(key_text(drill, k) for k in keys)


def resolve(
    criteria: Mapping[str, Sequence[Key]], frames: Mapping[str, pd.DataFrame]
) -> frozenset[str]:
    """Sessions that meet every drill-down in ``criteria`` (FilterSpec field → keys)."""
    chosen: set[str] | None = None
    for attribute, keys in criteria.items():
        if keys:
            drill = BY_ATTRIBUTE[attribute]
            found = matching_sessions(drill, keys, frames[drill.frame])
            chosen = found if chosen is None else chosen & found
    return frozenset(chosen or ())
