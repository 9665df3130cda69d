"""``streamlit run app.py`` as a process of its own, its memory, and the timing log it writes.

The server's own figures are what count: the seconds it spends in each script run (from the
``DEVIN_TIMING_LOG`` the app appends to) and its resident memory (from ``/proc``), never the time a
browser takes to draw the page.
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from benchmarks import procs
from benchmarks.groups import group_process

REPO = Path(__file__).resolve().parents[1]
LOOPBACK = "127.0.0.1"
TIMING_LOG = "DEVIN_TIMING_LOG"


@dataclass(frozen=True)
class Server:
    """A running Streamlit server: its URL and the process whose memory is measured."""

    url: str
    pid: int

    def rss_mb(self, field: str = "VmRSS") -> float:
        """Resident memory now (``VmRSS``) or at its peak so far (``VmHWM``), in MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name == field:
                return int(value.split()[0]) / 1024
        raise LookupError(f"{field} is not in /proc/{self.pid}/status")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def _command(port: int) -> list[str]:
    return [
        *procs.python("streamlit", "run", "app.py"),
        *("--server.headless", "true", "--server.address", LOOPBACK, "--server.port", str(port)),
        *("--browser.gatherUsageStats", "false"),
    ]


def wait_for_health(base_url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    """Poll /_stcore/health until it answers "ok"; fail early if the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            if httpx.get(f"{base_url}/_stcore/health", timeout=2.0).text.strip() == "ok":
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{base_url} did not become healthy within {timeout:.0f}s")


def _wait_healthy(url: str, process: subprocess.Popen[bytes], output: Path) -> None:
    try:
        wait_for_health(url, process, 90)
    except (RuntimeError, TimeoutError):
        tail = output.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"streamlit did not start: {tail}") from None


@contextmanager
def streamlit(env: Mapping[str, str], output: Path) -> Iterator[Server]:
    """The app on a free loopback port with ``env`` as its DEVIN_* settings; always stopped."""
    port = free_port()
    with output.open("wb") as sink, group_process(
        _command(port), cwd=REPO, env=procs.clean_env(env), stdout=sink,
        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    ) as process:  # fmt: skip
        url = f"http://{LOOPBACK}:{port}"
        _wait_healthy(url, process, output)
        yield Server(url, process.pid)


@dataclass(frozen=True)
class TimingLog:
    """The JSON-lines file the app appends one line to per script run."""

    path: Path

    def lines(self) -> list[str]:
        if not self.path.exists():
            return []
        return self.path.read_text(encoding="utf-8").splitlines()

    def records(self, start: int = 0) -> list[dict[str, Any]]:
        """The runs logged from the ``start``-th on."""
        return [json.loads(line) for line in self.lines()[start:]]

    def count(self) -> int:
        return len(self.lines())
