"""An emulated organization on a fake clock, a client for it, and a fresh store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_backends import BACKENDS, open_backend
from sync_fakes import ANCHOR, Clock, make_client

from devin_data.api.client import DevinClient
from devin_data.emulator import DemoOrg, Emulator, EmulatorTransport
from devin_data.store.store import Store


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def org() -> DemoOrg:
    return DemoOrg.generate(1200, 11, ANCHOR)


@pytest.fixture
def emulator(org: DemoOrg, clock: Clock) -> Emulator:
    return Emulator(org, clock=clock)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The sync's contract holds on both stores: embedded, and shared on a real PostgreSQL."""
    yield from open_backend(request, tmp_path / "cache", "scope")


@pytest.fixture
def client(emulator: Emulator) -> Iterator[DevinClient]:
    with make_client(EmulatorTransport(emulator)) as opened:
        yield opened
