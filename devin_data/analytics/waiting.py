"""Where a session's time goes: Devin working, or waiting on a person, from message timestamps.

A session's time runs from its first to its last cached message. Waiting spans are the Session
detail page's waiting gaps (a Devin message answered by a person more than 10 minutes later); the
rest of the time Devin is working. Per-period figures split every span at local day or week
boundaries, so their totals equal the sum of the per-session spans.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from devin_data.analytics.endings import Bin
from devin_data.analytics.periods import calendar as period_calendar
from devin_data.analytics.periods import wall_to_utc_ns
from devin_data.analytics.session import WAIT_THRESHOLD, waiting_gaps
from devin_data.frames.columns import epoch_ns, wall

NO_USER = "(no user)"
HOUR_NS = 3_600 * 10**9
_CHUNK = 2_000


def session_spans(messages: pd.DataFrame, threshold: pd.Timedelta = WAIT_THRESHOLD) -> pd.DataFrame:
    """One row per session with messages: its first and last message, and its time split.

    ``messages`` is a ``build_messages_frame``. Columns: session_id, start, end (UTC), span,
    waiting, working (timedelta64[ns]; working = span − waiting), waits (int64).
    """
    dated = messages[messages["created_at"].notna()]
    by_session = dated.groupby("session_id", sort=True)["created_at"]
    spans = pd.DataFrame({"start": by_session.min(), "end": by_session.max()})
    gaps = waiting_gaps(dated, threshold)
    waits = gaps.groupby("session_id")["duration"].agg(["sum", "count"])
    spans["span"] = (spans["end"] - spans["start"]).astype("timedelta64[ns]")
    spans["waiting"] = waits["sum"].reindex(spans.index).fillna(pd.Timedelta(0))
    spans["waiting"] = spans["waiting"].astype("timedelta64[ns]")
    spans["working"] = spans["span"] - spans["waiting"]
    spans["waits"] = waits["count"].reindex(spans.index).fillna(0).astype("int64")
    return spans.rename_axis("session_id").reset_index()


def _overlap(
    starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64], edges: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Nanoseconds of the intervals [start, end) inside each bin [edges[i], edges[i + 1])."""
    total = np.zeros(len(edges) - 1, dtype="int64")
    for at in range(0, len(starts), _CHUNK):
        lo, hi = starts[at : at + _CHUNK, None], ends[at : at + _CHUNK, None]
        inside = np.minimum(hi, edges[None, 1:]) - np.maximum(lo, edges[None, :-1])
        total += np.clip(inside, 0, None).sum(axis=0)
    return total


def working_waiting_per_period(
    messages: pd.DataFrame, tz: str = "UTC", freq: Bin = "D"
) -> pd.DataFrame:
    """Hours of Devin working and waiting on a person per local day or week, zero-filled.

    Columns: period (datetime64[ns] wall-clock start), working_hours, waiting_hours (float64).
    """
    spans = session_spans(messages)
    if spans.empty:
        return pd.DataFrame(
            {"period": pd.DatetimeIndex([], dtype="datetime64[ns]"), "working_hours": 0.0}
        ).assign(waiting_hours=0.0)
    local = wall(pd.concat([spans["start"], spans["end"]]), tz)
    calendar = period_calendar(local.min(), local.max(), freq)
    step = pd.Timedelta(days=1 if freq == "D" else 7)
    edges = wall_to_utc_ns(pd.DatetimeIndex([*calendar, calendar[-1] + step]), tz)
    gaps = waiting_gaps(messages[messages["created_at"].notna()])
    whole = _overlap(epoch_ns(spans["start"]), epoch_ns(spans["end"]), edges)
    waiting = _overlap(epoch_ns(gaps["start"]), epoch_ns(gaps["end"]), edges)
    return pd.DataFrame(
        {
            "period": calendar,
            "working_hours": (whole - waiting) / HOUR_NS,
            "waiting_hours": waiting / HOUR_NS,
        }
    )


def person_of(sessions: pd.DataFrame) -> pd.Series:
    """Who a session belongs to: its creator, ``(no user)`` when it has none."""
    who = sessions["creator_id"]
    return who.astype("object").where(who.notna(), NO_USER)


def waiting_per_person(
    messages: pd.DataFrame, sessions: pd.DataFrame, top: int = 10
) -> pd.DataFrame:
    """Hours Devin waited on each person (the session's user), most first, the ``top`` of them.

    Columns: user, person (the name where known, else the id), waiting_hours (float64), waits
    (int64), sessions (int64 with messages).
    """
    spans = session_spans(messages)
    owner = pd.Series(person_of(sessions).to_numpy(), index=sessions["session_id"].to_numpy())
    spans["user"] = owner.reindex(spans["session_id"]).fillna(NO_USER).to_numpy()
    grouped = spans.groupby("user", as_index=False).agg(
        waiting=("waiting", "sum"), waits=("waits", "sum"), sessions=("session_id", "size")
    )
    grouped["waiting_hours"] = grouped["waiting"].dt.total_seconds() / 3600
    grouped = grouped[grouped["waits"] > 0].sort_values(
        ["waiting_hours", "user"], ascending=[False, True], kind="stable"
    )
    out = grouped.loc[:, ["user", "waiting_hours", "waits", "sessions"]].head(top)
    names = _names(sessions)
    out.insert(1, "person", [names.get(user, user) for user in out["user"]])
    return out.astype({"waits": "int64", "sessions": "int64"}).reset_index(drop=True)


def _names(sessions: pd.DataFrame) -> dict[str, str]:
    """Each person's name where the members list gives one (the frame's ``user_name``)."""
    if "user_name" not in sessions:
        return {}
    named = sessions.loc[sessions["user_name"].notna(), ["user_id", "user_name"]]
    return dict(named.drop_duplicates("user_id").itertuples(index=False, name=None))


def answer_times(messages: pd.DataFrame) -> pd.Series:
    """Every time a person took to answer Devin: a user message right after a Devin message."""
    ordered = messages.sort_values(["session_id", "message_index"], kind="stable")
    source = ordered["source"].astype("object")
    previous = source.groupby(ordered["session_id"], sort=False).shift(1)
    answered = (source == "user") & (previous == "devin") & ordered["gap_before"].notna()
    times: pd.Series = ordered.loc[answered, "gap_before"].astype("timedelta64[ns]")
    return times.reset_index(drop=True)


def median_answer_time(messages: pd.DataFrame) -> pd.Timedelta | None:
    """The median of :func:`answer_times`, None when no person answered Devin."""
    times = answer_times(messages)
    return pd.Timedelta(times.median()) if len(times) else None
