"""Long frames from insights analyses: issues, action items, timeline, languages, tools, categories.

Every builder takes ``{session_id: Session.analysis_record()}`` (a None analysis is skipped) and
returns one row per item, in the order the analyses and their items come. Text columns are pandas
"str" with NA for missing values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from devin_data.frames.columns import enum_categorical, str_series
from devin_data.models import ACTION_ITEM_TYPES, CATEGORIES

Analyses = Mapping[str, Mapping[str, Any] | None]


def _items(analyses: Analyses, key: str) -> Iterator[tuple[str, int, Mapping[str, Any]]]:
    """(session_id, position, item) for every item of list ``key`` in every analysis."""
    for session_id, analysis in analyses.items():
        for position, item in enumerate((analysis or {}).get(key) or ()):
            if isinstance(item, Mapping):
                yield session_id, position, item


def _text_frame(rows: list[tuple[Any, ...]], columns: tuple[str, ...]) -> pd.DataFrame:
    """A frame of "str" columns from row tuples (empty rows still give typed columns)."""
    return pd.DataFrame(
        {name: str_series([row[i] for row in rows]) for i, name in enumerate(columns)}
    )


def build_issues_frame(analyses: Analyses) -> pd.DataFrame:
    """One row per issue found by the analysis.

    ==========  =================  ===============================================
    column      dtype              meaning
    ==========  =================  ===============================================
    session_id  str                session the issue belongs to
    issue_id    str (NA allowed)   id that action items and timeline events cite
    issue       str                what went wrong
    impact      str (NA allowed)   impact as worded by the analysis ("High", …)
    label       str (NA allowed)   label as worded by the analysis ("Testing", …)
    ==========  =================  ===============================================
    """
    rows = [
        (sid, item.get("id"), item.get("issue"), item.get("impact"), item.get("label"))
        for sid, _, item in _items(analyses, "issues")
    ]
    return _text_frame(rows, ("session_id", "issue_id", "issue", "impact", "label"))


def build_action_items_frame(analyses: Analyses) -> pd.DataFrame:
    """One row per suggested action item.

    ===========  =================  ==============================================
    column       dtype              meaning
    ===========  =================  ==============================================
    session_id   str                session the item belongs to
    issue_id     str (NA allowed)   issue the item addresses
    type         category           models.ACTION_ITEM_TYPES first, unknowns after
    action_item  str                what to do
    ===========  =================  ==============================================
    """
    items = [(sid, item) for sid, _, item in _items(analyses, "action_items")]
    frame = _text_frame(
        [(sid, item.get("issue_id"), item.get("action_item")) for sid, item in items],
        ("session_id", "issue_id", "action_item"),
    )
    kinds = enum_categorical([item.get("type") for _, item in items], ACTION_ITEM_TYPES)
    frame.insert(2, "type", pd.Series(kinds))
    return frame


def build_timeline_frame(analyses: Analyses) -> pd.DataFrame:
    """One row per timeline event (events have no timestamps, only an order).

    ===========  =================  =============================================
    column       dtype              meaning
    ===========  =================  =============================================
    session_id   str                session the event belongs to
    position     int64              0-based order of the event in its session
    title        str                short title
    description  str (NA allowed)   what happened
    color        str (NA allowed)   color hint from the analysis ("green", …)
    issue_id     str (NA allowed)   issue the event relates to
    ===========  =================  =============================================
    """
    events = list(_items(analyses, "timeline"))
    rows = [
        (sid, e.get("title"), e.get("description"), e.get("color"), e.get("issue_id"))
        for sid, _, e in events
    ]
    frame = _text_frame(rows, ("session_id", "title", "description", "color", "issue_id"))
    frame.insert(1, "position", np.array([pos for _, pos, _ in events], dtype="int64"))
    return frame


def _classifications(analyses: Analyses) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for session_id, analysis in analyses.items():
        classification = (analysis or {}).get("classification")
        if isinstance(classification, Mapping):
            yield session_id, classification


def _named(analyses: Analyses, key: str, column: str) -> pd.DataFrame:
    """Session × name pairs from a classification list, stripped and de-duplicated per session."""
    rows: list[tuple[str, str]] = []
    for session_id, classification in _classifications(analyses):
        names = (str(name).strip() for name in classification.get(key) or ())
        rows.extend((session_id, name) for name in dict.fromkeys(names) if name)
    return _text_frame(rows, ("session_id", column))


def build_languages_frame(analyses: Analyses) -> pd.DataFrame:
    """One row per (session, programming language): columns session_id (str), language (str)."""
    return _named(analyses, "programming_languages", "language")


def build_tools_frame(analyses: Analyses) -> pd.DataFrame:
    """One row per (session, tool or framework): columns session_id (str), tool (str)."""
    return _named(analyses, "tools_and_frameworks", "tool")


def build_classification_frame(analyses: Analyses) -> pd.DataFrame:
    """One row per classified session.

    ==========  ========  ===================================================
    column      dtype     meaning
    ==========  ========  ===================================================
    session_id  str       classified session
    category    category  models.CATEGORIES first, unknowns appended; NA allowed
    confidence  float64   classifier confidence (NaN when missing)
    ==========  ========  ===================================================
    """
    pairs = list(_classifications(analyses))
    return pd.DataFrame(
        {
            "session_id": str_series([sid for sid, _ in pairs]),
            "category": enum_categorical([c.get("category") for _, c in pairs], CATEGORIES),
            "confidence": np.array([c.get("confidence") for _, c in pairs], dtype="float64"),
        }
    )


INSIGHT_FRAMES: dict[str, Callable[[Analyses], pd.DataFrame]] = {
    "issues": build_issues_frame,
    "action_items": build_action_items_frame,
    "timeline": build_timeline_frame,
    "languages": build_languages_frame,
    "tools": build_tools_frame,
    "classification": build_classification_frame,
}
_KNOWN = {"type": ACTION_ITEM_TYPES, "category": CATEGORIES}


def build_insight_frames(chunks: Iterable[Analyses]) -> dict[str, pd.DataFrame]:
    """Every frame of :data:`INSIGHT_FRAMES` from analyses read chunk by chunk, so they are
    never all in memory at once; the same frames as the builders give for all of them."""
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in INSIGHT_FRAMES}
    for chunk in chunks:
        for name, build in INSIGHT_FRAMES.items():
            parts[name].append(build(chunk))
    return {name: _concat(parts[name], INSIGHT_FRAMES[name]) for name in INSIGHT_FRAMES}


def _concat(parts: list[pd.DataFrame], build: Callable[[Analyses], pd.DataFrame]) -> pd.DataFrame:
    if len(parts) < 2:
        return parts[0] if parts else build({})
    frame = pd.concat(parts, ignore_index=True)
    for column, known in _KNOWN.items():  # chunks with other unknown values lose the category
        if column in frame and not isinstance(frame[column].dtype, pd.CategoricalDtype):
            values = frame[column].astype(object)
            frame[column] = enum_categorical(values.where(values.notna(), None).tolist(), known)
    return frame
