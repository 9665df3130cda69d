"""The organization of the API tests, its clock and emulator (a module may define its own), and
an authenticated client of the ``emulator`` fixture."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from emulator_http import ANCHOR, FakeClock, emulator_client

from devin_data.emulator import DemoOrg, Emulator


@pytest.fixture
def api(emulator: Emulator) -> Iterator[httpx.Client]:
    with emulator_client(emulator) as client:
        yield client


@pytest.fixture(scope="module")
def org() -> DemoOrg:
    return DemoOrg.generate(1500, seed=5, anchor=ANCHOR)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(ANCHOR.timestamp())


@pytest.fixture
def emulator(org: DemoOrg, clock: FakeClock) -> Emulator:
    return Emulator(org, clock=clock, insight_delay=2.0)
