"""Plotly figures for the Insights page, and the reading of bar selections back into filters.

Every bar carries its key in ``customdata`` ([value] or [x value, stack value]), so a selection
event names what was clicked whatever the orientation; :func:`selection_filters` and
:func:`selected_drill` turn those keys into Sessions-page filters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from devin_data.charts.palette import color_for
from devin_data.charts.style import (
    DEFAULT_COLOR,
    NUMBER,
    ORDINAL,
    by_value,
    count_axis,
    layout,
    present,
    update_axis,
)
from devin_data.text.labels import ENUM_DIMENSIONS
from devin_data.text.labels import label as readable

IMPACT_COLORS: Mapping[str, str] = {"High": "#d62728", "Medium": "#e36f00", "Low": "#ac8d00"}


def _color(dimension: str, value: str) -> str:
    if dimension == "impact":
        return IMPACT_COLORS.get(value) or color_for("impact", value)
    return color_for(dimension, value)


def stacked_bars(
    df: pd.DataFrame,
    x: str,
    stack: str,
    value: str,
    *,
    title: str = "",
    x_title: str = "",
    y_title: str = "",
    shares: bool = False,
) -> go.Figure:
    """Vertical bars per ``x`` value stacked by ``stack`` (colors of that dimension), the
    largest ``x`` first (size classes in their order).

    With ``shares`` each bar is 100% and its parts are shares of it (Plotly's ``barnorm``).
    """
    totals = df.groupby(x, observed=True, sort=False)[value].sum()
    order = present(df[x])
    if x not in ORDINAL:
        order = [str(key) for key in totals.sort_values(ascending=False, kind="stable").index]
    # Under barnorm the hover's y is the share; the count rides along in customdata.
    number = (
        f"%{{y:.1f}}%<br>{value.capitalize()}: %{{customdata[2]:,}}"
        if shares
        else f"%{{y:{NUMBER}}}"
    )
    figure = go.Figure()
    for part in present(df[stack]):
        rows = df[df[stack].astype("str") == part]
        keys = [
            [str(key), part, *([count] if shares else [])]
            for key, count in zip(rows[x], rows[value], strict=True)
        ]
        figure.add_trace(
            go.Bar(
                name=readable(part) if stack in ENUM_DIMENSIONS else part,
                x=[str(key) for key in rows[x]],
                y=rows[value].to_list(),
                customdata=keys,
                marker_color=_color(stack, part),
                hovertemplate=(
                    f"%{{x}} · %{{fullData.name}}<br>{y_title or value}: {number}<extra></extra>"
                ),
            )
        )
    figure.update_layout(barmode="stack", barnorm="percent" if shares else None)
    update_axis(figure, "x", categoryorder="array", categoryarray=order, type="category")
    if shares:
        update_axis(figure, "y", ticksuffix="%", range=[0, 100])
    else:
        count_axis(figure, totals)
    if x in ENUM_DIMENSIONS:
        update_axis(
            figure, "x", tickmode="array", tickvals=order, ticktext=[readable(v) for v in order]
        )
    return layout(figure, title, x_title, y_title)


def bars(
    df: pd.DataFrame,
    label: str,
    value: str,
    *,
    dimension: str = "",
    horizontal: bool = False,
    top_n: int | None = None,
    title: str = "",
    value_title: str = "",
) -> go.Figure:
    """One bar per row, largest first (size classes in their order), or the ``top_n`` largest,
    colored by ``dimension``.

    A ``share`` column, when present, shows in the hover as a share of analysed sessions.
    """
    ranked = by_value(df, value, dimension)
    rows = ranked.head(top_n) if top_n else ranked
    labels = [str(item) for item in rows[label]]
    colors = [_color(dimension, item) for item in labels] if dimension else DEFAULT_COLOR
    share = "<br>Share of analysed sessions: %{customdata[1]:.1%}" if "share" in rows else ""
    shares = rows["share"].to_list() if share else [None] * len(rows)
    values = rows[value].to_list()
    axis = "%{y}" if horizontal else "%{x}"
    number = f"%{{{'x' if horizontal else 'y'}:{NUMBER}}}"
    figure = go.Figure(
        go.Bar(
            x=values if horizontal else labels,
            y=labels if horizontal else values,
            orientation="h" if horizontal else "v",
            customdata=[[item, part] for item, part in zip(labels, shares, strict=True)],
            marker_color=colors,
            hovertemplate=f"{axis}<br>{value_title or value}: {number}{share}<extra></extra>",
        )
    )
    category_axis = partial(update_axis, figure, "y" if horizontal else "x")
    category_axis(categoryorder="array", categoryarray=labels, type="category")
    if dimension in ENUM_DIMENSIONS:
        category_axis(tickmode="array", tickvals=labels, ticktext=[readable(v) for v in labels])
    count_axis(figure, rows[value], "x" if horizontal else "y")
    if horizontal:
        update_axis(figure, "y", autorange="reversed")
        figure.update_layout(height=max(300, 80 + 24 * (top_n or len(labels))))
    return layout(
        figure,
        title,
        value_title if horizontal else "",
        "" if horizontal else value_title,
    )


def selected_keys(event: Mapping[str, Any] | None) -> list[tuple[str, ...]]:
    """The customdata keys of the points in a Streamlit plotly selection event, in order."""
    if not event:
        return []
    selection = event.get("selection") or {}
    keys: list[tuple[str, ...]] = []
    for point in selection.get("points") or ():
        data = point.get("customdata")
        if data is None:
            continue
        items = data if isinstance(data, list | tuple) else [data]
        keys.append(tuple(str(item) for item in items if item is not None))
    return list(dict.fromkeys(keys))


def selection_filters(
    event: Mapping[str, Any] | None, fields: Sequence[str]
) -> dict[str, tuple[str, ...]]:
    """Filter field → selected values, the n-th customdata item going to the n-th field.

    Empty when nothing is selected, so ``if filters:`` tells whether to follow the click.
    """
    keys = selected_keys(event)
    chosen: dict[str, tuple[str, ...]] = {}
    for position, field in enumerate(fields):
        values = tuple(dict.fromkeys(key[position] for key in keys if len(key) > position))
        if values:
            chosen[field] = values
    return chosen


def selected_drill(event: Mapping[str, Any] | None, width: int) -> tuple[tuple[str, ...], ...]:
    """The drill-down keys a selection names: the first ``width`` customdata items of each bar."""
    keys = (key[:width] for key in selected_keys(event) if len(key) >= width)
    return tuple(dict.fromkeys(keys))
