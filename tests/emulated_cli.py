"""``devin-data`` as a user runs it: an emulated organization on loopback, the command in a
subprocess at the frozen instant, with a clean environment of ``DEVIN_*`` names."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

from frozen_time import FROZEN_NOW, at_frozen_now

from devin_data.emulator import DemoOrg, Emulator, EmulatorServer, serve
from devin_data.emulator.keys import ADMIN_KEY, ORG_ID


@contextlib.contextmanager
def emulated(sessions: int, seed: int, days: int) -> Iterator[tuple[Emulator, EmulatorServer]]:
    """An organization whose clock stands at the frozen instant, served on loopback."""
    org = DemoOrg.generate(sessions, seed, FROZEN_NOW, days=days)
    emulator = Emulator(org, clock=FROZEN_NOW.timestamp)
    with serve(emulator) as server:
        yield emulator, server


def cli_env(server: EmulatorServer, cache: Path) -> dict[str, str]:
    """This environment without any ``DEVIN_*`` name, then the admin key of ``server``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("DEVIN_")}
    return base | {
        "DEVIN_API_KEY": ADMIN_KEY,
        "DEVIN_ORG_ID": ORG_ID,
        "DEVIN_API_BASE_URL": server.url,
        "DEVIN_CACHE_DIR": str(cache),
    }


def run_cli(
    *args: str, env: dict[str, str], launcher: list[str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """``devin-data ARGS`` (through ``launcher``, default the frozen instant's) to its end."""
    command = [*(launcher or at_frozen_now("devin_data.cli")), *args]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
