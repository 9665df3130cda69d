"""Fixtures for store tests: a fresh store, embedded in a temporary cache folder or shared in a
fresh PostgreSQL database; the contract tests run against both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from devin_data.store.shared.store import SharedStore
from devin_data.store.store import Store


@pytest.fixture(params=["embedded", "shared"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "embedded":
        opened = Store.open(tmp_path / "cache", "scope-a")
        yield opened
        opened.close()
        return
    engine = sa.create_engine(request.getfixturevalue("store_url"))
    shared = SharedStore(engine, tmp_path / "cache", "scope-a")
    yield shared
    shared.close()
    engine.dispose()
