"""Working vs waiting on a person, from message timestamps: per session, per day, per person."""

from __future__ import annotations

import pandas as pd
from frame_fakes import frame, record, utc
from message_fakes import MESSAGES, SID, T0, message

from devin_data.analytics.waiting import (
    NO_USER,
    answer_times,
    median_answer_time,
    session_spans,
    waiting_per_person,
    working_waiting_per_period,
)
from devin_data.frames.activity import build_messages_frame

DAY = 86_400.0
# A second session that runs across local midnight in UTC: 23:00 → 03:00 next day, with a
# two-hour wait on a person from 23:30 to 01:30.
NIGHT = [
    message(15 * 3600, "user", "Start"),  # T0 is 08:00 UTC, so this is 23:00
    message(15.5 * 3600, "devin", "Question?"),
    message(17.5 * 3600, "user", "Answer"),
    message(19 * 3600, "devin", "Done"),
]


def _messages() -> pd.DataFrame:
    return build_messages_frame({SID: MESSAGES, "devin-night": NIGHT})


def test_a_session_splits_into_working_and_waiting() -> None:
    spans = session_spans(_messages()).set_index("session_id")
    one = spans.loc[SID]
    assert one["span"] == pd.Timedelta(seconds=300 + 45 * 60 + 700)
    assert one["waiting"] == pd.Timedelta(minutes=45) - pd.Timedelta(seconds=0)
    assert one["working"] == one["span"] - one["waiting"]
    assert one["waits"] == 1
    night = spans.loc["devin-night"]
    assert (night["span"], night["waiting"]) == (pd.Timedelta(hours=4), pd.Timedelta(hours=2))


def test_per_day_totals_equal_the_sum_of_the_per_session_spans() -> None:
    messages = _messages()
    spans = session_spans(messages)
    for zone in ("UTC", "Asia/Kolkata", "America/Los_Angeles"):
        for freq in ("D", "W"):
            days = working_waiting_per_period(messages, zone, freq)
            working = spans["working"].sum().total_seconds() / 3600
            waiting = spans["waiting"].sum().total_seconds() / 3600
            assert abs(days["working_hours"].sum() - working) < 1e-9, (zone, freq)
            assert abs(days["waiting_hours"].sum() - waiting) < 1e-9, (zone, freq)


def test_a_wait_across_midnight_is_split_between_the_two_days() -> None:
    night = build_messages_frame({"devin-night": NIGHT})
    days = working_waiting_per_period(night, "UTC", "D").set_index("period")
    first, second = pd.Timestamp("2026-01-01"), pd.Timestamp("2026-01-02")
    assert list(days.index) == [first, second]
    assert days.loc[first, "waiting_hours"] == 0.5  # 23:30 → 24:00
    assert days.loc[second, "waiting_hours"] == 1.5  # 00:00 → 01:30
    assert days.loc[first, "working_hours"] == 0.5  # 23:00 → 23:30
    assert days.loc[second, "working_hours"] == 1.5  # 01:30 → 03:00
    assert working_waiting_per_period(build_messages_frame({}), "UTC").empty


def test_hours_waiting_per_person_follow_the_sessions_user() -> None:
    sessions = frame(
        [
            record(SID, created=utc(2026, 1, 1, 8), user_id="user-ann"),
            record("devin-night", created=utc(2026, 1, 1, 23), user_id=None),
        ]
    )
    people = waiting_per_person(_messages(), sessions)
    assert people["user"].tolist() == [NO_USER, "user-ann"]
    assert people["waiting_hours"].tolist() == [2.0, 0.75]
    assert waiting_per_person(_messages(), sessions, top=1)["user"].tolist() == [NO_USER]


def test_the_median_answer_counts_every_reply_to_devin() -> None:
    times = answer_times(_messages())
    # MESSAGES: 45 min and 8 min; NIGHT: 2 h. A user message after a user message is no answer.
    assert sorted(times.dt.total_seconds()) == [480.0, 45 * 60.0, 7200.0]
    assert median_answer_time(_messages()) == pd.Timedelta(minutes=45)
    alone = build_messages_frame({SID: [message(0, "user", "hi"), message(DAY, "user", "?")]})
    assert median_answer_time(alone) is None
    assert T0 > 0


def test_people_read_by_name_where_the_members_list_gives_one() -> None:
    sessions = frame(
        [
            record(SID, created=utc(2026, 1, 1, 8), user_id="user-ann"),
            record("devin-night", created=utc(2026, 1, 1, 23), user_id="user-bob"),
        ]
    ).assign(user_name=pd.Series(["Ann Lee", pd.NA], dtype="object"))
    people = waiting_per_person(_messages(), sessions).set_index("user")
    assert people.loc["user-ann", "person"] == "Ann Lee"
    assert people.loc["user-bob", "person"] == "user-bob"  # no name known: the id
