"""Timelines figures: trace types and counts, bar spans, stacking, heatmap grid and hovers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from devin_data.analytics import timelines
from devin_data.charts import timelines as charts_timelines
from devin_data.charts.palette import STATUS_COLORS

RECENT = pd.DataFrame(
    {
        "session_id": ["devin-b", "devin-a", "devin-c"],
        "title": ["<b>Fix</b> login", None, "Docs"],
        "status": pd.Categorical(
            ["running", "exit", "exit"], categories=["running", "suspended", "exit"]
        ),
        "start": pd.to_datetime(["2026-03-02 11:00", "2026-03-02 09:00", "2026-03-01 08:00"]),
        "end": pd.to_datetime(["2026-03-02 11:30", "2026-03-02 11:15", "2026-03-01 08:00"]),
        "duration": pd.to_timedelta(["30min", "135min", "0min"]),
        "status_detail": ["waiting_for_user", "finished", None],
    }
)

PER_DAY = pd.DataFrame(
    {
        "period": pd.DatetimeIndex(["2026-03-02", "2026-03-02", "2026-03-03", "2026-03-03"]),
        "status": pd.Categorical(["exit", "error", "exit", "error"], categories=["exit", "error"]),
        "sessions": np.array([3, 1, 4, 0], dtype="int64"),
    }
)


def _transparent(figure: go.Figure) -> bool:
    return figure.layout.paper_bgcolor == figure.layout.plot_bgcolor == "rgba(0,0,0,0)"


def test_status_timeline_draws_one_span_per_session_in_status_traces() -> None:
    figure = charts_timelines.status_timeline(RECENT)
    assert [trace.name for trace in figure.data] == ["Running", "Exit"]
    running, done = figure.data
    assert all(isinstance(trace, go.Bar) and trace.orientation == "h" for trace in figure.data)
    assert list(running.y) == ["devin-b"]
    assert list(running.base) == ["2026-03-02 11:00:00"]
    assert list(running.x) == [30 * 60 * 1000]
    assert list(done.y) == ["devin-a", "devin-c"]
    assert list(done.x) == [135 * 60 * 1000, 60_000]  # a zero-length session gets a minute
    assert running.marker.color == STATUS_COLORS["running"]
    assert done.marker.color == STATUS_COLORS["exit"]
    # Titles are escaped so markup in them shows as text; a missing one says so.
    assert list(running.customdata[0]) == [
        "&lt;b&gt;Fix&lt;/b&gt; login",
        "2026-03-02 11:00",
        "2026-03-02 11:30",
        "30 min",
        " · Waiting for user",
        "devin-b",
    ]
    assert done.customdata[0][0] == "(untitled)"
    assert done.customdata[0][3] == "2 h 15 min"
    assert "Duration %{customdata[3]}" in done.hovertemplate
    assert figure.layout.xaxis.type == "date"
    assert list(figure.layout.yaxis.categoryarray) == ["devin-b", "devin-a", "devin-c"]
    assert figure.layout.yaxis.autorange == "reversed"
    assert _transparent(figure)


def test_status_timeline_labels_each_row_and_grows_with_rows() -> None:
    figure = charts_timelines.status_timeline(RECENT)
    assert list(figure.layout.yaxis.tickvals) == ["devin-b", "devin-a", "devin-c"]
    assert list(figure.layout.yaxis.ticktext) == [
        "&lt;b&gt;Fix&lt;/b&gt; login",
        "(untitled)",
        "Docs",
    ]
    many = pd.concat([RECENT] * 14, ignore_index=True)
    many["session_id"] = [f"devin-{i}" for i in range(len(many))]
    many["title"] = "A very long title that would crowd the axis of the chart"
    tall = charts_timelines.status_timeline(many)
    assert tall.layout.height >= 18 * len(many)
    assert tall.layout.height > figure.layout.height
    assert all(len(text) <= charts_timelines.LABEL_CHARS for text in tall.layout.yaxis.ticktext)
    assert tall.layout.yaxis.ticktext[0].endswith("…")
    assert charts_timelines.status_timeline(RECENT.iloc[:0]).data == ()


def test_status_area_stacks_one_trace_per_status() -> None:
    figure = charts_timelines.status_area(PER_DAY, "D", y_title="Sessions at day end")
    assert [trace.name for trace in figure.data] == ["Exit", "Error"]
    assert all(isinstance(trace, go.Scatter) for trace in figure.data)
    assert {trace.stackgroup for trace in figure.data} == {"status"}
    assert list(figure.data[0].y) == [3, 4]
    assert list(figure.data[1].y) == [1, 0]
    assert figure.data[1].line.color == STATUS_COLORS["error"]
    assert "%{y:,}" in figure.data[0].hovertemplate
    assert "%a %Y-%m-%d" in figure.data[0].hovertemplate
    assert figure.layout.yaxis.title.text == "Sessions at day end"
    hourly = charts_timelines.status_area(PER_DAY, "h")
    assert "%H:00" in hourly.data[0].hovertemplate


def test_concurrency_chart_is_a_filled_step_line() -> None:
    running = pd.DataFrame(
        {
            "period": pd.date_range("2026-03-02 01:00", periods=3, freq="h"),
            "running": np.array([1, 3, 0], dtype="int64"),
        }
    )
    (line,) = charts_timelines.concurrency_chart(running, "h").data
    assert isinstance(line, go.Scatter)
    assert list(line.y) == [1, 3, 0]
    assert line.line.shape == "hv"
    assert line.fill == "tozeroy"
    assert "this hour: %{y:,}" in line.hovertemplate


def test_weekday_hour_heatmap_is_a_seven_by_twenty_four_grid() -> None:
    cells = timelines.weekday_hour(
        pd.DataFrame(
            {"created_at": pd.to_datetime(["2026-03-08 23:10", "2026-03-08 23:50"], utc=True)}
        ),
        "UTC",
    )
    figure = charts_timelines.weekday_hour_heatmap(cells)
    (heat,) = figure.data
    assert isinstance(heat, go.Heatmap)
    grid = np.asarray(heat.z)
    assert grid.shape == (7, 24)
    assert grid[6, 23] == 2  # Sunday, 23:00
    assert grid.sum() == 2
    assert list(heat.y) == list(timelines.WEEKDAYS)
    assert list(heat.x)[:2] == ["00", "01"]
    assert "Sessions created: %{z:,}" in heat.hovertemplate
    assert figure.layout.xaxis.title.text == "Hour of day (local)"
