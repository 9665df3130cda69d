"""How one batch of sessions is merged into week shards, without any I/O of its own.

A :class:`ShardBatch` loads each touched shard once through a loader, lets :func:`upsert` change
it in memory, and hands back only the shards that really changed, so the store writes them all
in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from devin_data.models import Session

KINDS = ("sessions", "analysis", "history")
_CHANGE_FIELDS = ("updated_at", "status", "status_detail", "has_analysis")

Shard = dict[str, Any]
Loader = Callable[[str], Shard]


def week_key(created_at: float) -> str:
    """ISO week of a creation time, e.g. ``2026-W40``; a session never changes week."""
    year, week, _ = datetime.fromtimestamp(created_at, tz=UTC).isocalendar()
    return f"{year}-W{week:02d}"


def shard_key(kind: str, week: str) -> str:
    return f"{kind}:{week}"


def latest_per_id(sessions: Iterable[Session]) -> list[Session]:
    """One session per id, the most recently updated one, so a batch never fights itself."""
    best: dict[str, Session] = {}
    for session in sessions:
        seen = best.get(session.session_id)
        if seen is None or session.last_update >= seen.last_update:
            best[session.session_id] = session
    return list(best.values())


def classify(old: Shard | None, new: Shard) -> str:
    """``new``, ``changed`` (updated_at, status, detail or analysis presence) or ``unchanged``."""
    if old is None:
        return "new"
    if any(old.get(name) != new.get(name) for name in _CHANGE_FIELDS):
        return "changed"
    return "unchanged"


def observation(record: Shard, observed_at: float) -> Shard:
    return {
        "observed_at": observed_at,
        "status": record.get("status"),
        "status_detail": record.get("status_detail"),
        "updated_at": record.get("updated_at"),
    }


def append_observation(history: list[Shard], record: Shard, observed_at: float) -> bool:
    """Append a status observation unless (status, status_detail) equals the last one."""
    if history:
        last = history[-1]
        if (last.get("status"), last.get("status_detail")) == (
            record.get("status"),
            record.get("status_detail"),
        ):
            return False
    history.append(observation(record, observed_at))
    return True


class ShardBatch:
    """The shards one batch touches, loaded lazily and tracked for changes."""

    def __init__(self, loader: Loader) -> None:
        self._loader = loader
        self._shards: dict[str, Shard] = {}
        self._dirty: set[str] = set()

    def get(self, kind: str, week: str) -> Shard:
        key = shard_key(kind, week)
        if key not in self._shards:
            self._shards[key] = self._loader(key)
        return self._shards[key]

    def put(self, kind: str, week: str, session_id: str, value: Any) -> None:
        shard = self.get(kind, week)
        if shard.get(session_id) != value:
            shard[session_id] = value
            self._dirty.add(shard_key(kind, week))

    def pop(self, kind: str, week: str, session_id: str) -> Any:
        shard = self.get(kind, week)
        if session_id in shard:
            self._dirty.add(shard_key(kind, week))
        return shard.pop(session_id, None)

    def changed(self) -> dict[str, Shard]:
        return {key: self._shards[key] for key in sorted(self._dirty)}


def _take_out(batch: ShardBatch, week: str, session_id: str) -> tuple[Any, ...]:
    """Remove a session from a shard week it should not be in, keeping its data."""
    return tuple(batch.pop(kind, week, session_id) for kind in KINDS)


def upsert(batch: ShardBatch, ids: dict[str, str], session: Session, observed_at: float) -> str:
    """Merge one session into its week shards; returns how it compares with what was stored."""
    sid = session.session_id
    record = session.to_record()
    week = week_key(record["created_at"])
    old_week = ids.get(sid)
    old_record, old_analysis, old_history = None, None, None
    if old_week is not None and old_week != week:
        old_record, old_analysis, old_history = _take_out(batch, old_week, sid)
    else:
        old_record = batch.get("sessions", week).get(sid)
    analysis = session.analysis_record()
    if analysis is None and old_analysis is not None:
        analysis = old_analysis
    if analysis is not None:
        batch.put("analysis", week, sid, analysis)
    kept = bool(old_record and old_record.get("has_analysis"))
    record["has_analysis"] = analysis is not None or kept
    batch.put("sessions", week, sid, record)
    history = list(old_history or batch.get("history", week).get(sid) or [])
    if append_observation(history, record, observed_at) or old_history is not None:
        batch.put("history", week, sid, history)
    ids[sid] = week
    return classify(old_record, record)


def weeks_of(keys: Sequence[str]) -> set[str]:
    return {key.split(":", 1)[1] for key in keys}
