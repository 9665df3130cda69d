"""Every in-process test that needs "now" travels to :data:`frozen_time.FROZEN_NOW`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
import time_machine
from frozen_time import FROZEN_NOW
from pg_server import PostgresServer


@pytest.fixture
def frozen_now() -> Iterator[datetime]:
    """Travel to :data:`FROZEN_NOW`; the clock ticks on from there (timeouts keep working)."""
    with time_machine.travel(FROZEN_NOW, tick=True):
        yield FROZEN_NOW


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL server for the whole session, stopped at its end."""
    server = PostgresServer()
    yield server
    server.stop()


@pytest.fixture
def store_url(postgres: PostgresServer) -> str:
    """A fresh, migrated, empty database for one test."""
    return postgres.fresh_url()
