"""People figures: active users per period and learning curves by rank bucket."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from devin_data.charts.style import DEFAULT_COLOR, axis_values, count_axis, layout, update_axis


def active_users_chart(df: pd.DataFrame, unit: str, title: str = "") -> go.Figure:
    """Active users per period (``period``, ``active_users``) as a line with markers."""
    figure = go.Figure(
        go.Scatter(
            name="Active users",
            x=axis_values(df["period"]),
            y=df["active_users"].to_list(),
            mode="lines+markers",
            line={"color": DEFAULT_COLOR},
            hovertemplate=f"%{{x|%Y-%m-%d}}<br>Active users this {unit}: %{{y:,}}<extra></extra>",
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
