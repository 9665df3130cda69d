"""Drill-downs: the clicked keys, the sessions they keep, and how they read."""

from __future__ import annotations

import pandas as pd

from devin_data.analytics import drilldown
from devin_data.analytics import insights as insights_metrics
from devin_data.analytics.drilldown import BY_ATTRIBUTE
from devin_data.frames.insights import build_action_items_frame, build_issues_frame
from devin_data.query import drills

ANALYSES = {
    "devin-a": {
        "issues": [
            {"id": "1", "issue": "x", "impact": "high", "label": " Testing "},
            {"id": "2", "issue": "y", "impact": None, "label": None},
        ],
        "action_items": [{"issue_id": "1", "type": "machine_setup", "action_item": "z"}],
    },
    "devin-b": {
        "issues": [{"id": "1", "issue": "x", "impact": "High", "label": "Testing"}],
        "action_items": [{"issue_id": "1", "type": "a_type_from_tomorrow", "action_item": "z"}],
    },
    "devin-c": {
        "issues": [{"id": "1", "issue": "x", "impact": "Low", "label": "Testing"}],
        "action_items": [],
    },
}
ISSUES = build_issues_frame(ANALYSES)
ACTIONS = build_action_items_frame(ANALYSES)
ISSUE, ACTION = BY_ATTRIBUTE["issues"], BY_ATTRIBUTE["actions"]


def test_issue_keys_are_worded_as_the_chart_words_them() -> None:
    bars = insights_metrics.issue_impacts(ISSUES)
    chart_keys = set(zip(bars["label"], bars["impact"].astype(str), strict=True))
    assert drilldown.known_keys(ISSUE, ISSUES) == chart_keys
    assert chart_keys == {("Testing", "High"), ("Testing", "Low"), ("Unlabelled", "Unknown")}


def test_matching_sessions_have_an_item_with_a_clicked_key() -> None:
    assert drilldown.matching_sessions(ISSUE, [("Testing", "High")], ISSUES) == {
        "devin-a",
        "devin-b",
    }
    assert drilldown.matching_sessions(ISSUE, [("Unlabelled", "Unknown")], ISSUES) == {"devin-a"}
    assert drilldown.matching_sessions(ACTION, [("a_type_from_tomorrow",)], ACTIONS) == {"devin-b"}
    assert drilldown.matching_sessions(ISSUE, [("Testing", "Medium")], ISSUES) == set()


def test_several_drill_downs_keep_the_sessions_meeting_all_of_them() -> None:
    frames = {"issues": ISSUES, "action_items": ACTIONS}
    criteria = {"issues": (("Testing", "High"),), "actions": (("machine_setup",),)}
    assert drilldown.resolve(criteria, frames) == {"devin-a"}
    either = {"issues": (("Testing", "High"), ("Testing", "Low"))}
    assert drilldown.resolve(either, frames) == {"devin-a", "devin-b", "devin-c"}


def test_a_drill_down_reads_as_words() -> None:
    assert (
        drilldown.describe(ISSUE, [("Testing", "High"), ("Environment", "Low")])
        == "Sessions with an issue labelled Testing (High impact) or Environment (Low impact)"
    )
    assert (
        drilldown.describe(ACTION, [("machine_setup",)])
        == "Sessions with an action item of type Machine setup"
    )
    assert (
        drilldown.describe(BY_ATTRIBUTE["languages"], [("Python",)])
        == "Sessions using the language Python"
    )


def test_escaped_values_split_only_on_bare_separators() -> None:
    text = ",".join(drills.encode_key(key) for key in [("a,b: c", "High"), ("d\\", "Low")])
    assert text == "a\\,b\\: c:High,d\\\\:Low"
    parts = drills.split_escaped(text, ",")
    assert [drills.decode_key(ISSUE, part) for part in parts] == [
        ("a,b: c", "High"),
        ("d\\", "Low"),
    ]
    assert drills.decode_key(ISSUE, "no impact") is None
    assert drills.decode_key(ISSUE, "a:b:c") is None


def test_a_url_of_a_drill_down_stays_short_whatever_it_matches() -> None:
    many = pd.DataFrame(
        {"session_id": [f"devin-{n:032x}" for n in range(5000)], "language": "Python"}
    )
    params = drills.to_params({"languages": (("Python",),)})
    assert params == {"language": "Python"}
    found = drilldown.resolve({"languages": (("Python",),)}, {"languages": many})
    assert len(found) == 5000
