"""The insight coverage chart: stacked weekly bars whose hover carries the share."""

from __future__ import annotations

import pandas as pd

from devin_data.charts import coverage_chart

WEEKS = pd.DataFrame(
    {
        "week": pd.to_datetime(["2026-03-02", "2026-03-09"]).astype("datetime64[ns]"),
        "ended": pd.Series([4, 2], dtype="int64"),
        "with_insights": pd.Series([1, 2], dtype="int64"),
        "missing": pd.Series([3, 0], dtype="int64"),
        "share": [0.25, 1.0],
    }
)


def test_bars_stack_with_and_without_insights_per_week() -> None:
    figure = coverage_chart(WEEKS)
    with_insights, without = figure.data
    assert (with_insights.name, without.name) == ("With insights", "Without")
    assert list(with_insights.x) == ["2026-03-02", "2026-03-09"]
    assert list(with_insights.y) == [1, 2]
    assert list(without.y) == [3, 0]
    assert figure.layout.barmode == "stack"
    assert [row[1] for row in with_insights.customdata] == [25.0, 100.0]
    assert "Share with insights: %{customdata[1]:.1f}%" in with_insights.hovertemplate
    assert figure.layout.yaxis.dtick == 1  # a count axis never ticks halves


def test_no_week_draws_no_bar() -> None:
    figure = coverage_chart(WEEKS.iloc[0:0])
    assert all(len(trace.y) == 0 for trace in figure.data)
