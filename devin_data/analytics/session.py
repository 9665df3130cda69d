"""One session's messages in time order, and the spans where Devin waited on a person.

A wait is the time from a Devin message to the user message that answers it, when the user
message comes after the threshold (10 minutes by default). A Devin message left unanswered at the
end of the session is not a wait: nobody was asked to come back.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from devin_data.frames.activity import build_messages_frame
from devin_data.frames.columns import str_series

WAIT_THRESHOLD = pd.Timedelta(minutes=10)
PREVIEW_CHARS = 80

GAP_COLUMNS = ("session_id", "start", "end", "duration")


def _sort_key(record: Mapping[str, Any]) -> float:
    value = record.get("created_at")
    if isinstance(value, int | float) and not math.isnan(value):
        return float(value)
    return math.inf


def session_messages_frame(session_id: str, records: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """``build_messages_frame`` of one session plus a ``message`` column with each text.

    Records are ``Message.to_record()`` dicts (``created_at`` in epoch seconds); rows come out in
    time order, ties in input order.
    """
    ordered = sorted(records, key=_sort_key)
    frame = build_messages_frame({session_id: ordered})
    frame["message"] = str_series([str(r.get("message") or "") for r in ordered])
    return frame


def waiting_gaps(frame: pd.DataFrame, threshold: pd.Timedelta = WAIT_THRESHOLD) -> pd.DataFrame:
    """Spans where Devin waited on a person, from a messages frame (``build_messages_frame``).

    Columns: session_id (str), start (the Devin message), end (the next user message) as
    datetime64[ns, UTC], duration (timedelta64[ns]); only spans longer than ``threshold``.
    """
    ordered = frame.sort_values(["session_id", "message_index"], kind="stable")
    source = pd.Series(
        [value if isinstance(value, str) else "" for value in ordered["source"]],
        index=ordered.index,
        dtype="object",
    )
    previous = source.groupby(ordered["session_id"], sort=False).shift(1, fill_value="")
    waited = (
        (source == "user").to_numpy(dtype=bool)
        & (previous == "devin").to_numpy(dtype=bool)
        & (ordered["gap_before"] > threshold).to_numpy(dtype=bool)
    )
    rows = ordered[waited]
    gaps = pd.DataFrame(
        {
            "session_id": rows["session_id"].astype("str"),
            "start": rows["created_at"] - rows["gap_before"],
            "end": rows["created_at"],
            "duration": rows["gap_before"].astype("timedelta64[ns]"),
        }
    )
    return gaps.reset_index(drop=True)


def total_wait(gaps: pd.DataFrame) -> pd.Timedelta:
    """The summed duration of the waiting spans (zero when there are none)."""
    return pd.Timedelta(gaps["duration"].sum()) if len(gaps) else pd.Timedelta(0)


def preview(text: object, limit: int = PREVIEW_CHARS) -> str:
    """The first ``limit`` characters on one line, HTML-escaped for a Plotly hover label."""
    flat = " ".join(str(text or "").split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return html.escape(flat, quote=False)
