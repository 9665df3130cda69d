"""The Insights page on the demo org: share analysed, coverage by week and generating what is
missing, seven clickable charts, empty states."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from apptest_helpers import expected_sessions, run_page
from streamlit.testing.v1 import AppTest

from devin_data.config import Settings
from devin_data.connect import store_for

PAGE = "app_pages/insights.py"


def _figures(app: AppTest) -> list[dict[str, Any]]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _total(figure: dict[str, Any], axis: str = "y") -> float:
    return sum(sum(trace[axis]) for trace in figure["data"])


def test_insights_show_the_share_analysed_coverage_and_seven_charts(demo_environment: Path) -> None:
    app = run_page(PAGE)
    assert not app.exception, app.exception
    sessions = expected_sessions()
    analysed = int(sessions["has_analysis"].sum())
    assert 0 < analysed < len(sessions)
    (metric,) = app.metric
    assert metric.label == "Sessions with insights"
    # The format of the Overview card of the same share.
    assert metric.value == f"{analysed:,} of {len(sessions):,} ({analysed / len(sessions):.1%})"
    coverage, *charts = app.get("plotly_chart")
    assert not coverage.proto.selection_mode  # the coverage chart is read, not clicked
    assert len(charts) == 7
    assert all(chart.proto.selection_mode for chart in charts)  # every bar can be clicked


def test_chart_totals_match_the_cached_analyses(demo_environment: Path) -> None:
    app = run_page(PAGE)
    sessions = expected_sessions()
    analyses = store_for(Settings.load(os.environ)).analyses()
    in_view = [analyses[sid] for sid in sessions["session_id"] if analyses.get(sid)]
    _, issues, actions, languages, tools, mix, acus_category, acus_origin = _figures(app)
    assert _total(issues) == sum(len(a.get("issues") or []) for a in in_view)
    assert {trace["name"] for trace in issues["data"]} <= {"High", "Medium", "Low"}
    typed = {item.get("type") for a in in_view for item in a.get("action_items") or []}
    assert set(actions["data"][0]["x"]) == typed
    assert len(languages["data"][0]["y"]) <= 15
    assert len(tools["data"][0]["y"]) <= 15
    assert languages["data"][0]["orientation"] == tools["data"][0]["orientation"] == "h"
    sized = sessions["category"].notna() & sessions["session_size"].notna()
    assert _total(mix) == sized.sum()
    categorised = sessions.loc[sessions["category"].notna(), "acus_consumed"].sum()
    assert abs(_total(acus_category) - categorised) < 1e-6
    from_origin = sessions.loc[sessions["origin"].notna(), "acus_consumed"].sum()
    assert abs(_total(acus_origin) - from_origin) < 1e-6


def test_no_matching_session_shows_empty_states(demo_environment: Path) -> None:
    app = run_page(PAGE, q="zzzz-no-match")
    assert not app.exception
    assert not app.get("plotly_chart")
    assert app.metric[0].value == "0 of 0"
    infos = [info.value for info in app.main.info]
    assert (
        infos
        == ["No ended session matches these filters."] + ["No sessions match these filters."] * 7
    )


def test_sessions_without_analysis_show_why_the_insight_charts_are_empty(
    demo_environment: Path,
) -> None:
    app = run_page(PAGE, status="running")
    assert not app.exception
    sessions = expected_sessions(status="running")
    assert len(sessions) > 0
    assert not sessions["has_analysis"].any()
    assert app.metric[0].value == f"0 of {len(sessions):,} (0.0%)"
    no_analysis = "None of the matching sessions has an insights analysis yet."
    no_ended = "No ended session matches these filters."
    assert [info.value for info in app.main.info] == [no_ended] + [no_analysis] * 4
    assert len(app.get("plotly_chart")) == 3  # category × size and ACUs need no analysis
