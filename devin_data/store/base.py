"""Opening, validating, rebuilding and the raw get/set of the session cache (see ``store``)."""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar, Unpack

from diskcache import Cache

from devin_data.models.state import StateChange, SyncState, state_meta
from devin_data.store.disk import (
    CorruptValueError,
    dumps,
    loads,
    open_cache,
)
from devin_data.store.faults import disk_errors, is_corruption, move_aside
from devin_data.store.table import SessionTable

SNAPSHOT_FILE = "sessions.arrow"  # see devin_data.store.snapshot, imported only when used
SCHEMA_VERSION = 2  # 1 kept sessions in week shards inside the diskcache
_PROTECTED = frozenset({"schema_version", "scope", "generation", "version"})
_SCOPE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_FIXED_KEYS: dict[str, type] = {
    "failures": dict,
    "messages_index": dict,
}
R = TypeVar("R")


class StoreBase:
    """The cache folder of one scope: opened safely, rebuilt when unreadable, left as it is
    (with a :class:`~devin_data.errors.CacheFolderError`) when its disk cannot take writes."""

    def __init__(self, cache_dir: Path, scope: str) -> None:
        if not _SCOPE.fullmatch(scope):
            raise ValueError(f"a cache scope is 1-64 letters, digits, '-' or '_', not {scope!r}")
        self.cache_dir = cache_dir
        self.scope = scope
        self.path = cache_dir / scope
        self.warnings: list[str] = []
        with self._on_disk():
            self._cache, self.table = self._open()

    def _on_disk(self) -> contextlib.AbstractContextManager[None]:
        """Errors of a disk that cannot take writes raised as one clear error."""
        return disk_errors(self.cache_dir, self.path)

    def _open(self) -> tuple[Cache, SessionTable]:
        cache: Cache | None = None
        table: SessionTable | None = None
        try:
            cache = open_cache(self.path)
            self._verify(cache)
            table = SessionTable(self.path)
            table.count()
        except Exception as exc:
            for opened in (cache, table):
                if opened is not None:
                    with contextlib.suppress(Exception):
                        opened.close()
            if not is_corruption(exc):
                raise
            cache = self._fresh()
            return cache, SessionTable(self.path)
        return cache, table

    def _verify(self, cache: Cache) -> None:
        """Parse meta and the small indexes (the sessions table is checked when it opens)."""
        raw = cache.get("meta")
        if raw is None:
            if len(cache):
                raise CorruptValueError("data without meta")
            self._init_meta(cache)
            return
        meta = loads(raw)
        if not isinstance(meta, dict) or meta.get("schema_version") != SCHEMA_VERSION:
            raise CorruptValueError("unknown schema version")
        if meta.get("scope") != self.scope:
            raise CorruptValueError("the cache belongs to another scope")
        for key, kind in _FIXED_KEYS.items():
            _check_type(cache.get(key), kind)

    def _init_meta(self, cache: Cache) -> None:
        meta = {
            "schema_version": SCHEMA_VERSION,
            "scope": self.scope,
            "generation": uuid.uuid4().hex[:12],
            "version": 0,
        }
        cache.set("meta", dumps(meta))

    def _fresh(self) -> Cache:
        """Move the unreadable folder aside, start an empty cache and say so."""
        move_aside(self.path)
        cache = open_cache(self.path)
        self._init_meta(cache)
        self.warnings.append(
            f"The cache at {self.path} was unreadable and has been rebuilt; "
            "the next sync refetches it."
        )
        return cache

    def _rebuild(self) -> None:
        for opened in (self._cache, self.table):
            with contextlib.suppress(Exception):
                opened.close()
        self._cache = self._fresh()
        self.table = SessionTable(self.path)

    def _load(self, key: str, default: Any) -> Any:
        raw = self._cache.get(key)
        if raw is None:
            return default
        value = loads(raw)
        if default is not None and type(value) is not type(default):
            raise CorruptValueError(f"{key} holds {type(value).__name__}")
        return value

    def _save(self, key: str, value: Any) -> None:
        self._cache.set(key, dumps(value))

    def _read(self, fn: Callable[[], R], default: R) -> R:
        """Run a read; unreadable data rebuilds the cache and reads as empty."""
        return self._rebuilt_on_corruption(fn, lambda: default)

    def _write_rows(self, fn: Callable[[], R]) -> R:
        """Run a write; on unreadable data rebuild the cache and apply it afresh."""
        return self._rebuilt_on_corruption(fn, fn)

    def _rebuilt_on_corruption(self, fn: Callable[[], R], then: Callable[[], R]) -> R:
        """``fn()``; when it meets unreadable data, the cache is rebuilt and ``then()`` answers."""
        with self._on_disk():
            try:
                return fn()
            except Exception as exc:
                if not is_corruption(exc):
                    raise
                self._rebuild()
            return then()

    def _write(self, fn: Callable[[], R]) -> R:
        """Run ``fn`` in one diskcache transaction; on unreadable data rebuild and apply it
        afresh (in a transaction of the rebuilt cache)."""

        def transacted() -> R:
            with self._cache.transact():
                return fn()

        return self._write_rows(transacted)

    def _merge_meta(self, values: Mapping[str, Any]) -> None:
        """Merge ``values`` into meta (None removes a key) and bump the version counter."""
        bad = _PROTECTED & set(values)
        if bad:
            raise ValueError(f"meta keys {sorted(bad)} are managed by the store")
        meta: dict[str, Any] = self._load("meta", {})
        for key, value in values.items():
            if value is None:
                meta.pop(key, None)
            else:
                meta[key] = value
        meta["version"] = int(meta.get("version", 0)) + 1
        self._save("meta", meta)

    def meta(self) -> dict[str, Any]:
        """The meta dict: schema_version, scope, version, watermark, coverage_start, plan, ...
        (outside the store, read it typed: :meth:`sync_state`)."""
        meta: dict[str, Any] = self._read(lambda: self._load("meta", {}), {})
        return meta

    def update_meta(self, **values: Any) -> None:
        self._write(lambda: self._merge_meta(values))

    def sync_state(self) -> SyncState:
        """The sync state, typed (the meta dict stays inside the store)."""
        return SyncState.from_meta(self.meta())

    def update_sync_state(self, **change: Unpack[StateChange]) -> None:
        """Change the sync state (None removes a value) and move the version."""
        self.update_meta(**state_meta(change))

    def version(self) -> str:
        """Changes on every write (and on every rebuild), for cache keys of derived data."""
        meta = self.meta()
        seq = self._read(self.table.seq, 0)  # moves even when a meta write after it failed
        return f"{meta.get('generation', '')}-{meta.get('version', 0)}-{seq}"

    def data_version(self) -> str:
        """Changes when sessions or messages change, not on sync bookkeeping: the cache key of
        frames, so a sync that found nothing new keeps them."""
        meta = self.meta()
        seq = self._read(self.table.seq, 0)
        return f"{meta.get('generation', '')}-{seq}-{meta.get('messages_version', 0)}"

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())

    def clear(self) -> None:
        """Empty everything, keeping the folder usable; the version moves to a new generation."""

        def wipe() -> None:
            self._cache.clear()
            self._init_meta(self._cache)

        self._read(self.table.clear, None)
        self._write(wipe)
        (self.path / SNAPSHOT_FILE).unlink(missing_ok=True)

    @property
    def location(self) -> str:
        """Where the data lives, safe to show (a shared store masks its password)."""
        return str(self.path)

    @contextlib.contextmanager
    def sync_lock(self) -> Iterator[bool]:
        """True when this process may sync; one folder has one app process, so always."""
        yield True

    def sync_running(self) -> bool:
        """Whether another process syncs this scope now (only a shared store can tell)."""
        return False

    def start_sync_run(self) -> int:
        """Record the start of a sync run where runs are recorded (the shared store)."""
        return 0

    def finish_sync_run(self, run_id: int, outcome: str) -> None:
        """Record how a sync run ended where runs are recorded (the shared store)."""

    def publish_progress(self, progress: Mapping[str, Any] | None) -> None:
        """Keep the running sync's progress where other processes can read it."""
        self._write_rows(lambda: self._save("sync_progress", dict(progress or {})))

    def sync_progress(self) -> dict[str, Any]:
        """The progress the running sync published last (empty when none runs)."""
        found: dict[str, Any] = self._read(lambda: self._load("sync_progress", {}), {})
        return found

    def close(self) -> None:
        self._cache.close()
        self.table.close()

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_type(raw: object, kind: type) -> None:
    if raw is not None and not isinstance(loads(raw), kind):
        raise CorruptValueError(f"expected a JSON {kind.__name__}")
