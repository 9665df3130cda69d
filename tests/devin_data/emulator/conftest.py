"""An authenticated client of each module's ``emulator`` fixture."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from emulator_http import emulator_client

from devin_data.emulator import Emulator


@pytest.fixture
def api(emulator: Emulator) -> Iterator[httpx.Client]:
    with emulator_client(emulator) as client:
        yield client
