"""The KPIs of a period against the period before it: changes, shares in points, coverage."""

from __future__ import annotations

from datetime import timedelta

import pytest
from frame_fakes import frame, record, utc

from devin_data.analytics import (
    KPI_DEFINITIONS,
    Kpi,
    compare_periods,
)
from devin_data.frames.availability import NO_VALUE_REASON

PERIODS = frame(
    [record(f"p{i}", created=utc(2026, 2, 20 + i), acus_consumed=1.0) for i in range(3)]
    + [
        record(f"n{i}", created=utc(2026, 3, 1) + timedelta(hours=i), acus_consumed=2.0)
        for i in range(6)
    ]
)


def test_compare_periods_comparable() -> None:
    got = compare_periods(PERIODS, utc(2026, 3, 1), utc(2026, 3, 11), utc(2026, 1, 1))
    assert [kpi.name for kpi in got] == list(KPI_DEFINITIONS)
    sessions = got[0]
    assert sessions == Kpi(
        name="sessions",
        spec=KPI_DEFINITIONS["sessions"],
        value=6,
        previous=3,
        delta=3,
        delta_pct=1.0,
        reason=None,
    )
    assert sessions.comparable
    assert sessions.change == "+100%"
    acus = got[1]
    assert (acus.value, acus.previous, acus.delta, acus.delta_pct) == (12.0, 3.0, 9.0, 3.0)
    assert acus.formatted == "12.00"
    assert acus.change == "+300%"


def _sized(prefix: str, day: int, sessions: int, large: int, analysed: int = 0) -> list[dict]:
    return [
        record(
            f"{prefix}{i}",
            created=utc(2026, 3, day, 12),
            session_size="xl" if i < large else "s",
            analysis={"issues": []} if i < analysed else None,
        )
        for i in range(sessions)
    ]


def test_shares_change_in_percentage_points() -> None:
    # L/XL 19.2% -> 18.4% is -0.8 pp (a 4% relative fall); insights 67% -> 0% is -67 pp.
    rows = frame(_sized("p", 1, 125, 24, analysed=84) + _sized("n", 2, 125, 23))
    got = {k.name: k for k in compare_periods(rows, utc(2026, 3, 2), utc(2026, 3, 3), None)}
    large = got["share_large"]
    assert (large.formatted, format(large.previous, large.fmt)) == ("18.4%", "19.2%")
    assert large.change == "-0.8 pp"
    assert large.delta == pytest.approx(-0.008)
    assert large.delta_pct == pytest.approx(-1 / 24)
    insights = got["share_with_insights"]
    assert (insights.formatted, format(insights.previous, insights.fmt)) == ("0.0%", "67.2%")
    assert insights.change == "-67.2 pp"
    assert got["sessions"].change == "no change"


def test_a_change_too_small_to_show_is_no_change() -> None:
    rows = frame(_sized("p", 1, 1000, 100) + _sized("n", 2, 1000, 100) + _sized("x", 2, 1, 0))
    got = {k.name: k for k in compare_periods(rows, utc(2026, 3, 2), utc(2026, 3, 3), None)}
    assert got["share_large"].delta != 0
    assert got["share_large"].change == "no change"
    assert got["sessions"].delta == 1
    assert got["sessions"].change == "no change"


def test_an_amount_from_zero_changes_by_its_difference() -> None:
    rows = frame(
        [
            *_sized("p", 1, 2, 0),
            record("m", created=utc(2026, 3, 2, 8), pull_requests=[{"pr_state": "merged"}]),
        ]
    )
    got = {k.name: k for k in compare_periods(rows, utc(2026, 3, 2), utc(2026, 3, 3), None)}
    merged = got["sessions_with_merged_pr"]
    assert (merged.previous, merged.value, merged.delta_pct) == (0, 1, None)
    assert merged.change == "+1"


def test_compare_periods_not_covered_by_synced_data() -> None:
    got = compare_periods(PERIODS, utc(2026, 3, 1), utc(2026, 3, 11), utc(2026, 2, 24, 12))
    reason = "previous period not fully covered by synced data (synced from 2026-02-24)"
    assert all(not kpi.comparable and kpi.reason == reason for kpi in got)
    assert all(kpi.delta is None and kpi.delta_pct is None for kpi in got)
    assert all(kpi.change is None for kpi in got)
    assert got[0].previous == 3


def test_the_synced_from_day_is_the_viewers_day() -> None:
    """Synced from 23:30 UTC on 24 Feb is already 25 Feb in Kolkata and still 24 Feb in LA."""
    coverage = utc(2026, 2, 24, 23, 30)
    for zone, day in (("Asia/Kolkata", "2026-02-25"), ("America/Los_Angeles", "2026-02-24")):
        got = compare_periods(PERIODS, utc(2026, 3, 1), utc(2026, 3, 11), coverage, tz=zone)
        assert {kpi.reason for kpi in got} == {
            f"previous period not fully covered by synced data (synced from {day})"
        }


def test_compare_periods_coverage_exactly_at_previous_start_is_comparable() -> None:
    got = compare_periods(PERIODS, utc(2026, 3, 1), utc(2026, 3, 11), utc(2026, 2, 19))
    assert all(kpi.comparable for kpi in got)


def test_compare_periods_without_previous_sessions() -> None:
    got = {
        kpi.name: kpi for kpi in compare_periods(PERIODS, utc(2026, 3, 1), utc(2026, 3, 2), None)
    }
    assert got["sessions"].comparable
    assert got["sessions"].delta == 6
    assert got["sessions"].delta_pct is None
    assert got["sessions"].change == "+6"
    assert not got["acus_per_session"].comparable
    assert got["acus_per_session"].reason == "no sessions in the previous period"
    assert got["share_large"].formatted == "0.0%"


def test_a_previous_period_without_reported_values_is_not_compared() -> None:
    rows = frame(
        [
            record("p", created=utc(2026, 3, 1, 8), acus_consumed=None),
            record("n", created=utc(2026, 3, 2, 8), acus_consumed=2.0),
        ]
    )
    got = {k.name: k for k in compare_periods(rows, utc(2026, 3, 2), utc(2026, 3, 3), None)}
    assert got["acus"].formatted == "2.00"
    assert got["acus"].reason == f"previous period: {NO_VALUE_REASON}"
    assert got["acus"].change is None
