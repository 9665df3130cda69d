"""The cycle forecast says what it rests on, and a cycle with nothing billed yet is not projected
at the previous weeks' pace."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from devin_data.analytics.alerts import spend_pace_alert
from devin_data.analytics.forecast import footing_sentence, forecast, forecast_sentence
from devin_data.analytics.spend import BudgetSource
from devin_data.config import SpendSettings

CYCLE = (date(2026, 12, 1), date(2027, 1, 1))
NOW = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)  # the 7th billing day of the cycle, half gone


def _before_the_cycle(value: float = 100.0) -> dict[date, float]:
    """October and November billed ``value`` ACUs every day; nothing since."""
    first = date(2026, 10, 1)
    return {first + timedelta(d): value for d in range((CYCLE[0] - first).days)}


def test_an_empty_cycle_says_so_and_projects_nothing_from_last_months_pace() -> None:
    cast = forecast(_before_the_cycle(), CYCLE, NOW, limit=2500)
    assert cast is not None
    assert cast.quiet
    assert cast.observed_days == 6
    assert cast.spent == 0
    # Nothing beyond what is billed: no 2,500 ACU run-out from November's 100 a day.
    assert cast.projected == cast.projected_low == cast.projected_high == 0
    assert cast.runs_out is None
    assert cast.pace_share is None
    sentence = forecast_sentence(cast)
    assert sentence.startswith("The organization has billed nothing in the 6 days of this cycle")
    assert "no projection is made from that pace" in sentence
    assert "reaches" not in sentence
    footing = footing_sentence(cast)
    assert "6 days of this cycle observed (1 Dec to 6 Dec; 0 ACUs billed so far)" in footing
    assert "50 days of them before this cycle" in footing
    limited = SpendSettings(acu_price=None, monthly_budget_acus=2500, alert_spend_pace=0.5)
    assert spend_pace_alert(cast, limited, BudgetSource.CONFIGURED) is None


def test_a_little_usage_is_quiet_too_and_named_as_such() -> None:
    daily = _before_the_cycle() | {date(2026, 12, 3): 40.0}
    cast = forecast(daily, CYCLE, NOW, limit=None)
    assert cast is not None
    assert cast.quiet
    assert "has billed only 40 ACUs in the 6 days" in forecast_sentence(cast)


def test_a_normal_cycle_projects_and_names_its_days_and_pace() -> None:
    daily = _before_the_cycle() | {CYCLE[0] + timedelta(d): 100.0 for d in range(6)}
    daily[date(2026, 12, 7)] = 50.0  # half of today
    cast = forecast(daily, CYCLE, NOW, limit=2500)
    assert cast is not None
    assert not cast.quiet
    assert cast.projected == pytest.approx(3100)
    assert cast.runs_out == date(2026, 12, 25)
    assert cast.pace == pytest.approx(100)
    assert (cast.pace_from, cast.pace_to) == (date(2026, 10, 12), date(2026, 12, 6))
    footing = footing_sentence(cast)
    assert footing == (
        "The forecast rests on 6 days of this cycle observed (1 Dec to 6 Dec; 650 ACUs billed so "
        "far) and a pace of 100 ACUs a day on average (each weekday's mean over the 56 days of "
        "billing from 12 Oct to 6 Dec, 50 days of them before this cycle)."
    )


def test_the_first_day_of_a_cycle_says_its_pace_is_the_previous_weeks() -> None:
    cast = forecast(_before_the_cycle(), CYCLE, datetime(2026, 12, 1, 12, tzinfo=UTC), limit=None)
    assert cast is not None
    assert not cast.quiet  # nothing of the cycle is observed yet to contradict the pace
    assert footing_sentence(cast).startswith(
        "The cycle began today, so no complete day of it is observed: the projection uses a "
        "pace of 100 ACUs a day"
    )
    assert "56 days of them before this cycle" in footing_sentence(cast)
