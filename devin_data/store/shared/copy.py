"""Copy an embedded cache folder into the shared store: rows with their status history, and
every key-value entry (meta, messages, failures and anything else stored that way).

A copy never rolls newer data back with older: a session row whose ``updated_at`` is newer in
the shared store is kept, and so is a stored value whose time is newer (``fetched_at`` and the
like; a session's messages by that session's ``updated_at``; meta, and values without a time of
their own, by the store's last sync). The failures and the messages index are merged entry by
entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from devin_data.store.disk import dumps, loads
from devin_data.store.shared.store import SharedStore
from devin_data.store.store import Store
from devin_data.store.table import FILE_NAME

_MESSAGES = "messages:"
_INDEX = "messages_index"
_FAILURES = "failures"
_TIMES = ("fetched_at", "checked_at", "finished_at", "at")


@dataclass(frozen=True)
class Copied:
    scope: str
    sessions: int
    keys: int
    kept: int = 0  # sessions and values the shared store had newer, left as they were


class _Values(Protocol):
    def get(self, key: str) -> bytes | None: ...


def scopes_in(folder: Path) -> Iterator[Path]:
    """The scope folders of a cache folder, or the folder itself when it is one."""
    if (folder / FILE_NAME).exists():
        yield folder
        return
    for child in sorted(folder.iterdir()):
        if child.is_dir() and (child / FILE_NAME).exists() and ".corrupt-" not in child.name:
            yield child


def copy_scope(source: Store, target: SharedStore) -> Copied:
    """Upsert every row and key of ``source`` into ``target`` (same scope), never over newer
    ones; running it again writes nothing new, so an interrupted copy is finished by running
    it once more."""
    if source.scope != target.scope:
        raise ValueError("a copy keeps the credential scope")
    sessions = offered = 0
    for rows in source.table.export_rows():
        sessions += target.import_rows(rows)
        offered += len(rows)
    mine, theirs = _Side(source._cache), _Side(target._cache)
    keys = kept = 0
    for key in sorted(source._cache.iterkeys(), key=lambda name: name == "meta"):  # meta last
        value = mine.get(key)
        if value is None:
            continue
        if key in (_INDEX, _FAILURES):
            value = _merged(key, value, theirs.get(key), mine, theirs)
        elif not _newer(key, mine, theirs):
            kept += 1
            continue
        target._cache.set(key, dumps(value))
        keys += 1
    target.analyze()  # fresh statistics after a bulk load, so the first readers get good plans
    return Copied(source.scope, sessions, keys, kept + offered - sessions)


class _Side:
    """The key-value part of one store, with the time each value carries."""

    def __init__(self, values: _Values) -> None:
        self._values = values

    def get(self, key: str) -> Any:
        raw = self._values.get(key)
        return None if raw is None else loads(raw)

    def stamp(self, key: str) -> float | None:
        value = self.get(key)
        if key == "meta":
            return _time(((value or {}).get("last_sync") or {}).get("finished_at"))
        if key.startswith(_MESSAGES):
            return _time((self.get(_INDEX) or {}).get(key[len(_MESSAGES) :]))
        if isinstance(value, dict) and any(name in value for name in _TIMES):
            return _time(next(value[name] for name in _TIMES if name in value))
        if key == "organizations":
            return _time(self.get("organizations_fetched_at"))
        if key.endswith("_at"):
            return _time(value)
        return self.stamp("meta")  # a value without a time is as new as the last sync


def _newer(key: str, source: _Side, target: _Side) -> bool:
    """Whether the source's value may replace the target's: the target has none, or one not
    newer (a target value with a time beats a source value without one)."""
    if target.get(key) is None:
        return True
    theirs, mine = target.stamp(key), source.stamp(key)
    return theirs is None or (mine is not None and mine >= theirs)


def _merged(key: str, value: Any, stored: Any, source: _Side, target: _Side) -> dict[str, Any]:
    """The failures (newest per session) or the messages index (the side whose messages won)."""
    merged = dict(stored or {})
    for sid, entry in (value or {}).items():
        if key == _INDEX:
            if _newer(f"{_MESSAGES}{sid}", source, target):
                merged[sid] = entry
        elif sid not in merged or (_time(entry.get("at")) or 0) >= (
            _time(merged[sid].get("at")) or 0
        ):
            merged[sid] = entry
    return merged


def _time(value: Any) -> float | None:
    """Epoch seconds from a number or an ISO 8601 time; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    return None
