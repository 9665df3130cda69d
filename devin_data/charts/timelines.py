"""Plotly figures for the Timelines page, from frames built by :mod:`devin_data.analytics`.

Times on the axes are naive wall-clock times in the viewer's zone; the look comes from
:mod:`devin_data.charts.style`, and every hover names its numbers.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from devin_data.charts.palette import HEATMAP_SCALE, color_for
from devin_data.charts.partial import hover_notes, shade
from devin_data.charts.style import (
    axis_values,
    count_axis,
    count_ticks,
    duration_text,
    layout,
    present,
    update_axis,
)
from devin_data.text.labels import label as readable

HOUR_FORMAT = "%a %Y-%m-%d %H:00"
DAY_FORMAT = "%a %Y-%m-%d"


def _period_format(freq: str) -> str:
    return HOUR_FORMAT if freq == "h" else DAY_FORMAT


ROW_PX = 24  # each session's row: tall enough to read its label and to hit with a finger
LABEL_CHARS = 28


def _row_label(title: object) -> str:
    text = str(title) if isinstance(title, str) and title.strip() else "(untitled)"
    if len(text) > LABEL_CHARS:
        text = text[: LABEL_CHARS - 1].rstrip() + "…"
    return html.escape(text)


def status_timeline(recent: pd.DataFrame, title: str = "") -> go.Figure:
    """One labelled horizontal bar per session from start to end, in the given order, one trace
    per status; the full title on hover, and the session id as the last customdata item."""
    order = recent["session_id"].astype("str").to_list()
    titles = [html.escape(str(t)) if pd.notna(t) else "(untitled)" for t in recent["title"]]
    extra = np.array(
        list(
            zip(
                titles,
                recent["start"].dt.strftime("%Y-%m-%d %H:%M").fillna(""),
                recent["end"].dt.strftime("%Y-%m-%d %H:%M").fillna(""),
                [duration_text(value) for value in recent["duration"]],
                [f" · {readable(d)}" if pd.notna(d) else "" for d in recent["status_detail"]],
                order,
                strict=True,
            )
        ),
        dtype=object,
    ).reshape(-1, 6)
    figure = go.Figure()
    for status in present(recent["status"]):
        rows = (recent["status"].astype("str") == status).to_numpy()
        spans = (recent.loc[rows, "end"] - recent.loc[rows, "start"]).dt.total_seconds()
        figure.add_trace(
            go.Bar(
                name=readable(status),
                orientation="h",
                y=recent.loc[rows, "session_id"].astype("str").to_list(),
                base=recent.loc[rows, "start"].dt.strftime("%Y-%m-%d %H:%M:%S").to_list(),
                # A zero-length session still gets a sliver to see and to click.
                x=np.maximum(spans.to_numpy() * 1000, 60_000).tolist(),
                customdata=extra[rows],
                marker_color=color_for("status", status),
                hovertemplate=(
                    "%{customdata[0]}<br>%{fullData.name}%{customdata[4]}"
                    "<br>Started %{customdata[1]}<br>Last update %{customdata[2]}"
                    "<br>Duration %{customdata[3]}"
                    "<br>Click to open the session<extra></extra>"
                ),
            )
        )
    figure.update_layout(barmode="overlay", height=160 + ROW_PX * len(order), clickmode="event")
    update_axis(figure, "x", type="date")
    update_axis(
        figure,
        "y",
        categoryorder="array",
        categoryarray=order,
        tickvals=order,
        ticktext=[_row_label(t) for t in recent["title"]],
        autorange="reversed",
        automargin=True,
        fixedrange=True,
    )
    return layout(figure, title, "Local time", "")


def status_area(
    df: pd.DataFrame, freq: str = "D", *, title: str = "", y_title: str = "Sessions"
) -> go.Figure:
    """Stacked areas of sessions per period and status (``period``, ``status``, ``sessions``)."""
    figure = go.Figure()
    when = _period_format(freq)
    for status in present(df["status"]):
        rows = df[df["status"].astype("str") == status]
        figure.add_trace(
            go.Scatter(
                name=readable(status),
                x=axis_values(rows["period"]),
                y=rows["sessions"].to_list(),
                stackgroup="status",
                mode="lines",
                line={"width": 0.5, "color": color_for("status", status)},
                hovertext=hover_notes(rows, freq),
                hovertemplate=(
                    f"%{{fullData.name}}: %{{y:,}}%{{hovertext}}<extra>%{{x|{when}}}</extra>"
                ),
            )
        )
    shade(figure, df, freq)
    figure.update_layout(hovermode="x unified")
    count_axis(figure, df.groupby("period")["sessions"].sum())
    return layout(figure, title, "", y_title)


def concurrency_chart(df: pd.DataFrame, freq: str = "D", *, title: str = "") -> go.Figure:
    """Peak number of sessions running at once per period, as a filled step line."""
    label = "hour" if freq == "h" else "day"
    figure = go.Figure(
        go.Scatter(
            name="Running",
            x=axis_values(df["period"]),
            y=df["running"].to_list(),
            mode="lines",
            line={"shape": "hv", "color": color_for("status", "running")},
            fill="tozeroy",
            hovertext=hover_notes(df, freq),
            hovertemplate=(
                f"%{{x|{_period_format(freq)}}}<br>Most running at once this {label}: "
                "%{y:,}%{hovertext}<extra></extra>"
            ),
        )
    )
    shade(figure, df, freq)
    update_axis(figure, "y", rangemode="tozero")
    count_axis(figure, df["running"])
    return layout(figure, title, "", "Sessions running at once")


def weekday_hour_heatmap(df: pd.DataFrame, *, title: str = "") -> go.Figure:
    """A weekday × hour grid of sessions created (``weekday``, ``hour``, ``sessions``)."""
    grid = df.pivot_table(
        index="weekday", columns="hour", values="sessions", aggfunc="sum", observed=False
    ).reindex(columns=range(24), fill_value=0)
    days = [str(day) for day in grid.index]
    counts = grid.fillna(0).to_numpy(dtype="int64")
    figure = go.Figure(
        go.Heatmap(
            z=counts,
            x=[f"{hour:02d}" for hour in range(24)],
            y=days,
            colorscale=[list(stop) for stop in HEATMAP_SCALE],
            # Above the grid like a legend: the right margin belongs to the toolbar.
            colorbar={
                "title": {"text": "Sessions", "side": "top"},
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": 1.02,
                "yanchor": "bottom",
                "len": 0.5,
                "thickness": 12,
                **count_ticks(int(counts.max()) if counts.size else 0),
            },
            hovertemplate="%{y} %{x}:00–%{x}:59<br>Sessions created: %{z:,}<extra></extra>",
        )
    )
    # No grid lines: they would show through the translucent cells of quiet hours.
    update_axis(
        figure, "y", categoryorder="array", categoryarray=days, autorange="reversed", showgrid=False
    )
    update_axis(figure, "x", type="category", showgrid=False)
    return layout(figure, title, "Hour of day (local)", "")
