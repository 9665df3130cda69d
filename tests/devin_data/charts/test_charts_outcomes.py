"""Outcomes and working-vs-waiting figures: stacks, the share axis, hours and people."""

from __future__ import annotations

import numpy as np
import pandas as pd

from devin_data.charts.outcomes import (
    outcomes_chart,
    waiting_per_person_chart,
    working_waiting_chart,
)
from devin_data.charts.palette import STATUS_COLORS

DAYS = pd.DatetimeIndex(["2026-03-02", "2026-03-03"])
OUTCOMES = pd.DataFrame(
    {
        "period": DAYS[[0, 1, 0, 1]],
        "outcome": ["Exit · Finished", "Exit · Finished", "Suspended · Inactivity", "Exit"],
        "status": ["exit", "exit", "suspended", "exit"],
        "status_detail": ["finished", "finished", "inactivity", None],
        "sessions": np.array([3, 1, 2, 1], dtype="int64"),
    }
)
SHARE = pd.DataFrame(
    {
        "period": DAYS,
        "ended": [5, 2],
        "with_merged_pr": [2, 0],
        "known": [4, 0],
        "share": [0.5, np.nan],
    }
)


def test_outcomes_stack_per_outcome_with_the_share_on_a_percent_axis() -> None:
    figure = outcomes_chart(OUTCOMES, SHARE, "D")
    bars = [t for t in figure.data if t.type == "bar"]
    assert [t.name for t in bars] == ["Exit · Finished", "Suspended · Inactivity", "Exit"]
    assert sum(sum(t.y) for t in bars) == 7
    # Each status's first outcome takes its colour; a second exit outcome gets its own.
    assert bars[0].marker.color == STATUS_COLORS["exit"]
    assert bars[1].marker.color == STATUS_COLORS["suspended"]
    assert bars[2].marker.color not in (STATUS_COLORS["exit"], STATUS_COLORS["suspended"])
    (line,) = [t for t in figure.data if t.type == "scatter"]
    assert line.yaxis == "y2"
    assert list(line.y) == [50.0]  # a period with no known PR state has no point, not 0
    assert figure.layout.yaxis2.ticksuffix == "%"
    assert list(figure.layout.yaxis2.range) == [0, 100]
    assert figure.layout.barmode == "stack"
    assert figure.layout.height > outcomes_chart(OUTCOMES.head(1), SHARE, "D").layout.height
    assert figure.layout.yaxis.dtick == 1  # a count axis of at most 10 steps by one


def test_without_a_share_there_is_no_line_and_no_second_axis() -> None:
    figure = outcomes_chart(OUTCOMES, None, "W")
    assert {t.type for t in figure.data} == {"bar"}
    assert "yaxis2" not in figure.to_plotly_json()["layout"]
    assert "week of" in figure.data[0].hovertemplate


def test_working_and_waiting_stack_hours_per_period() -> None:
    days = pd.DataFrame(
        {"period": DAYS, "working_hours": [1.234, 0.5], "waiting_hours": [2.0, 0.0]}
    )
    figure = working_waiting_chart(days)
    assert [t.name for t in figure.data] == ["Devin working", "Waiting on a person"]
    assert list(figure.data[0].y) == [1.23, 0.5]
    assert figure.layout.yaxis.ticksuffix == " h"


def test_waiting_per_person_puts_the_longest_wait_on_top() -> None:
    people = pd.DataFrame(
        {
            "user": ["user-<b>", "user-ann"],
            "waiting_hours": [3.0, 1.0],
            "waits": [4, 1],
            "sessions": [2, 1],
        }
    )
    figure = waiting_per_person_chart(people)
    (bars,) = figure.data
    assert list(bars.y) == ["user-&lt;b&gt;", "user-ann"]
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.layout.height >= 260
