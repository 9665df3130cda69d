"""Fixtures for store tests: a fresh store, embedded in a temporary cache folder or shared in a
fresh PostgreSQL database; the contract tests run against both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_backends import BACKENDS, open_backend

from devin_data.store.store import Store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    yield from open_backend(request, tmp_path / "cache", "scope-a")
