"""The command line's end-to-end tests: each module's ``emulator`` served on loopback, and the
environment of a user who points ``devin-data`` at it with the admin key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from emulated_cli import cli_env

from devin_data.emulator import Emulator, EmulatorServer, serve


@pytest.fixture
def server(emulator: Emulator) -> Iterator[EmulatorServer]:
    with serve(emulator) as running:
        yield running


@pytest.fixture
def env(server: EmulatorServer, tmp_path: Path) -> dict[str, str]:
    return cli_env(server, tmp_path / "cache")
