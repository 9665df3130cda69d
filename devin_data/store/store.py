"""The local cache of one organization's sessions: diskcache on disk, JSON inside, never pickle.

Layout of the cache in ``cache_dir/<scope>`` (the scope is a one-way fingerprint of URL, org and
key, so two credentials never share data and the key is stored nowhere):

- ``meta``: schema_version, scope, generation, version counter, coverage_start, watermark,
  last_sync and the pending cold-sync plan;
- ``shards``: the list of ISO weeks that have shards; ``ids``: ``{session_id: week}``;
- ``sessions:2026-W40`` ``{session_id: record}``, ``analysis:2026-W40`` ``{session_id: analysis}``,
  ``history:2026-W40`` ``{session_id: [observation, ...]}``, sharded by the week of created_at;
- ``messages:<session_id>`` ``[message, ...]`` and ``messages_index`` ``{session_id: updated_at}``;
- ``failures`` ``{session_id: {"reason", "at"}}``.

Anything unreadable (not a database, invalid JSON, unknown schema) is moved aside and rebuilt
empty with a warning in :attr:`Store.warnings`; the next sync refetches it.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from devin_data._gc import gc_paused
from devin_data.models import Message, Session
from devin_data.store import shards as _shards
from devin_data.store.base import StoreBase


@dataclass(frozen=True)
class BatchResult:
    """How a written batch compared with the cache: new, changed and unchanged sessions."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0


class Store(StoreBase):
    """Sessions, analyses, status history and messages of one scope, read in ~N_weeks gets."""

    @classmethod
    def open(cls, cache_dir: Path, scope: str) -> Store:
        """Open (creating or rebuilding as needed) the cache folder ``cache_dir/<scope>``."""
        return cls(Path(cache_dir), scope)

    def __enter__(self) -> Store:
        return self

    def write_batch(
        self,
        sessions: Sequence[Session],
        *,
        observed_at: datetime,
        meta: Mapping[str, Any] | None = None,
    ) -> BatchResult:
        """Upsert records, analyses, messages and status observations, and meta, atomically."""
        latest = _shards.latest_per_id(sessions)
        at = observed_at.timestamp()

        def write() -> Counter[str]:
            ids: dict[str, str] = self._load("ids", {})
            batch = _shards.ShardBatch(lambda key: self._load(key, {}))
            counts = Counter(_shards.upsert(batch, ids, s, at) for s in latest)
            changed = batch.changed()
            for key, shard in changed.items():
                self._save(key, shard)
            weeks = set(self._weeks())
            if not _shards.weeks_of(list(changed)) <= weeks:
                self._save("shards", sorted(weeks | _shards.weeks_of(list(changed))))
            if latest:
                self._save("ids", ids)
            self._store_messages({s.session_id: s for s in latest if s.messages})
            self._merge_meta(meta or {})
            return counts

        counts = self._write(write)
        return BatchResult(counts["new"], counts["changed"], counts["unchanged"])

    def set_messages(self, session_id: str, messages: Sequence[Message]) -> None:
        """Store the messages of one session (replacing what was there)."""
        self.write_messages({session_id: messages})

    def write_messages(self, messages: Mapping[str, Sequence[Message]]) -> None:
        """Store the messages of several sessions in one transaction."""

        def write() -> None:
            index: dict[str, Any] = self._load("messages_index", {})
            for session_id, items in messages.items():
                self._save(f"messages:{session_id}", [m.to_record() for m in items])
                index[session_id] = self._updated_at(session_id)
            self._save("messages_index", index)
            self._merge_meta({})

        self._write(write)

    def _store_messages(self, sessions: Mapping[str, Session]) -> None:
        if not sessions:
            return
        index: dict[str, Any] = self._load("messages_index", {})
        for session_id, session in sessions.items():
            self._save(f"messages:{session_id}", [m.to_record() for m in session.messages])
            index[session_id] = session.last_update.timestamp()
        self._save("messages_index", index)

    def _updated_at(self, session_id: str) -> float | None:
        record = self._lookup("sessions", session_id)
        return None if record is None else record.get("updated_at")

    def messages(self, session_id: str) -> list[dict[str, Any]] | None:
        """Stored messages of one session, or None when they were never fetched."""
        found: list[dict[str, Any]] | None = self._read(
            lambda: self._load(f"messages:{session_id}", None), None
        )
        return found

    def messages_index(self) -> dict[str, float | None]:
        """``{session_id: updated_at of the session when its messages were stored}``."""
        index: dict[str, float | None] = self._read(lambda: self._load("messages_index", {}), {})
        return index

    def all_messages(self) -> dict[str, list[dict[str, Any]]]:
        """Every stored message list, by session id."""

        def load() -> dict[str, list[dict[str, Any]]]:
            index = self._load("messages_index", {})
            return {sid: self._load(f"messages:{sid}", []) for sid in index}

        return self._read(load, {})

    def session_records(self) -> list[dict[str, Any]]:
        """Every cached summary record (one orjson parse per week shard)."""
        return self._read(
            lambda: [r for shard in self._all("sessions") for r in shard.values()], []
        )

    def get_record(self, session_id: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None
        found = self._read(lambda: self._lookup("sessions", session_id), None)
        return found

    def count(self) -> int:
        """Number of cached sessions, without reading the shards."""
        return self._read(lambda: len(self._load("ids", {})), 0)

    def analyses(self) -> dict[str, dict[str, Any]]:
        return self._read(lambda: {k: v for s in self._all("analysis") for k, v in s.items()}, {})

    def get_analysis(self, session_id: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None
        found = self._read(lambda: self._lookup("analysis", session_id), None)
        return found

    def status_history(self) -> dict[str, list[dict[str, Any]]]:
        """``{session_id: [{"observed_at", "status", "status_detail", "updated_at"}, ...]}``."""
        return self._read(lambda: {k: v for s in self._all("history") for k, v in s.items()}, {})

    def _all(self, kind: str) -> list[dict[str, Any]]:
        with gc_paused():
            return [self._load(_shards.shard_key(kind, week), {}) for week in self._weeks()]

    def _lookup(self, kind: str, session_id: str) -> Any:
        week = self._load("ids", {}).get(session_id)
        if week is None:
            return None
        return self._load(_shards.shard_key(kind, week), {}).get(session_id)

    def record_failure(self, session_id: str, reason: str) -> None:
        """Remember that a session could not be fetched, so the next sync retries it."""
        self._update_failures(lambda failures: failures.update({session_id: _failure(reason)}))

    def clear_failure(self, session_id: str) -> None:
        if session_id not in self.failures():
            return
        self._update_failures(lambda failures: failures.pop(session_id, None))

    def failures(self) -> dict[str, dict[str, Any]]:
        return self._read(lambda: self._load("failures", {}), {})

    def _update_failures(self, change: Callable[[dict[str, Any]], object]) -> None:
        def write() -> None:
            failures = self._load("failures", {})
            change(failures)
            self._save("failures", failures)
            self._merge_meta({})

        self._write(write)


def _failure(reason: str) -> dict[str, Any]:
    return {"reason": reason, "at": time.time()}
