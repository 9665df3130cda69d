"""Both stores for contract tests: the embedded one in a folder, the shared one on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from devin_data.store.shared.store import SharedStore
from devin_data.store.store import Store

BACKENDS = ["embedded", "shared"]


def open_backend(request: pytest.FixtureRequest, folder: Path, scope: str) -> Iterator[Store]:
    """A fresh store of the kind ``request.param`` names, closed after the test."""
    if request.param == "embedded":
        opened = Store.open(folder, scope)
        yield opened
        opened.close()
        return
    engine = sa.create_engine(request.getfixturevalue("store_url"))
    yield SharedStore(engine, folder, scope)
    engine.dispose()


def reopen(store: Store) -> Store:
    """The same data opened again, as another process would (a new connection, same folder)."""
    if isinstance(store, SharedStore):
        return SharedStore(store.engine, store.cache_dir, store.scope)
    return Store.open(store.cache_dir, store.scope)
