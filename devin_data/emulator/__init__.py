"""A deterministic demo organization and an emulator of the Devin API that serves it.

Used by the demo mode of the dashboard (in-process, through :class:`EmulatorTransport`), by the
``devin-data emulator`` command (a real HTTP server on 127.0.0.1) and by the tests.
"""

from __future__ import annotations

from datetime import UTC, datetime

from devin_data.emulator.api import Emulator, EmulatorStats
from devin_data.emulator.keys import (
    ADMIN_KEY,
    ANALYST_KEY,
    ENTERPRISE_KEY,
    KEYS,
    MANAGE_PERMISSION,
    NO_PERMISSION_KEY,
    ORG_ID,
    ORG_IDS,
    SECOND_ORG_ID,
    V1_KEY,
    VIEW_PERMISSION,
    VIEWER_KEY,
    describe_keys,
)
from devin_data.emulator.org import DemoOrg
from devin_data.emulator.server import EmulatorServer, serve
from devin_data.emulator.transport import EmulatorTransport

__all__ = [
    "ADMIN_KEY",
    "ANALYST_KEY",
    "ENTERPRISE_KEY",
    "KEYS",
    "MANAGE_PERMISSION",
    "NO_PERMISSION_KEY",
    "ORG_ID",
    "ORG_IDS",
    "SECOND_ORG_ID",
    "V1_KEY",
    "VIEWER_KEY",
    "VIEW_PERMISSION",
    "DemoOrg",
    "Emulator",
    "EmulatorServer",
    "EmulatorStats",
    "EmulatorTransport",
    "demo_emulator",
    "describe_keys",
    "serve",
]


def demo_emulator(now: datetime, n_sessions: int = 1500, seed: int = 7) -> Emulator:
    """The demo organization of ``now``'s UTC day, anchored at its midnight, served in real time."""
    anchor = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return Emulator(DemoOrg.generate(n_sessions, seed, anchor), seed=seed)
