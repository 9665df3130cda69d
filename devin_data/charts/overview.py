"""Plotly figures built from frames that :mod:`devin_data.analytics` already aggregated.

No fetching and no Streamlit here; the look comes from :mod:`devin_data.charts.style`, and every
hover names the numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Unpack

import pandas as pd
import plotly.graph_objects as go

from devin_data.charts.palette import color_for
from devin_data.charts.partial import bar_marker, hover_notes, legend_entry
from devin_data.charts.style import (
    DEFAULT_COLOR,
    NUMBER,
    ChartText,
    axis_values,
    by_value,
    count_axis,
    layout,
    present,
    update_axis,
)
from devin_data.text.labels import label as readable


def _labels(values: pd.Series) -> list[str]:
    return [str(value) for value in values]


def _colors(
    labels: Sequence[str], color_map: Mapping[str, str] | None, dimension: str
) -> list[str]:
    given = color_map or {}
    return [given.get(label) or color_for(dimension, label) for label in labels]


def bar_distribution(
    df: pd.DataFrame,
    x: str,
    y: str,
    color_map: Mapping[str, str] | None = None,
    *,
    dimension: str = "",
    horizontal: bool = False,
    **text: Unpack[ChartText],
) -> go.Figure:
    """One bar per row of a distribution frame, largest first (size classes in their order),
    colored by value; ``horizontal`` lays the bars on their side, largest on top, so long labels
    read across a narrow screen instead of crowding an axis.

    Values missing from ``color_map`` get the fallback color of ``dimension`` (default: ``x``).
    A ``share`` column, when present, is shown in the hover next to the value.
    """
    df = by_value(df, y, dimension or x)
    labels = _labels(df[x])
    share = "<br>Share: %{customdata:.1%}" if "share" in df.columns else ""
    measure = text.get("y_title") or y
    values, names = ("x", "y") if horizontal else ("y", "x")
    bar = go.Bar(
        {names: labels, values: df[y].to_list()},
        orientation="h" if horizontal else "v",
        marker_color=_colors(labels, color_map, dimension or x),
        customdata=df["share"].to_list() if share else None,
        hovertemplate=(f"%{{{names}}}<br>{measure}: %{{{values}:{NUMBER}}}{share}<extra></extra>"),
    )
    if horizontal:
        text = {**text, "x_title": measure, "y_title": ""}
    figure = layout(go.Figure(bar), **text)
    update_axis(
        figure,
        names,  # type: ignore[arg-type]
        categoryorder="array",
        categoryarray=labels,
        type="category",
        tickmode="array",
        tickvals=labels,
        ticktext=[readable(value) for value in labels],
        **({"autorange": "reversed", "automargin": True} if horizontal else {}),
    )
    if horizontal:
        figure.update_layout(height=max(300, 110 + 24 * len(labels)))
    count_axis(figure, df[y], values)  # type: ignore[arg-type]
    return figure


def stacked_over_time(
    df: pd.DataFrame,
    period_col: str,
    stack_col: str,
    value_col: str,
    color_map: Mapping[str, str] | None = None,
    *,
    unit: str = "D",
    **text: Unpack[ChartText],
) -> go.Figure:
    """Stacked bars per period, one trace per stack value (in category order) with its share.

    The bars of a period marked partial (``partial``, ``in_range`` of
    :func:`devin_data.analytics.periods.mark`) of ``unit`` ("D", "W") are hatched and paler and
    their hover says how much of the period counts, so a cut first or last week never reads as
    a drop in usage.
    """
    text = ChartText(y_title="Sessions") | text
    y_title = text["y_title"]
    totals = df.groupby(period_col)[value_col].transform("sum")
    shares = (df[value_col] / totals.where(totals != 0)).fillna(0.0)
    figure = go.Figure()
    for label in present(df[stack_col]):
        of_label = df[(df[stack_col].astype("str") == label).to_numpy()]
        color = _colors([label], color_map, stack_col)[0]
        figure.add_trace(
            go.Bar(
                name=readable(label),
                x=axis_values(of_label[period_col]),
                y=of_label[value_col].to_list(),
                customdata=shares[of_label.index].to_list(),
                hovertext=hover_notes(of_label, unit, period_col),
                marker=bar_marker(of_label, color),
                hovertemplate=(
                    f"%{{fullData.name}}<br>%{{x|%Y-%m-%d}}<br>{y_title}: %{{y:{NUMBER}}}"
                    "<br>Share of period: %{customdata:.1%}%{hovertext}<extra></extra>"
                ),
            )
        )
    legend_entry(figure, df)
    figure.update_layout(barmode="stack")
    count_axis(figure, df.groupby(period_col)[value_col].sum())
    return layout(figure, **text)


def message_histogram_chart(df: pd.DataFrame, title: str = "") -> go.Figure:
    """User and Devin messages per session side by side, from ``metrics.message_histogram``."""
    buckets = present(df["messages"])
    figure = go.Figure()
    for source in present(df["source"]):
        rows = df[df["source"].astype("str") == source]
        total = int(rows["sessions"].sum())
        figure.add_trace(
            go.Bar(
                name=f"{source.capitalize()} messages",
                x=_labels(rows["messages"]),
                y=rows["sessions"].to_list(),
                customdata=[count / total if total else 0.0 for count in rows["sessions"]],
                marker_color=color_for("source", source),
                hovertemplate=(
                    "%{fullData.name}: %{x}<br>Sessions: %{y:,}"
                    "<br>Share: %{customdata:.1%}<extra></extra>"
                ),
            )
        )
    figure.update_layout(barmode="group")
    update_axis(figure, "x", categoryorder="array", categoryarray=buckets, type="category")
    count_axis(figure, df["sessions"])
    return layout(figure, title, "Messages per session", "Sessions")


def horizontal_bar(
    df: pd.DataFrame,
    label_col: str,
    value_col: str,
    title: str = "",
    x_title: str = "",
    *,
    top_n: int = 15,
    color: str = DEFAULT_COLOR,
) -> go.Figure:
    """The ``top_n`` largest rows as horizontal bars, largest on top (share in hover if present)."""
    top = df.sort_values(value_col, ascending=False, kind="stable").head(top_n)
    labels = _labels(top[label_col])
    share = "<br>Share: %{customdata:.1%}" if "share" in top.columns else ""
    bar = go.Bar(
        x=top[value_col].to_list(),
        y=labels,
        orientation="h",
        marker_color=color,
        customdata=top["share"].to_list() if share else None,
        hovertemplate=f"%{{y}}<br>{x_title or value_col}: %{{x:{NUMBER}}}{share}<extra></extra>",
    )
    figure = layout(go.Figure(bar), title, x_title, "")
    update_axis(figure, "y", categoryorder="array", categoryarray=labels, autorange="reversed")
    count_axis(figure, top[value_col], "x")
    return figure


def empty_figure(message: str) -> go.Figure:
    """A blank figure that says why there is nothing to show (axes hidden)."""
    figure = go.Figure()
    figure.add_annotation(
        text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": 16}
    )
    update_axis(figure, "x", visible=False)
    update_axis(figure, "y", visible=False)
    return layout(figure, "", "", "")
