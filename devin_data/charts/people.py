"""People figures: active users per period and learning curves by rank bucket."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from devin_data.charts.partial import PARTIAL_LINE_LEGEND, hover_notes, is_partial, line_parts
from devin_data.charts.style import DEFAULT_COLOR, axis_values, count_axis, layout, update_axis


def active_users_chart(df: pd.DataFrame, unit: str, title: str = "") -> go.Figure:
    """Active users per period (``period``, ``active_users``) as a line with markers; a period
    marked ``partial`` is a hollow point on a dashed line, its hover saying how much counts."""
    cut = is_partial(df)
    solid, dashed = line_parts(df["active_users"], cut)
    notes = hover_notes(df, {"day": "D", "week": "W", "month": "M"}[unit])
    hover = f"%{{x|%Y-%m-%d}}<br>Active users this {unit}: %{{y:,}}%{{hovertext}}<extra></extra>"
    figure = go.Figure()
    for values, style in ((dashed, "dash"), (solid, "solid")):
        if style == "dash" and not cut.any():
            continue
        figure.add_trace(
            go.Scatter(
                name="Active users" if style == "solid" else PARTIAL_LINE_LEGEND,
                x=axis_values(df["period"]),
                y=values,
                mode="lines+markers",
                line={"color": DEFAULT_COLOR, "dash": style},
                marker={"symbol": ["circle-open" if c else "circle" for c in cut], "size": 8},
                hovertext=notes,
                hovertemplate=hover,
                connectgaps=False,
            )
        )
    update_axis(figure, "y", rangemode="tozero")
    count_axis(figure, df["active_users"])
    return layout(figure, title or f"Active users per {unit}", "", "People")


def learning_chart(df: pd.DataFrame, measure: str, label: str) -> go.Figure:
    """One line per team (``team``) over the rank buckets (``bucket``) of ``measure``."""
    figure = go.Figure()
    share = measure in ("merged_pr_rate", "share_large")
    for team, rows in df.groupby("team", sort=False):
        figure.add_trace(
            go.Scatter(
                name=str(team),
                x=[str(bucket) for bucket in rows["bucket"]],
                y=rows[measure].to_list(),
                mode="lines+markers",
                customdata=rows["sessions"].to_list(),
                hovertemplate=(
                    f"{team}<br>%{{x}} sessions<br>{label}: %{{y:{'.1%' if share else ',.1f'}}}"
                    "<br>Sessions: %{customdata:,}<extra></extra>"
                ),
            )
        )
    if share:
        update_axis(figure, "y", tickformat=".0%", rangemode="tozero")
    return layout(figure, f"{label} by session number", "Sessions of each person", label)
