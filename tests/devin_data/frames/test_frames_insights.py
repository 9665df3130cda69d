"""Long frames from analyses: one row per item, typed, empty when nothing is there."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from devin_data.frames.insights import (
    build_action_items_frame,
    build_classification_frame,
    build_issues_frame,
    build_languages_frame,
    build_timeline_frame,
    build_tools_frame,
)
from devin_data.models import ACTION_ITEM_TYPES, CATEGORIES, Analysis

ANALYSIS_A = Analysis.model_validate(
    {
        "classification": {
            "category": "bug_fixing",
            "confidence": 0.92,
            "programming_languages": ["TypeScript", " TypeScript ", "Python"],
            "tools_and_frameworks": ["React", "Jest"],
        },
        "issues": [
            {"id": "issue_1", "issue": "DB not seeded", "impact": "Medium", "label": "Environment"},
            {"issue": "Slow CI"},
        ],
        "action_items": [
            {"issue_id": "issue_1", "type": "machine_setup", "action_item": "Seed the DB"},
            {"type": "telepathy", "action_item": "Guess better"},
        ],
        "timeline": [
            {"title": "Reproduced", "description": "Ran it", "color": "green"},
            {"title": "Blocked", "description": "DB", "color": "orange", "issue_id": "issue_1"},
        ],
    }
).model_dump(mode="json")
ANALYSIS_B = {"classification": {"category": "astrology", "confidence": None}, "issues": []}
ANALYSES: dict[str, dict[str, Any] | None] = {
    "devin-a": ANALYSIS_A,
    "devin-b": ANALYSIS_B,
    "devin-c": None,
}


def _str(*values: str | None) -> pd.Series:
    return pd.Series(list(values), dtype="str")


def test_issues_frame() -> None:
    expected = pd.DataFrame(
        {
            "session_id": _str("devin-a", "devin-a"),
            "issue_id": _str("issue_1", None),
            "issue": _str("DB not seeded", "Slow CI"),
            "impact": _str("Medium", None),
            "label": _str("Environment", None),
        }
    )
    pd.testing.assert_frame_equal(build_issues_frame(ANALYSES), expected)


def test_action_items_frame_appends_unknown_types() -> None:
    kinds = pd.CategoricalDtype([*ACTION_ITEM_TYPES, "telepathy"])
    expected = pd.DataFrame(
        {
            "session_id": _str("devin-a", "devin-a"),
            "issue_id": _str("issue_1", None),
            "type": pd.Categorical(["machine_setup", "telepathy"], dtype=kinds),
            "action_item": _str("Seed the DB", "Guess better"),
        }
    )
    pd.testing.assert_frame_equal(build_action_items_frame(ANALYSES), expected)


def test_timeline_frame_keeps_event_order() -> None:
    expected = pd.DataFrame(
        {
            "session_id": _str("devin-a", "devin-a"),
            "position": np.array([0, 1], dtype="int64"),
            "title": _str("Reproduced", "Blocked"),
            "description": _str("Ran it", "DB"),
            "color": _str("green", "orange"),
            "issue_id": _str(None, "issue_1"),
        }
    )
    pd.testing.assert_frame_equal(build_timeline_frame(ANALYSES), expected)


def test_languages_are_stripped_and_deduplicated_per_session() -> None:
    expected = pd.DataFrame(
        {"session_id": _str("devin-a", "devin-a"), "language": _str("TypeScript", "Python")}
    )
    pd.testing.assert_frame_equal(build_languages_frame(ANALYSES), expected)


def test_tools_frame() -> None:
    expected = pd.DataFrame(
        {"session_id": _str("devin-a", "devin-a"), "tool": _str("React", "Jest")}
    )
    pd.testing.assert_frame_equal(build_tools_frame(ANALYSES), expected)


def test_classification_frame_with_unknown_category_and_missing_confidence() -> None:
    expected = pd.DataFrame(
        {
            "session_id": _str("devin-a", "devin-b"),
            "category": pd.Categorical(
                ["bug_fixing", "astrology"], dtype=pd.CategoricalDtype([*CATEGORIES, "astrology"])
            ),
            "confidence": [0.92, np.nan],
        }
    )
    pd.testing.assert_frame_equal(build_classification_frame(ANALYSES), expected)


@pytest.mark.parametrize(
    ("builder", "columns"),
    [
        (build_issues_frame, ["session_id", "issue_id", "issue", "impact", "label"]),
        (build_action_items_frame, ["session_id", "issue_id", "type", "action_item"]),
        (
            build_timeline_frame,
            ["session_id", "position", "title", "description", "color", "issue_id"],
        ),
        (build_languages_frame, ["session_id", "language"]),
        (build_tools_frame, ["session_id", "tool"]),
        (build_classification_frame, ["session_id", "category", "confidence"]),
    ],
)
@pytest.mark.parametrize("analyses", [{}, {"devin-x": None}])
def test_empty_analyses_give_typed_empty_frames(builder, columns, analyses) -> None:
    empty = builder(analyses)
    full = builder(ANALYSES)
    assert list(empty.columns) == columns
    assert empty.empty
    # Dtype names only: the full frame's categories also hold the unknown values it saw.
    assert empty.dtypes.astype(str).to_list() == full.dtypes.astype(str).to_list()
