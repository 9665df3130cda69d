"""The insight coverage chart: ended sessions per week, with and without insights, and the share."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from devin_data.charts.palette import MISSING_COLOR
from devin_data.charts.partial import bar_marker, hover_notes, legend_entry
from devin_data.charts.style import DEFAULT_COLOR, count_axis, layout

_PARTS = (("with_insights", "With insights", DEFAULT_COLOR), ("missing", "Without", MISSING_COLOR))


def coverage_chart(df: pd.DataFrame, title: str = "") -> go.Figure:
    """Stacked weekly bars of :func:`devin_data.analytics.insight_coverage` output.

    The hover of each bar gives the week, the count, the ended sessions and the share with
    insights (one decimal), so the share is read without a second axis; a week the range or
    now cuts short (``partial``) is hatched and its hover says how much of it counts.
    """
    figure = go.Figure()
    # Plain lists, so the figure's JSON (and the chart's download) carries readable numbers.
    custom = df[["ended"]].assign(share=df["share"] * 100).to_numpy().tolist()
    for column, name, color in _PARTS:
        figure.add_bar(
            x=df["week"].dt.strftime("%Y-%m-%d").tolist(),
            y=df[column].tolist(),
            name=name,
            marker=bar_marker(df, color),
            customdata=custom,
            hovertext=hover_notes(df, "W", "week"),
            hovertemplate=(
                f"Week of %{{x|%Y-%m-%d}}<br>{name}: %{{y:,}} of %{{customdata[0]:,}} ended"
                "<br>Share with insights: %{customdata[1]:.1f}%%{hovertext}<extra></extra>"
            ),
        )
    legend_entry(figure, df)
    figure.update_layout(barmode="stack")
    figure.update_xaxes(tickformat="%b %d", type="date")
    count_axis(figure, df["ended"])
    return layout(figure, title, x_title="Week (Monday) of creation", y_title="Ended sessions")
