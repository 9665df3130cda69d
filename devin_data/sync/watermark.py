"""The sync's watermark: sessions updated after it are fetched by the next sync. One rule, here.

It is read from the API's own ``updated_at`` values, never from this machine's clock, and it
trails the newest one by :data:`WATERMARK_OVERLAP` (and by how long the fetch took), so sessions
updated while a sync ran, and stamps that are not strictly ordered, are read again by the next
one. It never moves back, but a watermark later than the newest stored update (one once taken
from a clock ahead of the API's) is pulled back to it before it is used.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from devin_data.models import Session
from devin_data.models.state import Plan

WATERMARK_OVERLAP = timedelta(minutes=10)


def newest_update(sessions: Iterable[Session]) -> float | None:
    """The largest ``updated_at`` among ``sessions`` (epoch seconds), None for none."""
    return max((s.last_update.timestamp() for s in sessions), default=None)


def next_watermark(previous: float | None, newest: float | None, lag: float = 0.0) -> float | None:
    """The newest ``updated_at`` returned, less the overlap and ``lag`` (how long the fetch took,
    so sessions updated during it are read again); the previous watermark when nothing came
    back, and never earlier than it."""
    if newest is None:
        return previous
    candidate = newest - WATERMARK_OVERLAP.total_seconds() - max(0.0, lag)
    return candidate if previous is None else max(previous, candidate)


def held_to_stored(watermark: float, stored: float | None) -> float:
    """The watermark to ask from: no later than the newest stored update less the overlap."""
    if stored is None:
        return watermark
    return min(watermark, stored - WATERMARK_OVERLAP.total_seconds())


def after_plan(plan: Plan, took: float) -> float:
    """The watermark after a finished cold plan: the newest ``updated_at`` it stored, less the
    overlap and the ``took`` seconds the plan ran; the plan's ``since`` when the organization
    had no session at all."""
    watermark = next_watermark(None, plan.get("newest"), took)
    return float(plan["since"]) if watermark is None else watermark


def after_listing(previous: float | None, listed: Iterable[Session], since: datetime) -> float:
    """The watermark after a v1 listing: from the newest listed update; ``since`` when nothing
    was ever listed, so any session updated since then is new."""
    watermark = next_watermark(previous, newest_update(listed))
    return since.timestamp() if watermark is None else watermark
