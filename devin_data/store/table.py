"""The sessions table: one SQLite row per session, written in batches, read in chunks.

Each row keeps the record, the analysis and the status history as JSON, beside the few columns a
sync queries (``updated_at``, ``status``, ``has_analysis``) and ``seq``, the number of the batch
that last wrote it, which tells the columnar snapshot what changed since it was built. A batch
costs one ``SELECT`` of the rows it replaces and one ``executemany``; nothing else is rewritten.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson

from devin_data.models.fast import Item
from devin_data.store.disk import CorruptValueError

FILE_NAME = "sessions.sqlite3"
_USER_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    session_id TEXT PRIMARY KEY,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    status TEXT,
    status_detail TEXT,
    has_analysis INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    record BLOB NOT NULL,
    analysis BLOB,
    history BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_seq ON sessions (seq);
CREATE INDEX IF NOT EXISTS sessions_updated ON sessions (updated_at);
"""
_UPSERT = """
INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (session_id) DO UPDATE SET
    created_at = excluded.created_at, updated_at = excluded.updated_at,
    status = excluded.status, status_detail = excluded.status_detail,
    has_analysis = excluded.has_analysis, seq = excluded.seq, record = excluded.record,
    analysis = COALESCE(excluded.analysis, sessions.analysis), history = excluded.history
"""
_OLD_ROWS = (
    "SELECT session_id, updated_at, status, status_detail, has_analysis, history, record, "
    "analysis FROM sessions WHERE session_id IN ({marks})"
)
_CHANGE_FIELDS = ("updated_at", "status", "status_detail", "has_analysis")
_LOOKUP_CHUNK = 500  # SQLite's host-parameter limit is far above; this keeps statements short


class SessionTable:
    """The ``sessions`` table of one cache folder; safe to share between threads."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=60
        )
        self._db.execute("PRAGMA journal_mode = WAL")
        # A cache: a process killed mid-write loses nothing committed (WAL), and only a machine
        # crash could tear the file, which the store detects and rebuilds. No fsync, then.
        self._db.execute("PRAGMA synchronous = OFF")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, _USER_VERSION):
            raise CorruptValueError(f"unknown sessions table version {version}")
        self._db.executescript(_SCHEMA)
        self._db.execute(f"PRAGMA user_version = {_USER_VERSION}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def upsert(self, items: Sequence[Item], observed_at: float) -> list[str]:
        """Write ``items`` (one per id) in one transaction; how each compared with the row."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                seq = self._next_seq()
                old = self._old_rows([item.session_id for item in items])
                rows, outcomes = [], []
                for item in items:
                    row, outcome = _row(item, old.get(item.session_id), seq, observed_at)
                    if not _same(row, old.get(item.session_id)):
                        rows.append(row)
                    outcomes.append(outcome)
                if rows:
                    self._db.executemany(_UPSERT, rows)
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:  # SQLite rolls back by itself on a full disk
                    self._db.execute("ROLLBACK")
                raise
        return outcomes

    def _next_seq(self) -> int:
        current = self._db.execute("SELECT MAX(seq) FROM sessions").fetchone()[0]
        return int(current or 0) + 1

    def _old_rows(self, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        found: dict[str, tuple[Any, ...]] = {}
        for start in range(0, len(ids), _LOOKUP_CHUNK):
            part = ids[start : start + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(part))
            query = _OLD_ROWS.format(marks=marks)  # only "?" marks go in; the ids are bound
            found.update((row[0], row) for row in self._db.execute(query, part))
        return found

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM sessions")[0][0])

    def seq(self) -> int:
        """The number of the last batch written (0 for an empty table)."""
        return int(self._query("SELECT MAX(seq) FROM sessions")[0][0] or 0)

    def newest_update(self) -> float | None:
        value = self._query("SELECT MAX(updated_at) FROM sessions")[0][0]
        return None if value is None else float(value)

    def get(self, column: str, session_id: str) -> Any:
        if column not in ("record", "analysis", "history"):
            raise ValueError(column)
        sql = f"SELECT {column} FROM sessions WHERE session_id = ?"  # noqa: S608 - a known column
        rows = self._query(sql, (session_id,))
        return _json(rows[0][0]) if rows else None

    def waiting_for_insights(
        self, statuses: Sequence[str], cutoff: float, limit: int, exclude: set[str]
    ) -> list[str]:
        """Ended sessions updated since ``cutoff`` without an analysis, newest first."""
        marks = ",".join("?" * len(statuses))
        rows = self._query(  # only "?" marks are formatted in
            f"SELECT session_id FROM sessions WHERE status IN ({marks}) AND has_analysis = 0 "  # noqa: S608
            "AND updated_at >= ? ORDER BY updated_at DESC, session_id",
            (*statuses, cutoff),
        )
        return [row[0] for row in rows if row[0] not in exclude][:limit]

    def updated_at(self, since: float | None = None) -> dict[str, float]:
        """``{session_id: updated_at}`` of sessions created at or after ``since`` (all: None)."""
        rows = self._query(
            "SELECT session_id, updated_at FROM sessions WHERE created_at >= ?",
            (float("-inf") if since is None else since,),
        )
        return dict(rows)

    def chunks(
        self, column: str, *, after_seq: int = 0, size: int = 5000
    ) -> Iterator[list[tuple[str, Any]]]:
        """``(session_id, parsed JSON)`` of every row written after batch ``after_seq``, in
        chunks of ``size`` rows, so a reader never holds the whole organization at once."""
        for chunk in self.raw_chunks(column, after_seq=after_seq, size=size):
            yield [(sid, _json(raw)) for sid, raw in chunk]

    def raw_chunks(
        self, column: str, *, after_seq: int = 0, size: int = 5000
    ) -> Iterator[list[tuple[str, bytes]]]:
        """As :meth:`chunks`, with the stored JSON bytes left unparsed."""
        if column not in ("record", "analysis", "history"):
            raise ValueError(column)
        # Keyset pages in rowid order read the table front to back; a few rows written after
        # ``after_seq`` are found through the seq index instead.
        changed = "seq > ? AND " if after_seq else ""
        sql = (  # ``column`` is one of three known names
            f"SELECT rowid, session_id, {column} FROM sessions WHERE {changed}rowid > ? "  # noqa: S608
            f"AND {column} IS NOT NULL ORDER BY rowid LIMIT ?"
        )
        last = 0
        while True:
            rows = self._query(sql, (after_seq, last, size) if after_seq else (last, size))
            if not rows:
                return
            yield [(sid, raw) for _, sid, raw in rows]
            last = rows[-1][0]

    def export_rows(self, size: int = 5000) -> Iterator[list[tuple[Any, ...]]]:
        """Every row as stored (the columns of the schema, in order), ``size`` at a time: what
        a copy into another store needs, history included."""
        last = 0
        while True:
            rows = self._query(
                "SELECT rowid, * FROM sessions WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, size)
            )
            if not rows:
                return
            yield [tuple(row[1:]) for row in rows]
            last = rows[-1][0]

    def clear(self) -> None:
        with self._lock:
            self._db.execute("DELETE FROM sessions")


def _json(raw: Any) -> Any:
    if raw is None:
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise CorruptValueError(f"invalid JSON in the sessions table: {exc}") from None


def _row(
    item: Item, old: tuple[Any, ...] | None, seq: int, observed_at: float
) -> tuple[tuple[Any, ...], str]:
    record = item.record
    kept = bool(old and old[4])
    has_analysis = item.analysis is not None or kept
    if record.get("has_analysis") != has_analysis:
        record = {**record, "has_analysis": has_analysis}
    history = _json(old[5]) if old else []
    status, detail = record.get("status"), record.get("status_detail")
    if not history or (history[-1].get("status"), history[-1].get("status_detail")) != (
        status,
        detail,
    ):
        history.append(
            {
                "observed_at": observed_at,
                "status": status,
                "status_detail": detail,
                "updated_at": record.get("updated_at"),
            }
        )
    outcome = _classify(old, record)
    analysis = None if item.analysis is None else orjson.dumps(item.analysis)
    row = (
        item.session_id,
        record["created_at"],
        record["updated_at"],
        status,
        detail,
        int(has_analysis),
        seq,
        orjson.dumps(record),
        analysis,
        orjson.dumps(history),
    )
    return row, outcome


def _same(row: tuple[Any, ...], old: tuple[Any, ...] | None) -> bool:
    """The row would store what is stored (read again by an overlapping sync): skipping it
    keeps the snapshot, and every frame built from it, as it is."""
    if old is None or row[7] != old[6] or row[9] != old[5]:
        return False
    return row[8] is None or row[8] == old[7]


def _classify(old: tuple[Any, ...] | None, record: dict[str, Any]) -> str:
    """``new``, ``changed`` (updated_at, status, detail or analysis presence) or ``unchanged``."""
    if old is None:
        return "new"
    before = (old[1], old[2], old[3], bool(old[4]))
    after = tuple(record.get(name) for name in _CHANGE_FIELDS)
    return "unchanged" if before == (after[0], after[1], after[2], bool(after[3])) else "changed"
