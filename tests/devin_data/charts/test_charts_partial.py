"""Sessions per period: a week the range cuts is drawn as partial, not as a drop in usage."""

from __future__ import annotations

import numpy as np
import pandas as pd

from devin_data.charts import STATUS_COLORS, stacked_over_time
from devin_data.charts.partial import PARTIAL_LEGEND

SHARES = np.array([2 / 7] * 2 + [1.0] * 2 + [3 / 7] * 2)
PER_WEEK = pd.DataFrame(
    {
        "period": pd.to_datetime(["2026-01-05"] * 2 + ["2026-01-12"] * 2 + ["2026-01-19"] * 2),
        "status": pd.Categorical(["exit", "error"] * 3),
        "sessions": np.array([20, 2, 70, 5, 9, 1], dtype="int64"),
        "in_range": SHARES,
        "partial": SHARES < 1,
    }
)


def test_partial_weeks_are_hatched_paler_and_explained_on_hover() -> None:
    figure = stacked_over_time(PER_WEEK, "period", "status", "sessions", STATUS_COLORS, unit="W")
    bars = [trace for trace in figure.data if trace.name != PARTIAL_LEGEND]
    assert [t.name for t in bars] == ["Error", "Exit"]
    for trace in bars:
        assert list(trace.marker.pattern.shape) == ["/", "", "/"]
        assert list(trace.marker.opacity) == [0.55, 1.0, 0.55]
        assert list(trace.hovertext) == [
            "<br>partial: 2 of 7 days",
            "",
            "<br>partial: 3 of 7 days",
        ]
        assert "%{hovertext}" in trace.hovertemplate
    assert list(bars[1].y) == [20, 70, 9]
    legend = [trace for trace in figure.data if trace.name == PARTIAL_LEGEND]
    assert len(legend) == 1
    assert legend[0].marker.pattern.shape == "/"


def test_without_partial_marks_no_bar_is_partial() -> None:
    figure = stacked_over_time(
        PER_WEEK.drop(columns=["in_range", "partial"]), "period", "status", "sessions"
    )
    assert len(figure.data) == 2
    assert all(trace.marker.pattern.shape is None for trace in figure.data)


def test_a_day_under_way_reads_in_hours() -> None:
    share = np.array([1.0, 1.0, 1.0, 1.0, 0.5, 0.5])
    today = PER_WEEK.assign(in_range=share, partial=share < 1)
    figure = stacked_over_time(today, "period", "status", "sessions", unit="D")
    bars = [trace for trace in figure.data if trace.name != PARTIAL_LEGEND]
    assert [list(t.hovertext) for t in bars] == [["", "", "<br>partial: 12 of 24 hours"]] * 2
