"""ACUs reported by sessions beside ACUs billed: each step has its cause and the steps add up."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from frame_fakes import frame, record, utc

from devin_data.analytics.reconcile import BILLED, REPORTED, billing_days, reconcile
from devin_data.analytics.spend import billed_frame
from devin_data.models.billing import day_start
from devin_data.query.filters import FilterSpec

NOW = utc(2026, 3, 14, 21, 45)
ZONE = "Europe/Berlin"


def _billed(per_day: dict[date, dict[str, float]]) -> pd.DataFrame:
    return billed_frame({str(int(day_start(d).timestamp())): p for d, p in per_day.items()})


def _sessions() -> pd.DataFrame:
    return frame(
        [
            # 14 Mar 10:00 Berlin: in the local day and its billing day.
            record("a", created=utc(2026, 3, 14, 9), acus_consumed=10.0, category="feature"),
            # Another category: left out by the category filter only.
            record("b", created=utc(2026, 3, 14, 11), acus_consumed=4.0, category="bug_fix"),
            # 14 Mar 00:30 Berlin = 13 Mar 23:30 UTC: the local day, the billing day of 13 Mar.
            record("c", created=utc(2026, 3, 13, 23, 30), acus_consumed=3.0, category="feature"),
            # 13 Mar 20:00 UTC: before the local day, on the billing day of 13 Mar.
            record("d", created=utc(2026, 3, 13, 20), acus_consumed=2.0, category="feature"),
        ]
    )


def test_the_steps_from_reported_to_billed_add_up_and_name_their_causes() -> None:
    sessions = _sessions()
    day = date(2026, 3, 14)
    spec = FilterSpec("custom", day, day, categories=("feature",), tz=ZONE)
    window = spec.window(NOW)
    selected = spec.apply(sessions, NOW)
    billed = _billed(
        {
            date(2026, 3, 13): {"devin": 6.0, "cascade": 1.0},
            date(2026, 3, 14): {"devin": 15.0, "review": 0.5},
        }
    )
    days = billing_days(window, NOW, billed, sessions)
    assert days == (date(2026, 3, 13), date(2026, 3, 14))
    found = reconcile(selected, sessions, billed, window, days, one_side=("category",))
    assert found.reported == 13.0  # a and c
    assert found.filters == 4.0  # b
    assert found.day_boundary == 2.0  # d: the billing day of 13 Mar starts at 08:00 UTC
    assert found.beyond_sessions == 21.0 - 19.0
    assert found.other_products == 1.5
    assert found.billed == 22.5
    table = found.table()
    assert list(table.columns) == ["figure", "value", "difference", "cause"]
    assert table["figure"].iloc[0] == REPORTED
    assert table["figure"].iloc[-1] == BILLED
    steps = table["difference"].iloc[1:-1]
    assert steps.sum() == pytest.approx(table["difference"].iloc[-1])
    assert table["value"].iloc[-2] == pytest.approx(22.5)  # the running figure reaches the bill
    assert "category" in table["cause"].iloc[1]
    assert "08:00 UTC" in table["cause"].iloc[2]
    assert "whole organization" in table["cause"].iloc[-1]


def test_without_a_bill_only_the_reported_figure_is_shown() -> None:
    sessions = _sessions()
    window = FilterSpec(preset="7d", tz=ZONE).window(NOW)
    days = billing_days(window, NOW, _billed({}), sessions)
    found = reconcile(sessions, sessions, None, window, days)
    assert found.billed is None
    assert list(found.table()["figure"]) == [REPORTED]
