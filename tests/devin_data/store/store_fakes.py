"""Small builders for store tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from devin_data.models import Session

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday, ISO week 2026-W10


def make_session(sid: str, *, created: datetime = T0, **fields: Any) -> Session:
    """A v3-shaped session with sensible defaults; ``fields`` override them."""
    values: dict[str, Any] = {
        "session_id": sid,
        "status": "running",
        "status_detail": "working",
        "title": f"Session {sid}",
        "origin": "webapp",
        "created_at": created,
        "updated_at": created + timedelta(minutes=5),
        "acus_consumed": 1.5,
        "num_user_messages": 1,
        "num_devin_messages": 2,
        "session_size": "s",
    }
    values.update(fields)
    return Session.model_validate(values)


ANALYSIS = {
    "classification": {"category": "bug_fixing", "confidence": 0.9},
    "issues": [{"id": "i1", "issue": "Flaky test", "impact": "Low", "label": "Testing"}],
}
