"""Activity frames: messages over time and the observed status history of sessions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from devin_data.frames.columns import enum_categorical, str_series, utc_from_epoch
from devin_data.models import STATUS_DETAILS, STATUSES

MESSAGE_SOURCES = ("user", "devin")

Rows = Mapping[str, Sequence[Mapping[str, Any]]]


def _flatten(by_session: Rows) -> tuple[list[str], list[Mapping[str, Any]]]:
    session_ids: list[str] = []
    items: list[Mapping[str, Any]] = []
    for session_id, rows in by_session.items():
        session_ids.extend([session_id] * len(rows))
        items.extend(rows)
    return session_ids, items


def _sorted(frame: pd.DataFrame, time_column: str) -> pd.DataFrame:
    """Sessions in id order, each in time order; ties keep their input order."""
    return frame.sort_values(["session_id", time_column], kind="stable").reset_index(drop=True)


def build_messages_frame(messages: Rows) -> pd.DataFrame:
    """One row per message (``Message.to_record()`` shape), sorted by session and time.

    =============  ===================  ================================================
    column         dtype                meaning
    =============  ===================  ================================================
    session_id     str                  session the message belongs to
    created_at     datetime64[ns, UTC]  when it was sent
    source         category             "user", "devin", unknowns appended; NA allowed
    event_id       str (NA allowed)     API event id
    message_index  int64                0-based position of the message in its session
    gap_before     timedelta64[ns]      time since the session's previous message (NaT first)
    =============  ===================  ================================================
    """
    session_ids, items = _flatten(messages)
    frame = _sorted(
        pd.DataFrame(
            {
                "session_id": str_series(session_ids),
                "created_at": utc_from_epoch([item.get("created_at") for item in items]),
                "source": enum_categorical([item.get("source") for item in items], MESSAGE_SOURCES),
                "event_id": str_series([item.get("event_id") for item in items]),
            }
        ),
        "created_at",
    )
    by_session = frame.groupby("session_id", sort=False)
    frame["message_index"] = by_session.cumcount().to_numpy(dtype="int64")
    frame["gap_before"] = by_session["created_at"].diff().astype("timedelta64[ns]")
    return frame


def build_status_history_frame(history: Rows) -> pd.DataFrame:
    """One row per observed status change, sorted by session and observation time.

    =============  ===================  ==============================================
    column         dtype                meaning
    =============  ===================  ==============================================
    session_id     str                  observed session
    observed_at    datetime64[ns, UTC]  when a sync saw this status
    status         category             models.STATUSES first, unknowns appended
    status_detail  category             models.STATUS_DETAILS first, unknowns appended
    updated_at     datetime64[ns, UTC]  the session's updated_at at that time (NaT allowed)
    =============  ===================  ==============================================
    """
    session_ids, items = _flatten(history)
    frame = pd.DataFrame(
        {
            "session_id": str_series(session_ids),
            "observed_at": utc_from_epoch([item.get("observed_at") for item in items]),
            "status": enum_categorical([item.get("status") for item in items], STATUSES),
            "status_detail": enum_categorical(
                [item.get("status_detail") for item in items], STATUS_DETAILS
            ),
            "updated_at": utc_from_epoch([item.get("updated_at") for item in items]),
        }
    )
    return _sorted(frame, "observed_at")
