"""The shared store: the same :class:`~devin_data.store.store.Store`, its key-value part and
sessions table in PostgreSQL, its columnar snapshot in a local folder of each replica.

Every process that opens the same database with the same credential scope sees the same
sessions, analyses, messages, status observations, sync state and anything else stored through
the key-value part. A database error is raised as :class:`StoreUnavailable`, whose message names
the database with its password masked; nothing is rebuilt or dropped.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import orjson
import sqlalchemy as sa

from devin_data.errors import StoreUnavailable
from devin_data.store.base import _SCOPE
from devin_data.store.disk import make_private_dir
from devin_data.store.shared.kv import SharedKV, lock_key
from devin_data.store.shared.migrate import current_revision
from devin_data.store.shared.schema import HEAD
from devin_data.store.shared.table import SharedSessionTable
from devin_data.store.shared.url import mask_text, mask_url
from devin_data.store.store import Store

R = TypeVar("R")
_VERSION = sa.text(
    "SELECT (SELECT value::text FROM store_kv WHERE scope = :scope AND key = 'meta'), "
    "(SELECT MAX(seq) FROM store_sessions WHERE scope = :scope)"
)
_RUNNING = sa.text(
    "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
    "AND classid = :hi AND objid = :lo AND objsubid = 1"
)

ABANDONED = "abandoned"  # the outcome of a run whose writer died before it could record one
_ABANDON = sa.text(
    "UPDATE store_sync_runs SET finished_at = :at, outcome = :abandoned "
    "WHERE scope = :scope AND finished_at IS NULL"
)
_START = sa.text(
    "INSERT INTO store_sync_runs (scope, holder, started_at) "
    "VALUES (:scope, :holder, :at) RETURNING id"
)


def describe_error(exc: BaseException, url: str) -> str:
    """The first line of a driver error, with the URL and its password masked."""
    original = getattr(exc, "orig", None) or exc
    first = (str(original).strip().splitlines() or [type(original).__name__])[0]
    return mask_text(first, url)


def unavailable(exc: BaseException, url: str) -> StoreUnavailable:
    """The error to show for a driver error: where (masked) and the driver's first line."""
    return StoreUnavailable(
        f"The shared store at {mask_url(url)} cannot be reached: {describe_error(exc, url)}",
        hint="Check DEVIN_STORE_URL, and that the database runs and is reachable from here.",
    )


class SharedStore(Store):
    """One scope's data in a shared PostgreSQL database (see the module docstring)."""

    def __init__(
        self, engine: sa.Engine, cache_dir: Path, scope: str, *, owns_engine: bool = False
    ) -> None:
        if not _SCOPE.fullmatch(scope):
            raise ValueError(f"a cache scope is 1-64 letters, digits, '-' or '_', not {scope!r}")
        self.engine = engine
        self._owns_engine = owns_engine
        self.cache_dir = Path(cache_dir)
        self.scope = scope
        self.path = self.cache_dir / scope
        self.warnings: list[str] = []
        self._cache = SharedKV(engine, scope)
        self.shared_table = SharedSessionTable(engine, scope)
        self.table = self.shared_table  # type: ignore[assignment]
        self._guarded(self._check)
        with self._on_disk():
            make_private_dir(self.path)

    @property
    def location(self) -> str:
        return mask_url(self.engine.url.render_as_string(hide_password=True))

    def _check(self) -> None:
        revision = current_revision(self.engine)
        if revision != HEAD:
            where = "has no schema yet" if revision is None else f"is at version {revision}"
            raise StoreUnavailable(
                f"The shared store at {self.location} {where}; this version needs {HEAD}. "
                "Run `devin-data store migrate` with the same DEVIN_STORE_URL."
            )
        with self._cache.transact():
            if self._cache.get("meta") is None:
                self._init_meta(self._cache)

    def _guarded(self, fn: Callable[[], R]) -> R:
        """A database error as :class:`StoreUnavailable`; the local snapshot's disk as
        :class:`~devin_data.errors.CacheFolderError`."""
        with self._on_disk():
            try:
                return fn()
            except sa.exc.SQLAlchemyError as exc:
                url = self.engine.url.render_as_string(hide_password=False)
                raise unavailable(exc, url) from None

    def _read(self, fn: Callable[[], R], default: R) -> R:
        return self._guarded(fn)

    def _write_rows(self, fn: Callable[[], R]) -> R:
        return self._guarded(fn)

    def _rebuild(self) -> None:
        """Shared data is never dropped because one reader failed to parse it."""

    def data_version(self) -> str:
        """As the embedded store's, read in one round trip: every rerun of every page asks."""

        def read() -> str:
            with self.engine.connect() as conn:
                raw, seq = conn.execute(_VERSION, {"scope": self.scope}).one()
            meta = orjson.loads(raw) if raw else {}
            return f"{meta.get('generation', '')}-{seq or 0}-{meta.get('messages_version', 0)}"

        return self._guarded(read)

    def close(self) -> None:
        """Close the store; the engine too when it was opened for this store alone."""
        if self._owns_engine:
            self.engine.dispose()

    def import_rows(self, rows: list[tuple[Any, ...]]) -> int:
        """Upsert rows exported from an embedded table, never over newer ones (see :mod:`.copy`);
        how many were written."""
        return self._guarded(lambda: self.shared_table.import_rows(rows))

    def analyze(self) -> None:
        """Refresh the planner's statistics of the shared tables."""

        def run() -> None:
            with self.engine.begin() as conn:
                conn.execute(sa.text("ANALYZE store_sessions"))
                conn.execute(sa.text("ANALYZE store_kv"))

        self._guarded(run)

    def size_bytes(self) -> int:
        """The bytes this scope's rows take in the database, plus the local snapshot."""
        sql = sa.text(
            "SELECT COALESCE(SUM(pg_column_size(s.*)), 0) FROM store_sessions s "
            "WHERE scope = :scope"
        )

        def remote() -> int:
            with self.engine.connect() as conn:
                return int(conn.execute(sql, {"scope": self.scope}).scalar_one())

        return self._guarded(remote) + super().size_bytes()

    @contextmanager
    def sync_lock(self) -> Iterator[bool]:
        """Try to become this scope's one writer across every replica: True while held, False
        when another process syncs. The lock dies with its connection, so a killed writer
        never blocks the next one."""
        conn = self._guarded(self.engine.connect)
        key = lock_key(self.scope, "sync")
        got = False
        try:
            got = bool(
                self._guarded(
                    lambda: conn.execute(
                        sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": key}
                    ).scalar_one()
                )
            )
            conn.commit()
            yield got
        finally:
            if got:
                with contextlib.suppress(sa.exc.SQLAlchemyError):
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    conn.commit()
            conn.close()

    def sync_running(self) -> bool:
        """Another process holds this scope's sync lock right now."""
        key = lock_key(self.scope, "sync")

        def count() -> int:
            with self.engine.connect() as conn:
                params = {"hi": key >> 32, "lo": key & 0xFFFFFFFF}
                return int(conn.execute(_RUNNING, params).scalar_one())

        return self._guarded(count) > 0

    def start_sync_run(self) -> int:
        """Record a sync that holds the sync lock; a run still open is one whose writer died
        (killed, or cut off with the database) without closing it: it is closed as abandoned."""
        holder = f"{socket.gethostname()}:{os.getpid()}"

        def insert() -> int:
            params = {"scope": self.scope, "holder": holder, "at": time.time()}
            with self.engine.begin() as conn:
                conn.execute(_ABANDON, {**params, "abandoned": ABANDONED})
                return int(conn.execute(_START, params).scalar_one())

        return self._guarded(insert)

    def finish_sync_run(self, run_id: int, outcome: str) -> None:
        def update() -> None:
            with self.engine.begin() as conn:
                sql = "UPDATE store_sync_runs SET finished_at = :at, outcome = :outcome "
                sql += "WHERE id = :id"
                conn.execute(sa.text(sql), {"at": time.time(), "outcome": outcome, "id": run_id})

        self._guarded(update)

    def sync_runs(self) -> list[dict[str, Any]]:
        """Every recorded sync of this scope, oldest first."""

        def select() -> list[dict[str, Any]]:
            with self.engine.connect() as conn:
                sql = "SELECT holder, started_at, finished_at, outcome FROM store_sync_runs "
                rows = conn.execute(
                    sa.text(sql + "WHERE scope = :s ORDER BY id"), {"s": self.scope}
                )
                return [dict(row._mapping) for row in rows]

        return self._guarded(select)
