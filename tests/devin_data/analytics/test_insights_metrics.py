"""Insights aggregates: analysed share, issues by label and impact, item counts, category × size."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from frame_fakes import frame, record

from devin_data.analytics import insights as insights_metrics
from devin_data.frames.insights import (
    build_action_items_frame,
    build_issues_frame,
    build_languages_frame,
)

ANALYSES: dict[str, Any] = {
    "devin-a": {
        "issues": [
            {"id": "1", "issue": "Tests were flaky", "impact": "high", "label": "Testing"},
            {"id": "2", "issue": "Slow suite", "impact": "Low", "label": "Testing"},
        ],
        "action_items": [
            {"action_item": "Add a note", "type": "knowledge"},
            {"action_item": "Pin the runner", "type": "machine_setup"},
            {"action_item": "Another note", "type": "knowledge"},
        ],
        "classification": {
            "category": "bug_fixing",
            "confidence": 0.9,
            "programming_languages": ["Python", "Go"],
        },
    },
    "devin-b": {
        "issues": [
            {"issue": "No access to staging", "impact": "High", "label": "Environment"},
            {"issue": "Retry loop", "impact": " High ", "label": "Testing"},
            {"issue": "Unclear", "impact": None, "label": None},
        ],
        "action_items": [{"action_item": "Document staging", "type": "knowledge"}],
        "classification": {
            "category": "other",
            "confidence": 0.4,
            "programming_languages": ["Python"],
        },
    },
    "devin-c": None,
}


def test_analysed_share() -> None:
    sessions = frame([record("a"), record("b"), record("c")]).assign(
        has_analysis=[True, False, True]
    )
    assert insights_metrics.analysed_share(sessions) == (2, 3)
    assert insights_metrics.analysed_share(frame([])) == (0, 0)


def test_tidy_issues_words_labels_and_impacts_alike() -> None:
    tidy = insights_metrics.tidy_issues(build_issues_frame(ANALYSES))
    assert tidy["label"].to_list() == ["Testing", "Testing", "Environment", "Testing", "Unlabelled"]
    assert tidy["impact"].astype("str").to_list() == ["High", "Low", "High", "High", "Unknown"]
    assert tidy["impact"].cat.categories.to_list() == ["High", "Medium", "Low", "Unknown"]


def test_issue_impacts_counts_issues_and_sessions_busiest_label_first() -> None:
    counted = insights_metrics.issue_impacts(build_issues_frame(ANALYSES))
    expected = pd.DataFrame(
        {
            "label": pd.Series(["Testing", "Testing", "Environment", "Unlabelled"], dtype="str"),
            "impact": pd.Categorical(
                ["High", "Low", "High", "Unknown"],
                categories=["High", "Low", "Unknown"],
                ordered=True,
            ),
            "issues": np.array([2, 1, 1, 1], dtype="int64"),
            "sessions": np.array([2, 1, 1, 1], dtype="int64"),
        }
    )
    pd.testing.assert_frame_equal(counted, expected)
    assert insights_metrics.issue_impacts(build_issues_frame({})).empty


def test_item_counts_count_items_and_distinct_sessions() -> None:
    counted = insights_metrics.item_counts(build_action_items_frame(ANALYSES), "type", 2)
    expected = pd.DataFrame(
        {
            "value": pd.Series(["knowledge", "machine_setup"], dtype="str"),
            "items": np.array([3, 1], dtype="int64"),
            "sessions": np.array([2, 1], dtype="int64"),
            "share": [1.0, 0.5],
        }
    )
    pd.testing.assert_frame_equal(counted, expected)
    languages = insights_metrics.item_counts(build_languages_frame(ANALYSES), "language", 4)
    assert languages["value"].to_list() == ["Python", "Go"]
    assert languages["share"].to_list() == [0.5, 0.25]
    empty = insights_metrics.item_counts(build_languages_frame({}), "language", 0)
    assert empty.empty
    assert list(empty.columns) == ["value", "items", "sessions", "share"]


def test_item_counts_count_items_without_a_session_but_not_as_sessions() -> None:
    items = pd.DataFrame(
        {
            "session_id": pd.Series(["devin-a", None, "devin-a", "devin-b"], dtype="str"),
            "tool": pd.Series(["pytest", "pytest", "pytest", None], dtype="str"),
        }
    )
    counted = insights_metrics.item_counts(items, "tool", 2)
    assert counted.to_dict("list") == {
        "value": ["pytest"],
        "items": [3],
        "sessions": [1],
        "share": [0.5],
    }


def test_item_counts_leave_out_categories_no_item_has() -> None:
    items = build_action_items_frame(ANALYSES)
    assert len(items["type"].cat.categories) > 2
    counted = insights_metrics.item_counts(items, "type", 2)
    assert counted["value"].to_list() == ["knowledge", "machine_setup"]


def test_issue_impacts_of_tidied_issues_are_the_same() -> None:
    issues = build_issues_frame(ANALYSES)
    tidy = insights_metrics.tidy_issues(issues)
    pd.testing.assert_frame_equal(insights_metrics.tidy_issues(tidy), tidy)
    pd.testing.assert_frame_equal(
        insights_metrics.issue_impacts(tidy), insights_metrics.issue_impacts(issues)
    )


def test_category_by_size_keeps_size_order() -> None:
    sessions = frame(
        [
            record("a", category="bug_fixing", session_size="xl"),
            record("b", category="bug_fixing", session_size="xs"),
            record("c", category="bug_fixing", session_size="xs"),
            record("d", category="security", session_size="m"),
            record("e", category=None, session_size="m"),
        ]
    )
    mix = insights_metrics.category_by_size(sessions)
    assert mix["category"].astype("str").to_list() == ["bug_fixing", "bug_fixing", "security"]
    assert mix["session_size"].astype("str").to_list() == ["xs", "xl", "m"]
    assert mix["sessions"].to_list() == [2, 1, 1]
    assert mix["session_size"].cat.categories.to_list() == ["xs", "m", "xl"]
    assert mix["session_size"].cat.ordered
