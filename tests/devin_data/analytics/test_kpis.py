"""filter_sessions, kpis and compare_periods on small inline frames."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from frame_fakes import frame, record, utc

from devin_data.analytics import KPI_DEFINITIONS, Kpi, compare_periods, filter_sessions, kpis

SESSIONS = frame(
    [
        record(
            "a1",
            created=utc(2026, 3, 1, 10),
            origin="slack",
            category="bug_fixing",
            session_size="xs",
            status="exit",
            tags=["frontend", "bug"],
            title="Fix Pagination bug",
        ),
        record(
            "b2",
            created=utc(2026, 3, 2, 23, 59),
            origin="api",
            category="feature_development",
            session_size="l",
            status="running",
            tags=["backend"],
            user_id=None,
            service_user_id="svc-ci",
        ),
        record(
            "c3",
            created=utc(2026, 3, 3),
            origin="webapp",
            session_size="xl",
            status="error",
            user_id="user-bob",
            title=None,
        ),
    ]
)


def _ids(result) -> list[str]:
    return result["session_id"].tolist()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["devin-a1", "devin-b2", "devin-c3"]),
        ({"start": utc(2026, 3, 2, 23, 59)}, ["devin-b2", "devin-c3"]),
        ({"end": utc(2026, 3, 3)}, ["devin-a1", "devin-b2"]),
        ({"origins": ["slack", "webapp"]}, ["devin-a1", "devin-c3"]),
        ({"categories": ["feature_development"]}, ["devin-b2"]),
        ({"sizes": ["l", "xl"]}, ["devin-b2", "devin-c3"]),
        ({"statuses": ["error"]}, ["devin-c3"]),
        ({"users": ["user-bob"]}, ["devin-c3"]),
        ({"users": ["svc-ci"]}, ["devin-b2"]),
        ({"tags": ["bug", "backend"]}, ["devin-a1", "devin-b2"]),
        ({"search": "pagination"}, ["devin-a1"]),
        ({"search": "C3"}, ["devin-c3"]),
        ({"search": "bug ("}, []),
        ({"origins": ["slack"], "sizes": ["l"]}, []),
    ],
)
def test_filter_sessions_each_filter(filters, expected) -> None:
    assert _ids(filter_sessions(SESSIONS, **filters)) == expected


def test_filter_bounds_follow_the_given_timezone() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # 2026-03-03 00:00 Berlin is 2026-03-02 23:00 UTC, so b2 (23:59 UTC) is on the 3rd there.
    got = filter_sessions(SESSIONS, start=datetime(2026, 3, 3, tzinfo=berlin))
    assert _ids(got) == ["devin-b2", "devin-c3"]


def test_filter_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone"):
        filter_sessions(SESSIONS, start=datetime(2026, 3, 1))


def test_kpis_values() -> None:
    rows = [
        record("a", acus_consumed=1.0, num_user_messages=1, session_size="xs"),
        record("b", acus_consumed=2.0, num_user_messages=3, session_size="l"),
        record(
            "c",
            acus_consumed=6.0,
            num_user_messages=None,
            session_size=None,
            pull_requests=[{"pr_url": "u", "pr_state": "merged"}],
            analysis={"issues": []},
        ),
        record("d", acus_consumed=3.0, num_user_messages=10, session_size="xl"),
    ]
    assert kpis(frame(rows)) == {
        "sessions": 4,
        "acus": 12.0,
        "acus_per_session": 3.0,
        "sessions_with_merged_pr": 1,
        "median_user_messages": 3.0,
        "share_large": pytest.approx(2 / 3),
        "share_with_insights": 0.25,
    }


def test_kpis_of_no_sessions() -> None:
    assert kpis(frame([])) == {
        "sessions": 0,
        "acus": 0.0,
        "acus_per_session": None,
        "sessions_with_merged_pr": 0,
        "median_user_messages": None,
        "share_large": None,
        "share_with_insights": None,
    }


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
        label="Sessions",
        value=6,
        previous=3,
        delta=3,
        delta_pct=1.0,
        comparable=True,
        reason=None,
        fmt=",.0f",
    )
    acus = got[1]
    assert (acus.value, acus.previous, acus.delta, acus.delta_pct) == (12.0, 3.0, 9.0, 3.0)
    assert acus.formatted == "12.0"


def test_compare_periods_not_covered_by_synced_data() -> None:
    got = compare_periods(PERIODS, utc(2026, 3, 1), utc(2026, 3, 11), utc(2026, 2, 24, 12))
    reason = "previous period not fully covered by synced data (synced from 2026-02-24)"
    assert all(not kpi.comparable and kpi.reason == reason for kpi in got)
    assert all(kpi.delta is None and kpi.delta_pct is None for kpi in got)
    assert got[0].previous == 3


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
    assert not got["acus_per_session"].comparable
    assert got["acus_per_session"].reason == "no sessions in the previous period"
    assert got["share_large"].formatted == "0%"
