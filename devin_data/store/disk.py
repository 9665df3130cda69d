"""A diskcache backend that stores JSON bytes and nothing else, so pickle is never reached.

Keys are plain strings and values are bytes the store serialised itself with orjson; any other
type raises :class:`TypeError` instead of falling back to pickle, and a pickled row found on
disk is treated as corruption rather than loaded.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
from diskcache import Cache, Disk
from diskcache.core import MODE_PICKLE, UNKNOWN

PRIVATE_DIR_MODE = 0o700
_SETTINGS: dict[str, Any] = {
    "eviction_policy": "none",  # the cache is the dataset, nothing may ever be evicted
    "size_limit": 2**62,
    "cull_limit": 0,
    "statistics": 0,
    "tag_index": 0,
    "disk_min_file_size": 2**31,  # every value stays inside SQLite, so a transaction covers it
    "disk_pickle_protocol": 0,
}


class CorruptValueError(ValueError):
    """A stored value is not what the store wrote (not JSON, or a pickled row)."""


class JsonDisk(Disk):  # type: ignore[misc]
    """Disk that accepts ``str`` keys and ``bytes`` values only."""

    def put(self, key: Any) -> tuple[Any, bool]:
        if type(key) is not str:
            raise TypeError(f"cache keys must be str, not {type(key).__name__}")
        result: tuple[Any, bool] = super().put(key)
        return result

    def get(self, key: Any, raw: bool) -> Any:
        if not raw:
            raise CorruptValueError("a cache key was stored pickled")
        return super().get(key, raw)

    def store(self, value: Any, read: bool, key: Any = UNKNOWN) -> tuple[Any, ...]:
        if read or type(value) is not bytes:
            raise TypeError(f"cache values must be JSON bytes, not {type(value).__name__}")
        result: tuple[Any, ...] = super().store(value, read, key)
        return result

    def fetch(self, mode: int, filename: str | None, value: Any, read: bool) -> Any:
        if mode == MODE_PICKLE:
            raise CorruptValueError("a cache value was stored pickled")
        return super().fetch(mode, filename, value, read)


def dumps(value: Any) -> bytes:
    return orjson.dumps(value)


def loads(data: object) -> Any:
    """Parse stored JSON bytes; anything else is corruption."""
    if not isinstance(data, bytes):
        raise CorruptValueError(f"expected JSON bytes, found {type(data).__name__}")
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise CorruptValueError(f"invalid JSON: {exc}") from None


def make_private_dir(path: Path) -> None:
    """Create ``path`` and any missing parents with mode 0700, and force 0700 on ``path``."""
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
    os.chmod(path, PRIVATE_DIR_MODE)


def open_cache(path: Path) -> Cache:
    """Open (or create) the diskcache at ``path`` with the JSON-only disk."""
    make_private_dir(path)
    return Cache(directory=str(path), disk=JsonDisk, **_SETTINGS)
