"""The key-value part of one scope in PostgreSQL, behind the few calls of diskcache's API the
store makes (``get``, ``set``, ``delete``, ``transact``, ``clear``), so everything stored through
``StoreBase._load``/``_save``/``_write`` is shared with no code of its own."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

_GET = sa.text("SELECT value::text FROM store_kv WHERE scope = :scope AND key = :key")
_SET = sa.text(
    "INSERT INTO store_kv (scope, key, value) VALUES (:scope, :key, CAST(:value AS json)) "
    "ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value"
)
_DELETE = sa.text("DELETE FROM store_kv WHERE scope = :scope AND key = :key")
_CLEAR = sa.text("DELETE FROM store_kv WHERE scope = :scope")
_COUNT = sa.text("SELECT COUNT(*) FROM store_kv WHERE scope = :scope")
_LOCK = sa.text("SELECT pg_advisory_xact_lock(:key)")


def lock_key(scope: str, purpose: str) -> int:
    """A positive 63-bit advisory-lock number for ``purpose`` in ``scope``."""
    digest = hashlib.sha256(f"{purpose}\0{scope}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


class SharedKV:
    """JSON values by key for one scope; a transaction serialises read-modify-write cycles
    (such as merging meta) across every process that shares the database."""

    def __init__(self, engine: sa.Engine, scope: str) -> None:
        self._engine = engine
        self._scope = scope
        self._local = threading.local()

    @contextmanager
    def transact(self) -> Iterator[None]:
        if getattr(self._local, "conn", None) is not None:
            yield
            return
        with self._engine.begin() as conn:
            conn.execute(_LOCK, {"key": lock_key(self._scope, "kv")})
            self._local.conn = conn
            try:
                yield
            finally:
                self._local.conn = None

    def _run(self, statement: sa.TextClause, **params: Any) -> list[Any]:
        values = {"scope": self._scope, **params}
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return _rows(conn.execute(statement, values))
        with self._engine.begin() as fresh:
            return _rows(fresh.execute(statement, values))

    def get(self, key: str) -> bytes | None:
        rows = self._run(_GET, key=key)
        return rows[0][0].encode() if rows else None

    def set(self, key: str, value: bytes) -> None:
        if type(value) is not bytes:
            raise TypeError(f"store values must be JSON bytes, not {type(value).__name__}")
        self._run(_SET, key=key, value=value.decode())

    def delete(self, key: str) -> None:
        self._run(_DELETE, key=key)

    def clear(self) -> None:
        self._run(_CLEAR)

    def __len__(self) -> int:
        return int(self._run(_COUNT)[0][0])

    def close(self) -> None:
        """The engine belongs to whoever opened the store; nothing to release here."""


def _rows(result: sa.CursorResult[Any]) -> list[Any]:
    return list(result.fetchall()) if result.returns_rows else []
