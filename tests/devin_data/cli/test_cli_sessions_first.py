"""``devin-data sync`` stores the sessions and says so before any extra is fetched; the extras then
run at once. The emulator on loopback holds every request for an extra at a gate until the test
has read the sessions from the store."""

from __future__ import annotations

import argparse
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from devin_data.cli import commands
from devin_data.config import Settings
from devin_data.emulator import ENTERPRISE_KEY, ORG_ID, DemoOrg, Emulator, serve
from devin_data.frames import frame_from_table
from devin_data.services.workspace import Workspace

READY = "The sessions are stored and ready"
EXTRA = re.compile(r"/(members/users|metrics/[a-z]+|consumption/[a-z/-]+|enterprise/organizations)")


class Gate:
    """Holds each request for an extra until opened (or 30 s), counting what is in flight."""

    def __init__(self, handle: Callable[..., Any]) -> None:
        self._handle = handle
        self._open = threading.Event()
        self._lock = threading.Lock()
        self.waiting: Counter[str] = Counter()
        self.most_kinds = 0  # the most kinds of extra in flight at one moment

    def __call__(self, method: str, path: str, *rest: Any) -> Any:
        found = EXTRA.search(path)
        if found is None:
            return self._handle(method, path, *rest)
        kind = found.group(1).split("/users")[0] + ("/user" if path.count("/users/") else "")
        with self._lock:
            self.waiting[kind] += 1
            self.most_kinds = max(self.most_kinds, len(+self.waiting))
        try:
            self._open.wait(30)
            return self._handle(method, path, *rest)
        finally:
            with self._lock:
                self.waiting[kind] -= 1

    def open(self) -> None:
        self._open.set()


@pytest.fixture
def emulator(frozen_now: datetime) -> Emulator:
    return Emulator(DemoOrg.generate(300, 9, frozen_now, days=40), clock=frozen_now.timestamp)


def _output(capsys: pytest.CaptureFixture[str], seen: list[str]) -> str:
    seen.append(capsys.readouterr().out)
    return "".join(seen)


def _until(condition: Callable[[], bool], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def gate(emulator: Emulator) -> Iterator[Gate]:
    held = Gate(emulator.handle)
    emulator.handle = held  # type: ignore[method-assign]
    yield held
    held.open()


def test_sessions_are_stored_and_announced_before_the_extras_run_together(
    emulator: Emulator,
    gate: Gate,
    tmp_path: Path,
    frozen_now: datetime,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with serve(emulator) as server:
        settings = Settings(
            api_key=ENTERPRISE_KEY, org_id=ORG_ID, base_url=server.url, cache_dir=tmp_path
        )
        args = argparse.Namespace(
            since=None, full=True, messages=False, concurrency=None, quiet=True, time_limit=None
        )
        done: list[int] = []
        worker = threading.Thread(
            target=lambda: done.append(commands.run_sync(args, settings, now=frozen_now))
        )
        worker.start()
        seen: list[str] = []
        try:
            announced = _until(lambda: READY in _output(capsys, seen) or not worker.is_alive())
            assert announced
            assert READY in _output(capsys, seen)
            assert "Also kept" not in _output(capsys, seen)
            # While the extras wait at the gate, another process reads every session.
            with Workspace.open(settings) as reader:
                frame = frame_from_table(reader.store.snapshot())
            expected = sum(1 for _ in emulator.org.visible_sessions(frozen_now.timestamp()))
            assert len(frame) == expected
            assert _until(lambda: gate.most_kinds >= 3, timeout=20)  # extras asked at once
            assert worker.is_alive()
        finally:
            gate.open()
            worker.join(60)
    assert done == [0]
    assert re.search(r"Also kept: .*names.*; \d+ requests", _output(capsys, seen))
