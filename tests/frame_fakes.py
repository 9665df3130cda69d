"""Inline builders for frame and metrics tests: real ``Session.to_record()`` shapes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd

from devin_data.frames.sessions import build_sessions_frame
from devin_data.models import Session

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday


def record(sid: str, *, created: datetime = T0, **fields: Any) -> dict[str, Any]:
    """A cached session record with sensible defaults; ``fields`` override them."""
    values: dict[str, Any] = {
        "session_id": sid,
        "status": "exit",
        "title": f"Session {sid}",
        "origin": "webapp",
        "created_at": created,
        "updated_at": created + timedelta(minutes=30),
        "acus_consumed": 2.0,
        "num_user_messages": 2,
        "num_devin_messages": 10,
        "session_size": "m",
        "user_id": "user-ann",
    }
    values.update(fields)
    return Session.model_validate(values).to_record()


def frame(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    return build_sessions_frame(records)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)
