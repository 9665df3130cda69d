"""New, returning and inactive people, active users per period and the per-person table, on
small hand-made frames."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
from frame_fakes import T0, frame, record

from devin_data.analytics.adoption import adoption, computed_active
from devin_data.analytics.person_table import person_table, replies
from devin_data.frames.activity import build_messages_frame

DAY = timedelta(days=1)


def _sessions() -> pd.DataFrame:
    """Ann: before and in the period. Bob: only in it. Cy: only 40 days before it ends.
    Dee: 10 days before it. A service user in it too."""
    start = T0 + 50 * DAY
    return frame(
        [
            record("devin-a1", created=start - 20 * DAY, user_id="user-ann"),
            record("devin-a2", created=start + DAY, user_id="user-ann"),
            record("devin-b1", created=start + 2 * DAY, user_id="user-bob"),
            record("devin-c1", created=start - 33 * DAY, user_id="user-cy"),
            record("devin-d1", created=start - 10 * DAY, user_id="user-dee"),
            record(
                "devin-s1", created=start + DAY, user_id=None, service_user_id="service-user-ci"
            ),
        ]
    )


def test_new_returning_and_inactive_people() -> None:
    start = T0 + 50 * DAY
    found = adoption(_sessions(), start, start + 7 * DAY)
    assert found.active == {"user-ann", "user-bob"}
    assert found.new == {"user-bob"}
    assert found.returning == {"user-ann"}
    # Cy's last session is 40 days before the end; Dee's 17 days: only Cy has gone quiet.
    assert found.inactive == {"user-cy"}
    assert found.counts() == {"active": 2, "new": 1, "returning": 1, "inactive": 1}


def test_active_users_per_week_follow_the_zone() -> None:
    late = T0 + timedelta(days=6, hours=14)  # Sunday 23:00 UTC is Monday in Berlin
    sessions = frame(
        [
            record("devin-1", created=T0, user_id="user-ann"),
            record("devin-2", created=late, user_id="user-bob"),
            record("devin-3", created=T0, user_id=None, service_user_id="service-user-ci"),
        ]
    )
    utc = computed_active(sessions, "wau", "UTC")
    assert utc["active_users"].tolist() == [2]
    berlin = computed_active(sessions, "wau", "Europe/Berlin")
    assert berlin["active_users"].tolist() == [1, 1]
    assert computed_active(sessions, "mau", "UTC")["active_users"].tolist() == [2]


def test_person_table_waits_only_where_messages_are_cached() -> None:
    sessions = frame(
        [
            record("devin-1", created=T0, user_id="user-ann"),
            record("devin-2", created=T0 + DAY, user_id="user-ann"),
            record("devin-3", created=T0 + 8 * DAY, user_id="user-bob"),
        ]
    )
    at = T0.timestamp()
    messages = build_messages_frame(
        {
            "devin-1": [
                {"created_at": at, "source": "user", "message": "go"},
                {"created_at": at + 60, "source": "devin", "message": "question?"},
                {"created_at": at + 60 + 30 * 60, "source": "user", "message": "answer"},
                {"created_at": at + 60 + 31 * 60, "source": "devin", "message": "again?"},
                {"created_at": at + 60 + 33 * 60, "source": "user", "message": "yes"},
            ]
        }
    )
    table = person_table(
        sessions, replies(messages), messages["session_id"].drop_duplicates(), start=T0
    ).set_index("user_id")
    assert table.loc["user-ann", "sessions"] == 2
    assert table.loc["user-ann", "hours_waited"] == 0.5  # only the 30-minute answer is a wait
    assert table.loc["user-ann", "median_answer_minutes"] == 16.0  # of 30 and 2 minutes
    assert np.isnan(table.loc["user-bob", "hours_waited"])  # no cached messages: unknown
    assert table.loc["user-ann", "weekly_sessions"] == [2, 0]
    assert table.loc["user-bob", "weekly_sessions"] == [0, 1]
    assert table.loc["user-ann", "first_active"] == pd.Timestamp(T0)
