"""filter_sessions, kpis and compare_periods: values or reasons, pp changes, colours."""

from __future__ import annotations

from datetime import datetime

import pytest
from frame_fakes import frame, record, utc

from devin_data.analytics import (
    KPI_DEFINITIONS,
    Measure,
    compare_periods,
    kpis,
)
from devin_data.analytics.definitions import definition_of
from devin_data.frames.availability import NO_VALUE_REASON, V1_REASON
from devin_data.models import Session, normalize_v1


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
