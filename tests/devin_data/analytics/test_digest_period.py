"""The digest's period is the Overview's: local days in the viewer's zone, not a rolling window."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from frame_fakes import frame, record, utc

from devin_data.analytics.digest import DigestInput, digest
from devin_data.analytics.kpis import compare_periods
from devin_data.config import SpendSettings
from devin_data.services.report import period_spec

# 23:30 in Los Angeles on Friday 13 March: the local day ends in half an hour.
NOW = utc(2026, 3, 14, 6, 30)
ZONE = "America/Los_Angeles"


def _input(days: int) -> DigestInput:
    start, end = period_spec(days, ZONE, NOW).window(NOW)
    assert start is not None
    assert end is not None
    records = [
        # Inside a rolling 30 x 24 h window, but on the day before the 30 local days.
        record("early", created=NOW - timedelta(days=30) + timedelta(hours=1)),
        record("in", created=NOW - timedelta(days=3)),
        record("late", created=NOW - timedelta(minutes=5), user_id="user-bo"),
    ]
    named = frame(records).assign(user_name=["Ann Lee", "Ann Lee", "Bo Chen"])
    return DigestInput(
        org="org-x",
        frame=named,
        messages=None,
        view=None,
        spend=SpendSettings(),
        now=NOW,
        days=days,
        coverage_start=None,
        api="v3",
        window=(start, end),
        tz=ZONE,
    )


def test_thirty_local_days_near_midnight_are_labelled_and_counted_as_the_overview_counts() -> None:
    found = _input(30)
    title, blocks = digest(found)
    assert title == "Devin digest for org-x: 12 Feb 2026 to 13 Mar 2026"  # 30 dates, not 31
    table = next(block[1] for block in blocks if block[0] == "table")
    sessions_row = next(row for row in table if row[0] == "Sessions")
    overview = compare_periods(found.frame, *found.window, None, api="v3", tz=ZONE)
    assert sessions_row[1] == next(k for k in overview if k.name == "sessions").formatted
    assert sessions_row[1] == "2"  # a rolling window would count "early" too
    rolling = found.frame[found.frame["created_at"] >= NOW - timedelta(days=30)]
    assert len(rolling) == 3


def test_people_are_named_in_the_report() -> None:
    found = _input(7)
    errors = found.frame.assign(status="error")
    _, blocks = digest(replace(found, frame=errors))
    people = [row[0] for block in blocks if block[0] == "table" for row in block[1]]
    assert "Ann Lee" in people
    assert "Bo Chen" in people
    assert "user-ann" not in people


def test_the_error_alert_counts_the_same_local_days() -> None:
    found = _input(30)
    errors = replace(found, frame=found.frame.assign(status="error"))
    errors = replace(errors, spend=SpendSettings(alert_error_share=0.1))
    _, blocks = digest(errors)
    (alert,) = [text for kind, text in blocks if kind == "alert"]
    assert "of the 2 sessions created in the last 30 days" in alert  # not the rolling 3
