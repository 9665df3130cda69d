"""Child processes: the emulator on loopback, and commands timed with their own peak RSS.

Peak RSS comes from ``os.wait4`` on the one child, not from ``RUSAGE_CHILDREN``, whose maximum
covers every child ever waited for and so could not tell one run from the next.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from benchmarks.groups import group_process, start_group, stop_group
from devin_data.emulator import ADMIN_KEY, ORG_ID

BIN = Path(sys.executable).parent
_SERVING = re.compile(r"serving (http://127\.0\.0\.1:\d+)")


def say(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def devin_data() -> str:
    """The ``devin-data`` script of this environment (no ``uv run`` wrapper to time as well)."""
    return str(BIN / "devin-data")


EMULATOR_DAYS = 180  # the history `devin-data emulator` generates by default


def anchor_time() -> datetime:
    """Three days before today: every emulated session has been created and has ended."""
    midnight = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight - timedelta(days=3)


def anchor() -> str:
    return f"{anchor_time():%Y-%m-%dT%H:%M:%SZ}"


def history_start() -> datetime:
    """When the emulated organization's first session may have been created."""
    return anchor_time() - timedelta(days=EMULATOR_DAYS)


@contextmanager
def emulator(sessions: int, latency_ms: float = 0.0, seed: int = 7) -> Iterator[str]:
    """``devin-data emulator`` as its own process on a free loopback port; yields its URL."""
    command = [devin_data(), "emulator", "--port", "0", "--sessions", str(sessions)]
    command += ["--latency-ms", str(latency_ms), "--seed", str(seed), "--anchor", anchor()]
    pipes: dict[str, Any] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    with group_process(command, stop_signal=signal.SIGINT, **pipes) as proc:
        url = _wait_for_url(proc)
        _warm(url)
        yield url


def _warm(url: str) -> None:
    """Walk the insights list once, untimed: the emulator draws each analysis on first use and
    keeps it, so every measured run, ours and the naive one alike, meets the same server."""
    path = f"/v3/organizations/{ORG_ID}/sessions/insights"
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {ADMIN_KEY}"}) as http:
        cursor: str | None = None
        while True:
            params = {"first": "200", **({"after": cursor} if cursor else {})}
            page = http.get(path, params=params, timeout=120).json()
            cursor = page.get("end_cursor")
            if not page.get("has_next_page") or not cursor:
                return


def _wait_for_url(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    for line in proc.stdout:
        found = _SERVING.search(line)
        if found:
            return found.group(1)
    error = proc.stderr.read() if proc.stderr else ""
    raise RuntimeError(f"the emulator did not start: {error.strip()}")


@dataclass(frozen=True)
class Finished:
    """A finished child: wall seconds, CPU seconds, peak RSS in MB and what it printed."""

    seconds: float
    cpu: float
    rss_mb: float
    stdout: str

    def json(self) -> dict[str, Any]:
        """The last line of stdout, which the benchmark workers print as JSON."""
        result: dict[str, Any] = json.loads(self.stdout.strip().splitlines()[-1])
        return result


def run(command: Sequence[str], env: Mapping[str, str] | None = None) -> Finished:
    """Run ``command`` to the end and measure it; a failure raises with its stderr."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = start_group(command, stdout=out, stderr=err, env=clean_env(env))
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted: the command and what it started stop with us
            stop_group(proc)
            raise
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} failed ({proc.returncode}): {stderr[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Finished(seconds, cpu, usage.ru_maxrss / 1024, stdout)


def clean_env(extra: Mapping[str, str] | None) -> dict[str, str]:
    """This environment without any ``DEVIN_*`` variable, plus ``extra``. A command is timed as
    it runs once installed, with its bytecode cached: ``PYTHONDONTWRITEBYTECODE`` is dropped, so
    the first run (a warm-up where it matters) writes what later runs read."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEVIN_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env | dict(extra or {})


def sync_env(url: str, cache_dir: Path, key: str) -> dict[str, str]:
    """The ``DEVIN_*`` variables for the emulated organization at ``url``, read with ``key``."""
    return {
        "DEVIN_API_KEY": key,
        "DEVIN_ORG_ID": ORG_ID,
        "DEVIN_API_BASE_URL": url,
        "DEVIN_CACHE_DIR": str(cache_dir),
    }


def cli_sync(url: str, cache_dir: Path, key: str) -> Finished:
    """``devin-data sync --full`` as a process of its own, into a fresh cache."""
    command = [devin_data(), "sync", "--full", "--quiet"]
    return run(command, sync_env(url, cache_dir, key))


def python(module: str, *args: str) -> list[str]:
    """A command running one of the benchmark modules in this environment."""
    return [sys.executable, "-m", module, *args]
