"""Messages of one session, with a 45-minute wait on a person, for message and chart tests."""

from __future__ import annotations

import pandas as pd

SID = "devin-abc"
T0 = 1_767_254_400.0  # 2026-01-01 08:00:00 UTC


def message(offset_s: float, source: str, text: str) -> dict[str, object]:
    return {"created_at": T0 + offset_s, "source": source, "message": text, "event_id": None}


MESSAGES = [
    message(0, "user", "Please fix the orders page."),
    message(60, "devin", "Looking into it."),
    message(300, "devin", "Which branch should I use?"),
    message(300 + 45 * 60, "user", "main"),  # answered after 45 minutes: a wait
    message(300 + 45 * 60 + 120, "devin", "Done, PR opened."),
    message(300 + 45 * 60 + 600, "user", "Thanks!"),  # 8 minutes: not a wait
    message(300 + 45 * 60 + 700, "devin", '<script>alert("x")</script> shipped'),
]


def utc(offset_s: float) -> pd.Timestamp:
    return pd.Timestamp(T0 + offset_s, unit="s", tz="UTC")
