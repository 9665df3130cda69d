"""One row per person (and service user): how much and how well they work with Devin.

Everything is grouped once by the creator's id with numpy and pandas, never row by row, so the
table of 100,000 sessions takes milliseconds. Figures a person's sessions do not report are NaN
(shown as not available), never 0: ACUs, merged-PR rate, L/XL share, messages, and the waits,
which need the session's messages in the cache.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from devin_data.analytics.adoption import period_start
from devin_data.analytics.kpis import LARGE_SIZES, as_utc
from devin_data.analytics.session import WAIT_THRESHOLD
from devin_data.frames.members import member_mask, positions_in

_WEEK = pd.Timedelta(days=7)


def replies(messages: pd.DataFrame) -> pd.DataFrame:
    """Every user message that answers a Devin message, with the time it took (``reply``).

    ``messages`` is a messages frame (``build_messages_frame``: sorted by session and time).
    Columns: session_id (str), reply (timedelta64[ns]).
    """
    source = messages["source"]
    is_user = (source == "user").to_numpy(dtype=bool, na_value=False)
    is_devin = (source == "devin").to_numpy(dtype=bool, na_value=False)
    sessions = messages["session_id"].to_numpy()
    follows = np.zeros(len(messages), dtype=bool)
    follows[1:] = is_devin[:-1] & (sessions[1:] == sessions[:-1])
    answered = is_user & follows & messages["gap_before"].notna().to_numpy()
    return pd.DataFrame(
        {
            "session_id": messages["session_id"][answered].reset_index(drop=True),
            "reply": messages["gap_before"][answered].reset_index(drop=True),
        }
    )


def _weeks(
    frame: pd.DataFrame, codes: np.ndarray, people: int, start: datetime | None, tz: str
) -> list[list[int]]:
    """Sessions per local Monday-started week of each person, from the first week on."""
    weeks = period_start(frame["created_at"], "wau", tz)
    first = weeks.min() if start is None else period_start(pd.Series([as_utc(start)]), "wau", tz)[0]
    index = ((weeks - first) // _WEEK).to_numpy(dtype="int64")
    span = int(index.max()) + 1 if len(index) else 1
    flat = np.bincount(codes * span + index, minlength=people * span)
    matrix: list[list[int]] = flat.reshape(people, span).tolist()
    return matrix


def _waits(
    frame: pd.DataFrame, codes: np.ndarray, people: int, answers: pd.DataFrame, cached: pd.Series
) -> dict[str, np.ndarray]:
    """Hours Devin waited on each person and their median time to answer, in minutes; NaN for
    people none of whose sessions has its messages cached."""
    where = positions_in(answers["session_id"], frame["session_id"])
    kept = where >= 0
    owner = codes[where[kept]]
    reply = answers["reply"][kept].to_numpy(dtype="timedelta64[ns]").astype("int64") / 1e9
    long_waits = np.where(reply > WAIT_THRESHOLD.total_seconds(), reply, 0.0)
    waited = np.bincount(owner, weights=long_waits, minlength=people) / 3600
    median = pd.Series(reply / 60).groupby(owner).median().reindex(range(people)).to_numpy()
    with_messages = np.bincount(codes[member_mask(frame["session_id"], cached)], minlength=people)
    return {
        "hours_waited": np.where(with_messages > 0, waited, np.nan),
        "median_answer_minutes": median,
        "sessions_with_messages": with_messages.astype("int64"),
    }


def person_table(
    frame: pd.DataFrame,
    answers: pd.DataFrame,
    cached: pd.Series,
    *,
    start: datetime | None = None,
    tz: str = "UTC",
) -> pd.DataFrame:
    """One row per creator of ``frame``'s sessions, busiest first.

    ``answers`` is :func:`replies` of the cached messages and ``cached`` the ids of the sessions
    whose messages are cached. Columns: user_id, user_name, team, is_service, sessions, acus,
    merged_pr_rate, share_large, user_messages_per_session, hours_waited,
    median_answer_minutes, sessions_with_messages, first_active, last_active, weekly_sessions.
    """
    every = frame["creator_code"].to_numpy()
    mine = frame[every >= 0]
    codes, _ = pd.factorize(every[every >= 0])  # integers: fast, never the id strings
    people = int(codes.max()) + 1 if len(codes) else 0
    size = mine["session_size"]
    values = pd.DataFrame(
        {
            "acus": mine["acus_consumed"].to_numpy(),
            "merged": mine["has_merged_pr"].to_numpy(dtype="float64", na_value=np.nan),
            "large": size.isin(LARGE_SIZES).astype("float64").where(size.notna()).to_numpy(),
            "messages": mine["num_user_messages"].to_numpy(dtype="float64", na_value=np.nan),
        }
    )
    grouped = values.groupby(codes)
    first_row = np.full(people, len(mine), dtype="int64")
    np.minimum.at(first_row, codes, np.arange(len(mine)))
    table = pd.DataFrame(
        {
            "user_id": mine["creator_id"].take(first_row).reset_index(drop=True),
            "user_name": _at(mine, "user_name", first_row),
            "team": _at(mine, "team", first_row),
            "is_service": mine["is_service"].to_numpy(dtype=bool)[first_row],
            "sessions": np.bincount(codes, minlength=people).astype("int64"),
            "acus": grouped["acus"].sum(min_count=1).to_numpy(),
            "merged_pr_rate": grouped["merged"].mean().to_numpy(),
            "share_large": grouped["large"].mean().to_numpy(),
            "user_messages_per_session": grouped["messages"].mean().to_numpy(),
            **_waits(mine, codes, people, answers, cached),
            "first_active": mine["created_at"].groupby(codes).min().reset_index(drop=True),
            "last_active": mine["updated_at"].groupby(codes).max().reset_index(drop=True),
            "weekly_sessions": _weeks(mine, codes, people, start, tz),
        }
    )
    table = table.sort_values(["sessions", "user_id"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


def _at(frame: pd.DataFrame, column: str, rows: np.ndarray) -> pd.Series:
    if column not in frame:
        return pd.Series(pd.array([None] * len(rows), dtype="str"))
    return frame[column].take(rows).reset_index(drop=True)


def without_messages(table: pd.DataFrame) -> int:
    """How many people of a :func:`person_table` have no session with its messages cached."""
    return int((table["sessions_with_messages"] == 0).sum())
