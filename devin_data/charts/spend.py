"""Billed ACUs per billing day by product, with the ACUs the sessions report as a line."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from devin_data.charts.partial import bar_marker, hover_notes, legend_entry
from devin_data.charts.style import layout

# Tableau hues of the shared palette (contrast 3 on both themes' backgrounds).
PRODUCT_COLORS = {
    "devin": "#4e79a7",
    "cascade": "#d77700",
    "terminal": "#58a04e",
    "review": "#b07aa1",
}
SESSION_LINE = "#d62728"


def billed_chart(df: pd.DataFrame, title: str = "", unit: str = "ACUs") -> go.Figure:
    """Stacked bars of billed ACUs per product and a line of session ACUs, per billing day.

    ``df`` is ``analytics.spend.billed_beside_sessions``; ``unit`` names the y axis. Billing
    days marked ``partial`` (``analytics.spend.mark_billing_days``) are hatched.
    """
    figure = go.Figure()
    days = [pd.Timestamp(day) for day in df["day"]]
    notes = hover_notes(df, "D", "day")
    for product, color in PRODUCT_COLORS.items():
        if not (df[product] > 0).any():
            continue
        figure.add_trace(
            go.Bar(
                name=f"Billed: {product}",
                x=days,
                y=df[product].round(2).to_list(),
                marker=bar_marker(df, color),
                hovertext=notes,
                hovertemplate=(
                    "%{x|%d %b %Y}<br>%{fullData.name}: %{y:,.2f}%{hovertext}<extra></extra>"
                ),
            )
        )
    figure.add_trace(
        go.Scatter(
            name="Sessions report",
            x=days,
            y=df["session_acus"].round(2).to_list(),
            mode="lines+markers",
            line={"color": SESSION_LINE, "width": 2},
            hovertext=notes,
            hovertemplate="%{x|%d %b %Y}<br>Sessions report: %{y:,.2f}%{hovertext}<extra></extra>",
        )
    )
    legend_entry(figure, df)
    figure.update_layout(barmode="stack", hovermode="x unified")
    return layout(figure, title, "Billing day (from 08:00 UTC)", unit)
