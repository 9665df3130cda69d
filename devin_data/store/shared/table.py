"""The sessions table of one scope in PostgreSQL, with the calls of the embedded
:class:`~devin_data.store.table.SessionTable`: the same rows, the same skip of rows that would
store what is stored, and ``seq`` from a database sequence taken under a per-scope lock, so the
batches of a scope commit in ``seq`` order and a snapshot can follow them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa

from devin_data.models.fast import Item
from devin_data.store.shared.kv import lock_key
from devin_data.store.shared.prefetch import prefetched
from devin_data.store.table import _json, _row, _same

_COLUMNS = ("record", "analysis", "history")
_UPSERT = sa.text(
    "INSERT INTO store_sessions VALUES (:scope, :sid, :created, :updated, :status, :detail, "
    ":has, :seq, CAST(:record AS json), CAST(:analysis AS json), CAST(:history AS json)) "
    "ON CONFLICT (scope, session_id) DO UPDATE SET created_at = excluded.created_at, "
    "updated_at = excluded.updated_at, status = excluded.status, "
    "status_detail = excluded.status_detail, has_analysis = excluded.has_analysis, "
    "seq = excluded.seq, record = excluded.record, "
    "analysis = COALESCE(excluded.analysis, store_sessions.analysis), history = excluded.history"
)
# A copied row replaces a stored one only when it is newer, or as new and not without the
# analysis the stored one has: a copy never rolls a session back.
_COPY = sa.text(
    str(_UPSERT.text).replace(
        "COALESCE(excluded.analysis, store_sessions.analysis)", "excluded.analysis"
    )
    + " WHERE store_sessions.updated_at < excluded.updated_at OR (store_sessions.updated_at = "
    "excluded.updated_at AND (excluded.analysis IS NOT NULL OR store_sessions.analysis IS NULL))"
)
_OLD = sa.text(
    "SELECT session_id, updated_at, status, status_detail, has_analysis, history::text, "
    "record::text, analysis::text FROM store_sessions "
    "WHERE scope = :scope AND session_id = ANY(:ids)"
)
_GET = "SELECT {column}::text FROM store_sessions WHERE scope = :scope AND session_id = :sid"
_GET = "SELECT {column}::text FROM store_sessions WHERE scope = :scope AND session_id = :sid"
_CHUNK = (
    "SELECT session_id, {column}::text FROM store_sessions WHERE scope = :scope "
    "AND seq > :seq AND {column} IS NOT NULL ORDER BY seq, session_id"
)


class SharedSessionTable:
    """``store_sessions`` rows of one scope."""

    def __init__(self, engine: sa.Engine, scope: str) -> None:
        self._engine = engine
        self.scope = scope

    def close(self) -> None:
        """The engine belongs to whoever opened the store."""

    def _query(self, sql: str, **params: Any) -> list[Any]:
        with self._engine.connect() as conn:
            return list(conn.execute(sa.text(sql), {"scope": self.scope, **params}).fetchall())

    def upsert(self, items: Sequence[Item], observed_at: float) -> list[str]:
        """Write ``items`` (one per id) in one transaction; how each compared with the row."""
        with self._engine.begin() as conn:
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": self._lock})
            seq = int(conn.execute(sa.text("SELECT nextval('store_seq')")).scalar_one())
            ids = [item.session_id for item in items]
            old = {
                row[0]: _bytes_row(row)
                for row in conn.execute(_OLD, {"scope": self.scope, "ids": ids})
            }
            rows, outcomes = [], []
            for item in items:
                row, outcome = _row(item, old.get(item.session_id), seq, observed_at)
                if not _same(row, old.get(item.session_id)):
                    rows.append(self._params(row))
                outcomes.append(outcome)
            if rows:
                conn.execute(_UPSERT, rows)
        return outcomes

    @property
    def _lock(self) -> int:
        return lock_key(self.scope, "sessions")

    def _params(self, row: tuple[Any, ...]) -> dict[str, Any]:
        names = ("sid", "created", "updated", "status", "detail", "has", "seq")
        values = dict(zip(names, row[:7], strict=True))
        values["has"] = bool(values["has"])
        record, analysis, history = row[7:]
        return {
            "scope": self.scope,
            **values,
            "record": record.decode(),
            "analysis": None if analysis is None else analysis.decode(),
            "history": history.decode(),
        }

    def count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM store_sessions WHERE scope = :scope")[0][0])

    def seq(self) -> int:
        """The number of the last batch of this scope (0 for none)."""
        sql = "SELECT MAX(seq) FROM store_sessions WHERE scope = :scope"
        return int(self._query(sql)[0][0] or 0)

    def newest_update(self) -> float | None:
        value = self._query("SELECT MAX(updated_at) FROM store_sessions WHERE scope = :scope")[0][0]
        return None if value is None else float(value)

    def get(self, column: str, session_id: str) -> Any:
        if column not in _COLUMNS:
            raise ValueError(column)
        rows = self._query(_GET.format(column=column), sid=session_id)  # a known column
        return _json(rows[0][0]) if rows else None

    def waiting_for_insights(
        self, statuses: Sequence[str], cutoff: float, limit: int, exclude: set[str]
    ) -> list[str]:
        """Ended sessions updated since ``cutoff`` without an analysis, newest first."""
        rows = self._query(
            "SELECT session_id FROM store_sessions WHERE scope = :scope "
            "AND status = ANY(:statuses) AND NOT has_analysis AND updated_at >= :cutoff "
            "ORDER BY updated_at DESC, session_id",
            statuses=list(statuses),
            cutoff=cutoff,
        )
        return [row[0] for row in rows if row[0] not in exclude][:limit]

    def updated_at(self, since: float | None = None) -> dict[str, float]:
        """``{session_id: updated_at}`` of sessions created at or after ``since`` (all: None)."""
        rows = self._query(
            "SELECT session_id, updated_at FROM store_sessions WHERE scope = :scope "
            "AND created_at >= :since",
            since=float("-inf") if since is None else since,
        )
        return {sid: float(at) for sid, at in rows}

    def chunks(
        self, column: str, *, after_seq: int = 0, size: int = 5000
    ) -> Iterator[list[tuple[str, Any]]]:
        """``(session_id, parsed JSON)`` of the rows written after batch ``after_seq``."""
        for chunk in self.raw_chunks(column, after_seq=after_seq, size=size):
            yield [(sid, _json(raw)) for sid, raw in chunk]

    def raw_chunks(
        self, column: str, *, after_seq: int = 0, size: int = 5000
    ) -> Iterator[list[tuple[str, bytes]]]:
        """As :meth:`chunks`, the stored JSON as bytes, in ``(seq, session_id)`` order: one query
        streamed through a server-side cursor, the next chunk fetched while the caller works on
        this one (the driver waits on the network without the interpreter lock)."""
        if column not in _COLUMNS:
            raise ValueError(column)
        sql = sa.text(_CHUNK.format(column=column))
        params = {"scope": self.scope, "seq": after_seq}
        return prefetched(lambda: self._stream(sql, params, size))

    def _stream(
        self, sql: sa.TextClause, params: dict[str, Any], size: int
    ) -> Iterator[list[tuple[str, bytes]]]:
        with self._engine.connect() as conn:
            streamed = conn.execution_options(stream_results=True, yield_per=size)
            for part in streamed.execute(sql, params).partitions(size):
                yield [(sid, raw.encode()) for sid, raw in part]

    def import_rows(self, rows: Sequence[tuple[Any, ...]]) -> int:
        """Upsert rows in the embedded table's column order as one new batch; a stored row
        newer than the one given is kept. Returns how many rows were written."""
        with self._engine.begin() as conn:
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": self._lock})
            seq = int(conn.execute(sa.text("SELECT nextval('store_seq')")).scalar_one())
            params = [self._params((*row[:6], seq, *(_bytes(v) for v in row[7:]))) for row in rows]
            return conn.execute(_COPY, params).rowcount if params else 0

    def clear(self) -> None:
        with self._engine.begin() as conn:
            conn.execute(
                sa.text("DELETE FROM store_sessions WHERE scope = :scope"), {"scope": self.scope}
            )


def _bytes_row(row: Any) -> tuple[Any, ...]:
    """An old row in the embedded table's shape: JSON columns as bytes."""
    history, record, analysis = row[5], row[6], row[7]
    return (
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        history.encode(),
        record.encode(),
        None if analysis is None else analysis.encode(),
    )


def _bytes(value: Any) -> bytes | None:
    """SQLite hands JSON back as bytes (or text, when written as text)."""
    if value is None or isinstance(value, bytes):
        return value
    return str(value).encode()
