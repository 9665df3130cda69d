"""filter_sessions, kpis and compare_periods: values or reasons, pp changes, colours."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from frame_fakes import frame, record, utc

from devin_data.analytics import (
    KPI_DEFINITIONS,
    Kpi,
    Measure,
    compare_periods,
    filter_sessions,
    kpis,
)
from devin_data.analytics.definitions import definition_of
from devin_data.frames.availability import NO_VALUE_REASON, V1_REASON
from devin_data.models import Session, normalize_v1

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


def test_filtered_sessions_keep_their_rows_labels_and_types() -> None:
    shuffled = SESSIONS.iloc[[2, 0, 1]].set_axis([30, 10, 20])
    kept = filter_sessions(shuffled, sizes=["xs", "xl"])
    pd.testing.assert_frame_equal(kept, shuffled.loc[[30, 10]])
    whole = filter_sessions(SESSIONS)
    pd.testing.assert_frame_equal(whole, SESSIONS, check_index_type=True)
    assert whole is not SESSIONS


def test_filter_bounds_follow_the_given_timezone() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # 2026-03-03 00:00 Berlin is 2026-03-02 23:00 UTC, so b2 (23:59 UTC) is on the 3rd there.
    got = filter_sessions(SESSIONS, start=datetime(2026, 3, 3, tzinfo=berlin))
    assert _ids(got) == ["devin-b2", "devin-c3"]


def test_filter_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone"):
        filter_sessions(SESSIONS, start=datetime(2026, 3, 1))


def _values(measures: dict[str, Measure]) -> dict[str, float | None]:
    return {name: measure.value for name, measure in measures.items()}


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
    got = kpis(frame(rows))
    assert _values(got) == {
        "sessions": 4,
        "acus": 12.0,
        "acus_per_session": 3.0,
        "sessions_with_merged_pr": 1,
        "median_user_messages": 3.0,
        "share_large": pytest.approx(2 / 3),
        "share_with_insights": 0.25,
    }
    assert all(measure.missing is None for measure in got.values())
    assert got["median_user_messages"].note == "user messages of 1 of 4 sessions not reported"
    assert got["share_large"].note == "size class of 1 of 4 sessions not reported"
    assert got["acus"].note is None


def test_kpis_of_no_sessions() -> None:
    got = kpis(frame([]))
    assert _values(got) == {
        "sessions": 0,
        "acus": 0.0,
        "acus_per_session": None,
        "sessions_with_merged_pr": 0,
        "median_user_messages": None,
        "share_large": None,
        "share_with_insights": None,
    }
    assert all(m.missing is None and m.note is None for m in got.values())


def v1_record(sid: str, created: datetime, *, pr: bool = False, users: int = 1) -> dict:
    """A session as the v1 details endpoint describes it, mapped like the sync maps it."""
    messages = [
        {"type": "user_message", "timestamp": created, "message": "hi", "origin": "web"}
    ] * users
    payload = {
        "session_id": sid,
        "status": "running",
        "status_enum": "finished",
        "created_at": created.isoformat(),
        "updated_at": created.isoformat(),
        "pull_request": {"url": f"https://github.com/acme/web/pull/{sid}"} if pr else None,
        "messages": messages,
    }
    return normalize_v1(Session.model_validate(payload)).to_record()


V1_SESSIONS = frame(
    [v1_record(f"old{i}", utc(2026, 2, 25, i)) for i in range(2)]
    + [v1_record(f"v{i}", utc(2026, 3, 2, i), pr=i < 2, users=i + 1) for i in range(4)]
)
V1_MISSING = {
    "acus",
    "acus_per_session",
    "sessions_with_merged_pr",
    "share_large",
    "share_with_insights",
}


def test_kpis_with_a_v1_key_say_what_the_api_does_not_report() -> None:
    got = kpis(V1_SESSIONS, "v1")
    for name in V1_MISSING:
        assert got[name] == Measure(None, missing=V1_REASON), name
    assert got["sessions"] == Measure(6)
    assert got["median_user_messages"] == Measure(1.5)


def test_a_v1_comparison_shows_no_value_and_no_change_where_the_api_is_silent() -> None:
    got = {
        kpi.name: kpi
        for kpi in compare_periods(
            V1_SESSIONS, utc(2026, 3, 1), utc(2026, 3, 8), utc(2026, 1, 1), api="v1"
        )
    }
    for name in V1_MISSING:
        kpi = got[name]
        assert (kpi.formatted, kpi.missing, kpi.reason) == ("not available", V1_REASON, V1_REASON)
        assert kpi.delta is None
        assert kpi.change is None
        assert "0" not in kpi.formatted
    assert got["sessions"].formatted == "4"
    assert got["sessions"].change == "+100%"
    assert got["median_user_messages"].formatted == "2.5"


def test_the_same_records_read_as_v3_count_no_merges_from_unknown_states() -> None:
    got = kpis(V1_SESSIONS, "v3")
    assert got["acus"] == Measure(None, missing=NO_VALUE_REASON)
    assert got["share_large"] == Measure(None, missing=NO_VALUE_REASON)
    merged = got["sessions_with_merged_pr"]
    assert merged == Measure(0, note="pull request state of 2 of 6 sessions not reported")


def test_unreported_acus_are_left_out_and_counted() -> None:
    rows = frame(
        [
            record("a", acus_consumed=4.0),
            record("b", acus_consumed=None),
            record("c", acus_consumed=2.0),
        ]
    )
    got = kpis(rows)
    note = "ACUs of 1 of 3 sessions not reported"
    assert got["acus"] == Measure(6.0, note=note)
    assert got["acus_per_session"] == Measure(3.0, note=note)


def test_merged_sessions_with_some_states_unknown() -> None:
    rows = frame(
        [
            record("a", pull_requests=[{"pr_url": "1", "pr_state": "merged"}, {"pr_url": "2"}]),
            record("b", pull_requests=[{"pr_url": "3"}]),
            record("c", pull_requests=[{"pr_url": "4", "pr_state": "open"}]),
            record("d"),
        ]
    )
    got = kpis(rows)["sessions_with_merged_pr"]
    assert got == Measure(1, note="pull request state of 1 of 4 sessions not reported")


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
    assert acus.formatted == "12.0"
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


def test_every_kpi_has_its_definition_and_a_colour_that_fits_its_meaning() -> None:
    for spec in KPI_DEFINITIONS.values():
        assert spec.help == definition_of(spec.definition)
    colours = {name: spec.delta_color for name, spec in KPI_DEFINITIONS.items()}
    # Spending more is never shown as a success.
    assert colours["acus"] in ("off", "inverse")
    assert colours["acus_per_session"] == "inverse"
    assert colours["median_user_messages"] == "inverse"
    assert colours["sessions_with_merged_pr"] == "normal"
    assert colours["share_with_insights"] == "normal"
    shares = [name for name, spec in KPI_DEFINITIONS.items() if spec.share]
    assert shares == ["share_large", "share_with_insights"]


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
    assert got["acus"].formatted == "2.0"
    assert got["acus"].reason == f"previous period: {NO_VALUE_REASON}"
    assert got["acus"].change is None
