"""The local cache of one organization's sessions, scoped to the credential that fetched it.

Layout of ``cache_dir/<scope>`` (the scope is a one-way fingerprint of URL, org and key, so two
credentials never share data and the key is stored nowhere):

- ``sessions.sqlite3``: one row per session with its record, analysis and status history as JSON
  (see :mod:`devin_data.store.table`); a batch writes only its own rows;
- ``sessions.arrow``: the columnar snapshot the sessions frame is read from, brought up to date
  once per sync (see :mod:`devin_data.store.snapshot`);
- a diskcache of JSON values (never pickle) for the sync state: ``meta`` (schema_version, scope,
  generation, version counter, coverage_start, watermark, last_sync, the pending cold-sync plan),
  ``messages:<session_id>`` with ``messages_index`` ``{session_id: updated_at}``, and ``failures``
  (sessions that failed to load, see :mod:`devin_data.store.failures`).

Anything unreadable (not a database, invalid JSON, unknown schema) is moved aside and rebuilt
empty with a warning in :attr:`Store.warnings`; the next sync refetches it. A disk that cannot
take writes (full, read-only, failing) is not unreadable data: the folder is left as it is and a
:class:`~devin_data.errors.CacheFolderError` says so (see :mod:`devin_data.store.faults`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devin_data._gc import gc_paused
from devin_data.models import Message, Session
from devin_data.models.fast import Item
from devin_data.models.state import StateChange, state_meta
from devin_data.store.failures import FailuresStore
from devin_data.store.organizations import OrganizationsMixin
from devin_data.store.people import PeopleStore
from devin_data.store.spend import SpendStore

if TYPE_CHECKING:
    import pyarrow as pa

    from devin_data.store.snapshot import Snapshot


@dataclass(frozen=True)
class BatchResult:
    """How a written batch compared with the cache: new, changed and unchanged sessions."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0


def latest_per_id(items: Iterable[Item]) -> list[Item]:
    """One item per id, the most recently updated one, so a batch never fights itself."""
    best: dict[str, Item] = {}
    for item in items:
        seen = best.get(item.session_id)
        if seen is None or item.updated_at >= seen.updated_at:
            best[item.session_id] = item
    return list(best.values())


class Store(PeopleStore, OrganizationsMixin, SpendStore, FailuresStore):
    """Sessions, analyses, status history and messages of one scope."""

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
        """Upsert parsed sessions (records, analyses, messages, status observations) and meta."""
        return self.write_items([Item.of(s) for s in sessions], observed_at=observed_at, meta=meta)

    def write_items(
        self,
        items: Sequence[Item],
        *,
        observed_at: datetime,
        meta: Mapping[str, Any] | None = None,
        state: StateChange | None = None,
    ) -> BatchResult:
        """Upsert sessions in the stored shape, then merge the sync ``state`` change (or raw
        ``meta``), which commits after them, so a plan never marks a window done whose sessions
        are not stored."""
        if state is not None:
            meta = {**(meta or {}), **state_meta(state)}
        latest = latest_per_id(items)
        at = observed_at.timestamp()
        counts: Counter[str] = Counter()
        if latest:
            outcomes = self._write_rows(lambda: self.table.upsert(latest, at))
            counts.update(outcomes)
        messages = {i.session_id: (i.messages, i.updated_at) for i in latest if i.messages}

        def write() -> None:
            self._store_messages(messages)
            self._merge_meta(meta or {})

        if messages or meta is not None:  # rows alone move the version through the table
            self._write(write)
        return BatchResult(counts["new"], counts["changed"], counts["unchanged"])

    def set_messages(self, session_id: str, messages: Sequence[Message]) -> None:
        """Store the messages of one session (replacing what was there)."""
        self.write_messages({session_id: messages})

    def write_messages(self, messages: Mapping[str, Sequence[Message]]) -> None:
        """Store the messages of several sessions in one transaction."""
        stored = {
            sid: ([m.to_record() for m in items], self._updated_at(sid))
            for sid, items in messages.items()
        }

        def write() -> None:
            self._store_messages(stored)
            self._merge_meta({})

        self._write(write)

    def _store_messages(self, messages: Mapping[str, tuple[Any, float | None]]) -> None:
        if not messages:
            return
        index: dict[str, Any] = self._load("messages_index", {})
        for session_id, (records, updated_at) in messages.items():
            self._save(f"messages:{session_id}", records)
            index[session_id] = updated_at
        self._save("messages_index", index)
        meta: dict[str, Any] = self._load("meta", {})
        self._merge_meta({"messages_version": int(meta.get("messages_version", 0)) + 1})

    def _updated_at(self, session_id: str) -> float | None:
        record = self.get_record(session_id)
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

    def iter_chunks(self, column: str, size: int = 5000) -> Iterator[list[tuple[str, Any]]]:
        """``(session_id, value)`` of ``record``, ``analysis`` or ``history``, chunk by chunk."""
        return self.table.chunks(column, size=size)

    def _every(self, column: str) -> dict[str, Any]:
        with gc_paused():
            return {sid: value for chunk in self.iter_chunks(column) for sid, value in chunk}

    def session_records(self) -> list[dict[str, Any]]:
        """Every cached summary record (prefer :meth:`snapshot` for analysis)."""
        return self._read(lambda: list(self._every("record").values()), [])

    @property
    def snapshot_file(self) -> Snapshot:
        """The snapshot beside the current table (pyarrow loads on first use, not on open)."""
        from devin_data.store.snapshot import Snapshot

        current: Snapshot | None = getattr(self, "_snapshot", None)
        if current is None or current.table is not self.table:
            current = self._snapshot = Snapshot(self.path, self.table)
        return current

    def snapshot(self) -> pa.Table:
        """Every session in the columnar form of :mod:`devin_data.models.columnar`, read
        memory-mapped and brought up to date when a write happened since it was built."""
        found: pa.Table | None = self._read(
            lambda: self.snapshot_file.read(self.sync_state().generation), None
        )
        return _empty_snapshot() if found is None else found

    def get_record(self, session_id: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None
        found = self._read(lambda: self.table.get("record", session_id), None)
        return found

    def count(self) -> int:
        """Number of cached sessions."""
        return self._read(self.table.count, 0)

    def analyses(self) -> dict[str, dict[str, Any]]:
        return self._read(lambda: self._every("analysis"), {})

    def get_analysis(self, session_id: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None
        found = self._read(lambda: self.table.get("analysis", session_id), None)
        return found

    def status_history(self) -> dict[str, list[dict[str, Any]]]:
        """``{session_id: [{"observed_at", "status", "status_detail", "updated_at"}, ...]}``."""
        return self._read(lambda: self._every("history"), {})

    def newest_update(self) -> float | None:
        """The largest stored ``updated_at``: the API's clock as of the last sync."""
        return self._read(self.table.newest_update, None)

    def waiting_for_insights(
        self, statuses: Iterable[str], cutoff: float, limit: int, exclude: set[str]
    ) -> list[str]:
        """Ended sessions updated since ``cutoff`` still without an analysis, newest first."""
        return self._read(
            lambda: self.table.waiting_for_insights(sorted(statuses), cutoff, limit, exclude), []
        )

    def updated_at_by_id(self, since: float | None = None) -> dict[str, float]:
        """``{session_id: updated_at}`` of the sessions created at or after ``since``."""
        return self._read(lambda: self.table.updated_at(since), {})


def _empty_snapshot() -> pa.Table:
    import pyarrow as pa

    from devin_data.models.columnar import SCHEMA

    return pa.Table.from_batches([], schema=SCHEMA)
