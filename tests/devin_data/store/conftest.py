"""Fixtures for store tests: a fresh store in a temporary cache folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devin_data.store.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "cache", "scope-a")
    yield opened
    opened.close()
