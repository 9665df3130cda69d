"""Every page's time series carries its partial periods: hatched bars or hollow points, a hover
note and a caption, with the first point never before the range (the demo at FROZEN_NOW, a
Saturday at 21:45 UTC; the default 30 days run from Friday 13 Feb)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
from apptest_helpers import run_page
from streamlit.testing.v1 import AppTest

from devin_data.charts.partial import PARTIAL_LEGEND, PARTIAL_LINE_LEGEND

CAPTION = "are partial: the selected range (or the time so far) covers only part of that"


def _figure(app: AppTest, key: str) -> dict[str, Any]:
    (chart,) = [c for c in app.get("plotly_chart") if c.proto.id and key in c.proto.id]
    spec: dict[str, Any] = json.loads(chart.proto.spec)
    return spec


def _hatched(trace: dict[str, Any]) -> list[bool]:
    shapes = trace["marker"].get("pattern", {}).get("shape", [""] * len(trace["x"]))
    return [shape == "/" for shape in shapes]


def _captions(app: AppTest) -> str:
    return " ".join(caption.value for caption in app.caption)


def test_people_active_users_start_at_the_range_and_mark_cut_weeks(demo_environment: Path) -> None:
    app = run_page("app_pages/people.py")
    assert not app.exception, app.exception
    figure = _figure(app, "people_active_users")
    dashed, solid = figure["data"]
    assert dashed["name"] == PARTIAL_LINE_LEGEND
    days = [pd.Timestamp(x) for x in solid["x"]]
    assert days[0] == pd.Timestamp("2026-02-13")  # not Monday 9 Feb, before the range
    assert solid["marker"]["symbol"][0] == solid["marker"]["symbol"][-1] == "circle-open"
    assert solid["hovertext"][0] == "<br>partial: 3 of 7 days"
    assert solid["hovertext"][-1] == "<br>partial: 5.9 of 7 days"
    assert "Hollow points on a dashed line " + CAPTION + " week" in _captions(app)


def test_insight_coverage_hatches_its_cut_weeks(demo_environment: Path) -> None:
    app = run_page("app_pages/insights.py")
    assert not app.exception, app.exception
    figure = _figure(app, "insights-coverage")
    bars = [t for t in figure["data"] if t["name"] != PARTIAL_LEGEND]
    for trace in bars:
        cut = _hatched(trace)
        assert cut[0]  # the week of 9 Feb: 3 of its days are in the range
        assert cut[-1]  # the week under way
        assert not any(cut[1:-1])
        assert trace["hovertext"][0] == "<br>partial: 3 of 7 days"
    assert "Hatched bars " + CAPTION + " week" in _captions(app)


def test_timelines_outcomes_mark_the_day_under_way(demo_environment: Path) -> None:
    app = run_page("app_pages/timelines.py")
    assert not app.exception, app.exception
    figure = _figure(app, "timeline-outcomes")
    today = pd.Timestamp("2026-03-14")
    notes = [
        note
        for trace in figure["data"]
        if trace["type"] == "bar" and trace["name"] != PARTIAL_LEGEND
        for x, note in zip(trace["x"], trace["hovertext"], strict=True)
        if pd.Timestamp(x) == today
    ]
    assert notes
    assert set(notes) == {"<br>partial: 21.8 of 24 hours"}
    assert any(t["name"] == PARTIAL_LEGEND for t in figure["data"])


def test_spend_hatches_the_billing_day_under_way(demo_environment: Path) -> None:
    app = run_page("app_pages/spend.py")
    assert not app.exception, app.exception
    figure = _figure(app, "spend_daily")
    bars = [t for t in figure["data"] if t["type"] == "bar" and t["name"] != PARTIAL_LEGEND]
    assert bars
    for trace in bars:
        assert _hatched(trace)[-1]
        assert trace["hovertext"][-1] == "<br>partial: 13.8 of 24 hours"
    assert "Hatched bars " + CAPTION + " billing day" in _captions(app)
    assert any(c.startswith("The forecast rests on ") for c in (x.value for x in app.caption))
