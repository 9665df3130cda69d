"""filter_sessions on a small inline frame: each filter, row labels and types, time zones."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from frame_fakes import frame, record, utc

from devin_data.analytics import (
    filter_sessions,
)

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
