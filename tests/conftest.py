"""The one instant every in-process test runs at, whatever the machine's date or zone.

The instant is a Saturday evening in March, after the US and before the European daylight-saving
switch, so a test that assumes "the same offset all year" or "today is a weekday" fails here too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import time_machine

FROZEN_NOW = datetime(2026, 3, 14, 21, 45, tzinfo=UTC)


@pytest.fixture
def frozen_now() -> Iterator[datetime]:
    """Travel to :data:`FROZEN_NOW`; the clock ticks on from there (timeouts keep working)."""
    with time_machine.travel(FROZEN_NOW, tick=True):
        yield FROZEN_NOW
