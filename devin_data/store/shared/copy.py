"""Copy an embedded cache folder into the shared store: rows with their status history, and
every key-value entry (meta, messages, failures and anything else stored that way)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from devin_data.store.shared.store import SharedStore
from devin_data.store.store import Store
from devin_data.store.table import FILE_NAME


@dataclass(frozen=True)
class Copied:
    scope: str
    sessions: int
    keys: int


def scopes_in(folder: Path) -> Iterator[Path]:
    """The scope folders of a cache folder, or the folder itself when it is one."""
    if (folder / FILE_NAME).exists():
        yield folder
        return
    for child in sorted(folder.iterdir()):
        if child.is_dir() and (child / FILE_NAME).exists() and ".corrupt-" not in child.name:
            yield child


def copy_scope(source: Store, target: SharedStore) -> Copied:
    """Upsert every row and key of ``source`` into ``target`` (same scope); running it again
    writes the same data, so an interrupted copy is finished by running it once more."""
    if source.scope != target.scope:
        raise ValueError("a copy keeps the credential scope")
    sessions = 0
    for rows in source.table.export_rows():
        target.import_rows(rows)
        sessions += len(rows)
    keys = 0
    cache = source._cache
    for key in sorted(cache.iterkeys(), key=lambda name: name == "meta"):  # meta last
        value = cache.get(key)
        if value is not None:
            target._cache.set(key, value)
            keys += 1
    target.analyze()  # fresh statistics after a bulk load, so the first readers get good plans
    return Copied(source.scope, sessions, keys)
