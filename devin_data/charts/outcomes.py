"""Where the time goes: outcomes per period with the merged-PR share, and working vs waiting.

Frames come from :mod:`devin_data.analytics.endings` and :mod:`devin_data.analytics.waiting`;
periods are naive wall-clock starts in the viewer's zone.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from devin_data.analytics.periods import MIN_SESSIONS
from devin_data.charts.palette import color_for
from devin_data.charts.partial import bar_marker, hover_notes, legend_entry, share_parts
from devin_data.charts.session import WAIT_COLOR
from devin_data.charts.style import axis_values, count_axis, layout, update_axis

SHARE_COLOR = "#9467bd"
# Tableau hues (contrast ≥ 3 on both backgrounds) far from the status colours, for the second and
# later outcomes of one status.
SPARE_COLORS = (
    "#b07aa1",
    "#9c755f",
    "#499894",
    "#ac8d00",
    "#7f7fd5",
    "#d27194",
    "#bd5833",
    "#949500",
    "#6b95b0",
    "#00906d",
)
LEGEND_BASE, LEGEND_LINE = 380, 16
WORKING_COLOR = color_for("source", "devin")
_DAY = "%a %Y-%m-%d"
_WEEK = "week of %a %Y-%m-%d"


def period_format(freq: str) -> str:
    return _WEEK if freq == "W" else _DAY


def _outcome_colors(outcomes: pd.DataFrame) -> dict[str, str]:
    """Each status's first outcome in its status colour, further ones in other colours."""
    colors: dict[str, str] = {}
    used: set[str] = set()
    pairs = outcomes.drop_duplicates("outcome")[["outcome", "status"]]
    spare = iter(SPARE_COLORS * 4)
    for outcome, status in pairs.itertuples(index=False):
        own = color_for("status", status)
        colors[str(outcome)] = own if own not in used else next(spare)
        used.add(colors[str(outcome)])
    return colors


def outcomes_chart(
    outcomes: pd.DataFrame, share: pd.DataFrame | None, freq: str = "D", *, title: str = ""
) -> go.Figure:
    """Stacked bars of ended sessions per period and outcome; the merged-PR share as a line on a
    right-hand percent axis (left out when ``share`` is None: the API does not report it)."""
    when = period_format(freq)
    colors = _outcome_colors(outcomes)
    figure = go.Figure()
    for outcome in colors:
        rows = outcomes[outcomes["outcome"] == outcome]
        figure.add_trace(
            go.Bar(
                name=html.escape(outcome),
                x=axis_values(rows["period"]),
                y=rows["sessions"].to_list(),
                marker=bar_marker(rows, colors[outcome]),
                hovertext=hover_notes(rows, freq),
                hovertemplate=(
                    f"%{{fullData.name}}: %{{y:,}}%{{hovertext}}<extra>%{{x|{when}}}</extra>"
                ),
            )
        )
    legend_entry(figure, outcomes)
    if share is not None:
        _share_traces(figure, share, freq)
        figure.update_layout(
            yaxis2={
                "overlaying": "y",
                "side": "right",
                "range": [0, 100],
                "tickmode": "linear",
                "tick0": 0,
                "dtick": 25,
                "ticksuffix": "%",
                "showgrid": False,
                "fixedrange": True,
                "title_text": "With a merged PR",
            }
        )
    # Room for a legend of one outcome a line on a phone, above a plot that stays readable.
    height = LEGEND_BASE + LEGEND_LINE * len(colors)
    figure.update_layout(barmode="stack", hovermode="x unified", height=height)
    count_axis(figure, outcomes.groupby("period")["sessions"].sum())
    layout(figure, title, "", "Sessions ended")
    # Plotly lists stacked bars bottom-up; the most common outcome reads first instead.
    figure.update_layout(legend_traceorder="normal")
    return figure


def _share_traces(figure: go.Figure, share: pd.DataFrame, freq: str) -> None:
    """The merged-PR share as a line through periods of enough sessions, and hollow markers for
    periods of fewer (:data:`MIN_SESSIONS`), each hover naming the sessions it rests on."""
    when = period_format(freq)
    known = share[share["known"] > 0]
    line, few = share_parts((known["share"] * 100).round(1), known["known"])
    hover = (
        "Ended with a merged PR: %{y:.1f}% (%{customdata[0]:,} of %{customdata[1]:,} sessions)"
        f"%{{hovertext}}<extra>%{{x|{when}}}</extra>"
    )
    for values, name, symbol in (
        (line, "Share with a merged PR", "circle"),
        (few, f"Share of fewer than {MIN_SESSIONS} sessions (not joined)", "circle-open"),
    ):
        if all(value is None for value in values):
            continue
        figure.add_trace(
            go.Scatter(
                name=name,
                x=axis_values(known["period"]),
                y=values,
                customdata=known[["with_merged_pr", "known"]].to_numpy().tolist(),
                hovertext=hover_notes(known, freq),
                yaxis="y2",
                mode="lines+markers" if symbol == "circle" else "markers",
                connectgaps=False,
                line={"color": SHARE_COLOR, "width": 2},
                marker={"symbol": symbol, "color": SHARE_COLOR, "size": 8},
                hovertemplate=hover,
            )
        )


def working_waiting_chart(days: pd.DataFrame, freq: str = "D", *, title: str = "") -> go.Figure:
    """Stacked bars of hours Devin worked and waited on a person per period."""
    when = period_format(freq)
    figure = go.Figure()
    for column, name, color in (
        ("working_hours", "Devin working", WORKING_COLOR),
        ("waiting_hours", "Waiting on a person", WAIT_COLOR),
    ):
        figure.add_trace(
            go.Bar(
                name=name,
                x=axis_values(days["period"]),
                y=days[column].round(2).to_list(),
                marker=bar_marker(days, color),
                hovertext=hover_notes(days, freq),
                hovertemplate=(
                    f"%{{fullData.name}}: %{{y:,.1f}} h%{{hovertext}}<extra>%{{x|{when}}}</extra>"
                ),
            )
        )
    legend_entry(figure, days)
    figure.update_layout(barmode="stack", hovermode="x unified", legend_traceorder="normal")
    update_axis(figure, "y", rangemode="tozero", ticksuffix=" h")
    return layout(figure, title, "", "Hours")


def waiting_per_person_chart(people: pd.DataFrame, *, title: str = "") -> go.Figure:
    """Horizontal bars of the hours Devin waited on each person, most on top."""
    figure = go.Figure(
        go.Bar(
            name="Waiting on a person",
            orientation="h",
            y=[html.escape(str(user)) for user in people.get("person", people["user"])],
            x=people["waiting_hours"].round(2).to_list(),
            customdata=people[["waits", "sessions"]].to_numpy().tolist(),
            marker_color=WAIT_COLOR,
            hovertemplate=(
                "%{y}<br>Devin waited %{x:,.1f} h in %{customdata[0]:,} waits"
                "<br>over %{customdata[1]:,} sessions with messages<extra></extra>"
            ),
        )
    )
    figure.update_layout(height=max(260, 120 + 28 * len(people)), showlegend=False)
    update_axis(figure, "y", type="category", autorange="reversed", automargin=True)
    update_axis(figure, "x", rangemode="tozero", ticksuffix=" h")
    return layout(figure, title, "Hours waiting", "")
