"""Plotly figures for the Timelines page, from frames built by :mod:`devin_data.analytics`.

Times on the axes are naive wall-clock times in the viewer's zone. Figures keep a transparent
background so the app theme shows through, and every hover names its numbers.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from devin_data.charts.labels import label as readable
from devin_data.charts.palette import color_for

TRANSPARENT = "rgba(0,0,0,0)"
HOUR_FORMAT = "%a %Y-%m-%d %H:00"
DAY_FORMAT = "%a %Y-%m-%d"


def styled(figure: go.Figure, title: str = "", x_title: str = "", y_title: str = "") -> go.Figure:
    """Shared look: optional title, axis titles, transparent background, legend on top."""
    figure.update_layout(
        title_text=title or None,
        paper_bgcolor=TRANSPARENT,
        plot_bgcolor=TRANSPARENT,
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    figure.update_xaxes(title_text=x_title or None)
    figure.update_yaxes(title_text=y_title or None)
    return figure


def _period_format(freq: str) -> str:
    return HOUR_FORMAT if freq == "h" else DAY_FORMAT


def _present(values: pd.Series) -> list[str]:
    """Values in category order (first appearance for other dtypes), missing ones left out."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        seen = set(values.dropna())
        return [str(value) for value in values.cat.categories if value in seen]
    return [str(value) for value in values.dropna().drop_duplicates()]


def _duration_text(duration: pd.Series) -> list[str]:
    minutes = (duration.dt.total_seconds().fillna(0) // 60).astype("int64")
    return [f"{m // 60}h {m % 60:02d}m" if m >= 60 else f"{m}m" for m in minutes]


def status_timeline(recent: pd.DataFrame, title: str = "") -> go.Figure:
    """One horizontal bar per session from start to end, newest on top, one trace per status."""
    order = recent["session_id"].astype("str").to_list()
    titles = [html.escape(str(t)) if pd.notna(t) else "(untitled)" for t in recent["title"]]
    extra = np.array(
        list(
            zip(
                titles,
                recent["start"].dt.strftime("%Y-%m-%d %H:%M").fillna(""),
                recent["end"].dt.strftime("%Y-%m-%d %H:%M").fillna(""),
                _duration_text(recent["duration"]),
                strict=True,
            )
        ),
        dtype=object,
    ).reshape(-1, 4)
    figure = go.Figure()
    for status in _present(recent["status"]):
        rows = (recent["status"].astype("str") == status).to_numpy()
        spans = (recent.loc[rows, "end"] - recent.loc[rows, "start"]).dt.total_seconds()
        figure.add_trace(
            go.Bar(
                name=readable(status),
                orientation="h",
                y=recent.loc[rows, "session_id"].astype("str").to_list(),
                base=recent.loc[rows, "start"].dt.strftime("%Y-%m-%d %H:%M:%S").to_list(),
                x=(spans * 1000).to_list(),
                customdata=extra[rows],
                marker_color=color_for("status", status),
                hovertemplate=(
                    "%{customdata[0]}<br>%{y} · %{fullData.name}<br>Started %{customdata[1]}"
                    "<br>Last update %{customdata[2]}<br>Duration %{customdata[3]}<extra></extra>"
                ),
            )
        )
    figure.update_layout(barmode="overlay", height=min(1400, max(320, 120 + 6 * len(order))))
    figure.update_xaxes(type="date")
    figure.update_yaxes(
        categoryorder="array", categoryarray=order, autorange="reversed", showticklabels=False
    )
    return styled(figure, title, "Local time", "Sessions (newest on top)")


def status_area(
    df: pd.DataFrame, freq: str = "D", *, title: str = "", y_title: str = "Sessions"
) -> go.Figure:
    """Stacked areas of sessions per period and status (``period``, ``status``, ``sessions``)."""
    figure = go.Figure()
    when = _period_format(freq)
    for status in _present(df["status"]):
        rows = df[df["status"].astype("str") == status]
        figure.add_trace(
            go.Scatter(
                name=readable(status),
                x=rows["period"].to_list(),
                y=rows["sessions"].to_list(),
                stackgroup="status",
                mode="lines",
                line={"width": 0.5, "color": color_for("status", status)},
                hovertemplate=f"%{{fullData.name}}: %{{y:,}}<extra>%{{x|{when}}}</extra>",
            )
        )
    figure.update_layout(hovermode="x unified")
    return styled(figure, title, "", y_title)


def concurrency_chart(df: pd.DataFrame, freq: str = "D", *, title: str = "") -> go.Figure:
    """Peak number of sessions running at once per period, as a filled step line."""
    label = "hour" if freq == "h" else "day"
    figure = go.Figure(
        go.Scatter(
            name="Running",
            x=df["period"].to_list(),
            y=df["running"].to_list(),
            mode="lines",
            line={"shape": "hv", "color": color_for("status", "running")},
            fill="tozeroy",
            hovertemplate=(
                f"%{{x|{_period_format(freq)}}}<br>Most running at once this {label}: "
                "%{y:,}<extra></extra>"
            ),
        )
    )
    figure.update_yaxes(rangemode="tozero")
    return styled(figure, title, "", "Sessions running at once")


def weekday_hour_heatmap(df: pd.DataFrame, *, title: str = "") -> go.Figure:
    """A weekday × hour grid of sessions created (``weekday``, ``hour``, ``sessions``)."""
    grid = df.pivot_table(
        index="weekday", columns="hour", values="sessions", aggfunc="sum", observed=False
    ).reindex(columns=range(24), fill_value=0)
    days = [str(day) for day in grid.index]
    figure = go.Figure(
        go.Heatmap(
            z=grid.fillna(0).to_numpy(dtype="int64"),
            x=[f"{hour:02d}" for hour in range(24)],
            y=days,
            colorscale="Blues",
            colorbar={"title": {"text": "Sessions"}},
            hovertemplate="%{y} %{x}:00–%{x}:59<br>Sessions created: %{z:,}<extra></extra>",
        )
    )
    figure.update_yaxes(categoryorder="array", categoryarray=days, autorange="reversed")
    figure.update_xaxes(type="category")
    return styled(figure, title, "Hour of day (local)", "")
