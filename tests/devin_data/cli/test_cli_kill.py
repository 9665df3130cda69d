"""``devin-data sync`` of 10,000 sessions killed with SIGKILL at several points, then run again to
the end, loses and doubles nothing: the store holds the emulator's sessions once each, and the
export is the emulator's truth.

The command runs as a subprocess at the frozen instant against the emulator on loopback. The
emulator stops answering once it has answered ``k`` requests; the command is killed while it
waits for the next one, so every kill point is chosen, not timed.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from frozen_time import at_frozen_now
from scale_truth import ANCHOR, Clock, assert_export_is_truth, scale_org, served_payloads, truth

from benchmarks.groups import run_group, start_group, stop_group
from devin_data.config import Settings
from devin_data.connect import store_scope
from devin_data.emulator import ADMIN_KEY, ORG_ID, Emulator, serve
from devin_data.emulator.faults import Response
from devin_data.emulator.listing import MAX_FIRST
from devin_data.emulator.members import members_at
from devin_data.services.export import export_frame
from devin_data.store import Store

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[3]
EARLIER = timedelta(days=2)  # the cold sync sees the organization two days before the last one


class GatedEmulator(Emulator):
    """The emulator, except that once it has let ``limit`` requests in, later ones wait."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._gate = threading.Lock()
        self._limit: int | None = None
        self._admitted = self._answered = self._waiting = 0
        self._open = threading.Event()

    def close_after(self, limit: int | None) -> None:
        with self._gate:
            self._limit, self._admitted, self._answered, self._waiting = limit, 0, 0, 0
            self._open = threading.Event()

    def release(self) -> None:
        with self._gate:
            self._open.set()

    def reached(self) -> bool:
        """Exactly ``limit`` requests were answered and one more is waiting."""
        with self._gate:
            return self._answered == self._limit and self._waiting > 0

    def handle(
        self, method: str, path: str, query: Sequence[tuple[str, str]], headers: Mapping[str, str]
    ) -> Response:
        with self._gate:
            held = self._limit is not None and self._admitted >= self._limit
            self._admitted += not held
            self._waiting += held
            gate = self._open
        if held:
            gate.wait(timeout=120)
            return 503, {}, b"{}"
        response = super().handle(method, path, query, headers)
        with self._gate:
            self._answered += 1
        return response


SYNC = [*at_frozen_now("devin_data.cli"), "sync", "--quiet"]


def _start(env: dict[str, str]) -> subprocess.Popen[str]:
    pipe = subprocess.PIPE
    return start_group(SYNC, cwd=REPO, env=env, stdout=pipe, stderr=pipe, text=True)


def _kill_after(emulator: GatedEmulator, env: dict[str, str], answers: int) -> None:
    """Run the sync and SIGKILL it once the emulator has answered ``answers`` requests."""
    emulator.close_after(answers)
    proc = _start(env)
    try:
        deadline = time.monotonic() + 120
        while not emulator.reached():
            assert proc.poll() is None, f"the sync ended before request {answers + 1}"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        stop_group(proc, signal.SIGKILL)
        emulator.release()
        emulator.close_after(None)


def _complete(env: dict[str, str]) -> str:
    done = run_group(SYNC, timeout=240, cwd=REPO, env=env, text=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    # The summary, before the lines on what was kept beside the sessions.
    return next(line for line in str(done.stdout).splitlines() if " sync" in line[:20])


def _env(url: str, cache: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DEVIN_")}
    return base | {
        "DEVIN_API_KEY": ADMIN_KEY,
        "DEVIN_ORG_ID": ORG_ID,
        "DEVIN_API_BASE_URL": url,
        "DEVIN_CACHE_DIR": str(cache),
    }


def _assert_store_is_truth(env: dict[str, str], summary: str, expected: Mapping[str, Any]) -> None:
    """The summary and the store hold the emulator's sessions, each once."""
    cached = re.search(r"(\d+) sessions cached", summary)
    assert cached is not None, summary
    assert int(cached.group(1)) == len(expected)
    settings = Settings.load(env)
    with Store.open(settings.cache_dir, store_scope(settings)) as store:
        records = store.session_records()
        assert store.count() == len(records) == len(expected)
    assert_export_is_truth(export_frame(records), expected)


def _assert_export_is_truth(
    env: dict[str, str], expected: Mapping[str, Any], names: Mapping[str, str]
) -> None:
    """``devin-data export`` writes the emulator's sessions, each once, with its values and the
    names of the members list the sync kept."""
    out = Path(env["DEVIN_CACHE_DIR"]).parent / "sessions.parquet"
    exported = subprocess.run(
        [*at_frozen_now("devin_data.cli"), "export", "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert exported.returncode == 0, exported.stderr
    assert_export_is_truth(pd.read_parquet(out), expected, names, (ORG_ID, None))


def test_syncs_killed_at_chosen_requests_finish_with_the_truth(tmp_path: Path) -> None:
    clock = Clock((ANCHOR - EARLIER).timestamp())
    emulator = GatedEmulator(scale_org(), clock=clock)
    # No sync can take fewer requests than full pages of the largest size the API serves.
    fewest = -(-emulator.org.visible_count(clock.now) // MAX_FIRST)
    with serve(emulator) as server:
        env = _env(server.url, tmp_path / "cache")
        for answers in (fewest // 3, fewest // 3, 1):  # a cold sync, then its resumes, killed
            _kill_after(emulator, env, answers)
        summary = _complete(env)
        assert summary.startswith("resume sync"), summary  # the plan outlived every kill
        # The first finished sync kept the members list; later ones within a day keep it as is.
        names = {user.user_id: user.name for user in members_at(emulator.org, clock.now)}
        _assert_store_is_truth(env, summary, truth(served_payloads(emulator, clock.now)))

        clock.now += EARLIER.total_seconds()
        _kill_after(emulator, env, 1)  # an incremental sync, killed after its first page
        summary = _complete(env)
        assert summary.startswith("incremental sync"), summary
        expected = truth(served_payloads(emulator, clock.now))
        _assert_store_is_truth(env, summary, expected)
        _assert_export_is_truth(env, expected, names)
