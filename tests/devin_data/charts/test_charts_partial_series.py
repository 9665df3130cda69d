"""Every series chart draws its partial periods apart, and a share of few sessions is not a
line."""

from __future__ import annotations

import numpy as np
import pandas as pd

from devin_data.charts import (
    active_users_chart,
    concurrency_chart,
    coverage_chart,
    outcomes_chart,
    working_waiting_chart,
)
from devin_data.charts.partial import PARTIAL_LEGEND, PARTIAL_LINE_LEGEND
from devin_data.charts.spend import billed_chart

DAYS = pd.to_datetime(["2026-03-12", "2026-03-13", "2026-03-14"]).as_unit("ns")
SHARE = np.array([1.0, 1.0, 0.5])


def _marked(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(in_range=SHARE[: len(frame)], partial=SHARE[: len(frame)] < 1)


def _drawn(figure: object) -> list:  # type: ignore[type-arg]
    return [t for t in figure.data if t.name not in (PARTIAL_LEGEND, PARTIAL_LINE_LEGEND)]  # type: ignore[attr-defined]


def test_the_merged_share_joins_only_periods_of_enough_sessions() -> None:
    outcomes = _marked(
        pd.DataFrame(
            {
                "period": DAYS,
                "outcome": ["Exit"] * 3,
                "status": ["exit"] * 3,
                "status_detail": [None] * 3,
                "sessions": [5, 1, 4],
            }
        )
    )
    share = _marked(
        pd.DataFrame(
            {
                "period": DAYS,
                "ended": [5, 1, 4],
                "with_merged_pr": [2, 1, 1],
                "known": [5, 1, 4],
                "share": [0.4, 1.0, 0.25],
            }
        )
    )
    figure = outcomes_chart(outcomes, share, "D")
    line, few = [t for t in figure.data if t.type == "scatter"]
    assert list(line.y) == [40.0, None, 25.0]
    assert line.connectgaps is False
    assert list(few.y) == [None, 100.0, None]
    assert few.mode == "markers"
    assert few.name == "Share of fewer than 3 sessions (not joined)"
    assert [row[1] for row in few.customdata] == [5, 1, 4]  # the sessions each point rests on
    assert "of %{customdata[1]:,} sessions" in few.hovertemplate
    (bars,) = [t for t in figure.data if t.type == "bar" and t.name == "Exit"]
    assert list(bars.marker.pattern.shape) == ["", "", "/"]
    assert list(bars.hovertext)[-1] == "<br>partial: 12 of 24 hours"
    assert any(t.name == PARTIAL_LEGEND for t in figure.data)


def test_working_hours_coverage_and_billing_days_hatch_their_partial_bars() -> None:
    hours = _marked(pd.DataFrame({"period": DAYS, "working_hours": 1.0, "waiting_hours": 2.0}))
    weeks = _marked(
        pd.DataFrame({"week": DAYS, "ended": 4, "with_insights": 3, "missing": 1, "share": 0.75})
    )
    billed = _marked(
        pd.DataFrame(
            {
                "day": DAYS.date,
                "devin": 5.0,
                "cascade": 0.0,
                "terminal": 0.0,
                "review": 0.0,
                "session_acus": 4.0,
            }
        )
    )
    for figure in (
        working_waiting_chart(hours, "D"),
        coverage_chart(weeks),
        billed_chart(billed),
    ):
        bars = [t for t in _drawn(figure) if t.type == "bar"]
        assert bars
        for trace in bars:
            assert list(trace.marker.pattern.shape) == ["", "", "/"]
            assert list(trace.hovertext)[:2] == ["", ""]
            assert list(trace.hovertext)[2].startswith("<br>partial: ")
        assert [t.name for t in figure.data].count(PARTIAL_LEGEND) == 1


def test_active_users_draw_a_partial_week_hollow_on_a_dashed_line() -> None:
    weeks = pd.DataFrame({"period": DAYS, "active_users": [6, 28, 6]})
    figure = active_users_chart(
        weeks.assign(in_range=[3 / 7, 1, 2 / 7], partial=[True, False, True]), "week"
    )
    dashed, solid = figure.data
    assert dashed.name == PARTIAL_LINE_LEGEND
    assert dashed.line.dash == "dash"
    assert list(solid.y) == [None, 28, None]
    assert list(dashed.y) == [6, 28, 6]
    assert list(solid.marker.symbol) == ["circle-open", "circle", "circle-open"]
    assert list(solid.hovertext) == ["<br>partial: 3 of 7 days", "", "<br>partial: 2 of 7 days"]


def test_the_hour_under_way_is_shaded_on_the_concurrency_steps() -> None:
    hours = pd.date_range("2026-03-14 19:00", periods=3, freq="h").as_unit("ns")
    peak = _marked(pd.DataFrame({"period": hours, "running": [2, 3, 1]}))
    figure = concurrency_chart(peak, "h")
    (band,) = figure.layout.shapes
    assert pd.Timestamp(band.x0) == hours[2]
    assert pd.Timestamp(band.x1) == hours[2] + pd.Timedelta(hours=1)
    assert figure.layout.annotations[0].text == "partial"
    assert list(figure.data[0].hovertext)[-1] == "<br>partial: 30 of 60 minutes"
