"""Sessions per period: a week the range cuts is drawn as partial, not as a drop in usage."""

from __future__ import annotations

import numpy as np
import pandas as pd

from devin_data.charts import STATUS_COLORS, stacked_over_time

PER_WEEK = pd.DataFrame(
    {
        "period": pd.to_datetime(["2026-01-05"] * 2 + ["2026-01-12"] * 2 + ["2026-01-19"] * 2),
        "status": pd.Categorical(["exit", "error"] * 3),
        "sessions": np.array([20, 2, 70, 5, 9, 1], dtype="int64"),
        "in_range": np.array([2 / 7] * 2 + [1.0] * 2 + [3 / 7] * 2),
    }
)


def _days(trace: object) -> list[str]:
    return [f"{pd.Timestamp(x):%m-%d}" for x in trace.x]  # type: ignore[attr-defined]


def test_partial_weeks_are_hatched_paler_and_explained_on_hover() -> None:
    figure = stacked_over_time(
        PER_WEEK, "period", "status", "sessions", STATUS_COLORS, in_range="in_range", unit="week"
    )
    whole = [trace for trace in figure.data if trace.showlegend]
    cut = [trace for trace in figure.data if not trace.showlegend]
    assert [t.name for t in whole] == [t.name for t in cut] == ["Error", "Exit"]
    for solid, hatched in zip(whole, cut, strict=True):
        assert _days(solid) == ["01-12"]
        assert _days(hatched) == ["01-05", "01-19"]
        assert solid.legendgroup == hatched.legendgroup
        assert solid.marker.color == hatched.marker.color
        assert (solid.marker.pattern.shape, hatched.marker.pattern.shape) == (None, "/")
        assert (solid.marker.opacity, hatched.marker.opacity) == (1.0, 0.55)
        assert list(hatched.hovertext) == [
            "<br>Partial week: 2 of its 7 days are in the range",
            "<br>Partial week: 3 of its 7 days are in the range",
        ]
        assert "%{hovertext}" in hatched.hovertemplate
        assert "%{hovertext}" not in solid.hovertemplate
    assert list(cut[1].y) == [20, 9]


def test_without_a_range_column_no_bar_is_partial() -> None:
    figure = stacked_over_time(PER_WEEK, "period", "status", "sessions")
    assert len(figure.data) == 2
    assert all(trace.marker.pattern.shape is None for trace in figure.data)


def test_a_day_under_way_reads_in_hours() -> None:
    today = PER_WEEK.assign(in_range=[1.0, 1.0, 1.0, 1.0, 0.5, 0.5])
    figure = stacked_over_time(today, "period", "status", "sessions", in_range="in_range")
    hatched = [trace for trace in figure.data if not trace.showlegend]
    assert [list(t.hovertext) for t in hatched] == [
        ["<br>Partial day: 12 of its 24 hours are in the range"]
    ] * 2
