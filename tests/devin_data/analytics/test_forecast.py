"""The run-out forecast on hand-made daily series: flat, growing and with a weekday rhythm."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from devin_data.analytics.forecast import forecast, forecast_sentence, weekday_burn
from devin_data.models.billing import billing_day

# 2026-12-10 is a Thursday; 20:00 UTC is half a billing day (which started at 08:00 UTC) on.
NOW = datetime(2026, 12, 10, 20, 0, tzinfo=UTC)
CYCLE = (date(2026, 12, 1), date(2027, 1, 1))


def series(start: date, end: date, value: object) -> dict[date, float]:
    """ACUs per billing day from ``start`` to ``end`` (exclusive): ``value(day)`` or a constant."""
    days = [start + timedelta(d) for d in range((end - start).days)]
    return {day: float(value(day) if callable(value) else value) for day in days}  # type: ignore[arg-type]


def test_a_flat_burn_projects_a_straight_line_and_its_run_out_day() -> None:
    daily = series(date(2026, 10, 1), date(2026, 12, 11), 100)
    daily[date(2026, 12, 10)] = 50  # half of today is billed so far
    cast = forecast(daily, CYCLE, NOW, limit=2500)
    assert cast is not None
    assert cast.spent == pytest.approx(950)
    assert cast.projected == pytest.approx(3100)  # 31 days of 100
    assert cast.projected_low == cast.projected_high == pytest.approx(3100)
    assert cast.runs_out == date(2026, 12, 25)  # the 25th day brings the total to 2,500
    assert cast.days_left_after_run_out == 6
    sentence = forecast_sentence(cast)
    assert sentence.startswith(
        "At this pace the organization reaches its 2,500 ACU limit on 25 Dec"
    )
    assert "6 days before the cycle ends" in sentence


def test_a_growing_burn_projects_the_recent_weeks_not_the_old_ones() -> None:
    daily = series(date(2026, 6, 1), date(2026, 12, 11), lambda d: (d - date(2026, 6, 1)).days)
    cast = forecast(daily, CYCLE, NOW, limit=None)
    assert cast is not None
    burn = weekday_burn(daily, billing_day(NOW))
    assert burn is not None
    assert burn.days == 56
    # The last eight weeks run from 142 to 191 ACUs a day: the projection sits in that band.
    future_days = 21 + 0.5
    assert 142 * future_days < cast.projected - cast.spent < 191 * future_days
    assert cast.projected_low < cast.projected < cast.projected_high
    assert cast.runs_out is None
    assert "no budget or ACU limit is set" in forecast_sentence(cast)


def test_a_weekday_rhythm_projects_quiet_weekends() -> None:
    daily = series(date(2026, 10, 1), date(2026, 12, 10), lambda d: 0 if d.weekday() >= 5 else 200)
    daily[date(2026, 12, 10)] = 100
    burn = weekday_burn(daily, billing_day(NOW))
    assert burn is not None
    assert burn.mean[:5] == (200,) * 5
    assert burn.mean[5:] == (0, 0)
    cast = forecast(daily, CYCLE, NOW, limit=10_000)
    assert cast is not None
    # 11 Dec to 31 Dec holds 15 weekdays; half of Thursday the 10th is still to come.
    assert cast.projected == pytest.approx(cast.spent + 100 + 15 * 200)
    assert cast.runs_out is None
    assert "staying within it" in forecast_sentence(cast)


def test_the_range_brackets_a_noisy_burn_and_the_run_out_day() -> None:
    daily = series(date(2026, 10, 1), date(2026, 12, 10), lambda d: 60 if d.day % 2 else 140)
    cast = forecast(daily, CYCLE, NOW, limit=2000)
    assert cast is not None
    assert cast.projected_low < cast.projected < cast.projected_high
    assert cast.runs_out_early is not None
    assert cast.runs_out is not None
    assert cast.runs_out_early <= cast.runs_out
    assert cast.runs_out_late is None or cast.runs_out <= cast.runs_out_late


def test_a_cycle_already_over_its_limit_says_so() -> None:
    daily = series(date(2026, 11, 1), date(2026, 12, 11), 300)
    cast = forecast(daily, CYCLE, NOW, limit=1000)
    assert cast is not None
    assert cast.runs_out == date(2026, 12, 4)
    assert forecast_sentence(cast).startswith("The organization has used 3,000 ACUs this cycle")


def test_no_history_gives_no_forecast() -> None:
    assert forecast({}, CYCLE, NOW, limit=100) is None
    assert forecast({date(2026, 12, 10): 5.0}, CYCLE, NOW) is None


def test_money_columns_follow_their_acu_columns() -> None:
    import pandas as pd

    from devin_data.analytics.spend import with_money

    frame = pd.DataFrame({"title": ["a", "b"], "acus_consumed": [1.5, None], "n": [1, 2]})
    priced = with_money(frame, 2.0, ["acus_consumed"])
    assert list(priced.columns) == ["title", "acus_consumed", "acus_consumed_usd", "n"]
    assert priced["acus_consumed_usd"].iloc[0] == 3.0
    assert pd.isna(priced["acus_consumed_usd"].iloc[1])
    assert with_money(frame, None, ["acus_consumed"]) is frame


def test_a_run_out_day_certain_at_every_pace_has_no_range() -> None:
    daily = series(date(2026, 10, 1), date(2026, 12, 11), 100)
    cast = forecast(daily, CYCLE, NOW, limit=2500)
    assert cast is not None
    assert cast.runs_out == cast.runs_out_early == cast.runs_out_late
    sentence = forecast_sentence(cast, what="monthly budget")
    assert sentence.endswith(
        "reaches its 2,500 ACU monthly budget on 25 Dec, 6 days before the cycle ends."
    )
