"""Three app replicas and one scheduled sync share one PostgreSQL store.

Everything is real: the emulator serves the organization over loopback, each replica is a
`streamlit run` process with a cache folder of its own, the CLI sync is a subprocess, and the
pages are read in headless Chromium. The emulator counts every request it answers.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from browser_helpers import (
    LOOPBACK,
    clean_environment,
    free_port,
    python_streamlit,
    stop,
    streamlit_command,
    wait_for_health,
    wait_until_idle,
)
from frozen_time import FROZEN_NOW, at_frozen_now
from playwright.sync_api import Browser, Page

from benchmarks.groups import start_group
from devin_data.config import Settings
from devin_data.connect import store_scope
from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator, EmulatorServer, serve
from devin_data.query.filters import DEFAULT_PRESET, FilterSpec
from devin_data.store.shared.store import SharedStore

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]
NOW = FROZEN_NOW.timestamp()


@dataclass
class Replica:
    process: subprocess.Popen[bytes]
    url: str


@pytest.fixture(scope="module")
def emulator() -> Emulator:
    return Emulator(DemoOrg.generate(300, 13, FROZEN_NOW, days=40), clock=lambda: NOW, seed=13)


@pytest.fixture(scope="module")
def server(emulator: Emulator) -> Iterator[EmulatorServer]:
    with serve(emulator) as running:
        yield running


def _expected_in_default_window(emulator: Emulator) -> int:
    start, end = FilterSpec(preset=DEFAULT_PRESET, tz="UTC").window(FROZEN_NOW)
    assert start is not None
    assert end is not None
    created = [ref.created_at for ref in emulator.org.visible_sessions(NOW)]
    return sum(start.timestamp() <= at < end.timestamp() for at in created)


def _start(env: dict[str, str], log: Path) -> Replica:
    port = free_port()
    with log.open("wb") as sink:
        process = start_group(
            streamlit_command(python_streamlit(), port),
            cwd=REPO,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    url = f"http://{LOOPBACK}:{port}"
    try:
        wait_for_health(url, process, 90)
    except BaseException:
        stop(process)
        raise
    return Replica(process, url)


def _shown_sessions(page: Page, url: str) -> str:
    page.goto(f"{url}/sessions", wait_until="domcontentloaded")
    wait_until_idle(page)
    page.get_by_role("heading", level=1, name="Sessions", exact=True).wait_for()
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    found = [m.group(1) for text in captions for m in re.finditer(r"([\d,]+) sessions\b", text)]
    assert found, captions
    return found[0]


def _first_chart(page: Page, url: str) -> None:
    page.goto(f"{url}/", wait_until="domcontentloaded")
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=60_000)


def test_three_replicas_one_sync_one_database(
    emulator: Emulator,
    server: EmulatorServer,
    store_url: str,
    browser: Browser,
    tmp_path: Path,
) -> None:
    devin = {
        "DEVIN_API_KEY": ADMIN_KEY,
        "DEVIN_ORG_ID": ORG_ID,
        "DEVIN_API_BASE_URL": server.url,
        "DEVIN_STORE_URL": store_url,
    }
    cli = subprocess.run(
        [*at_frozen_now("devin_data.cli"), "sync", "--quiet"],
        env=clean_environment(DEVIN_CACHE_DIR=str(tmp_path / "cli"), **devin),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert cli.returncode == 0, cli.stderr
    engine = sa.create_engine(store_url)
    shared = SharedStore(engine, tmp_path / "probe", store_scope(Settings.load(devin)))
    assert len(shared.sync_runs()) == 1
    expected = f"{_expected_in_default_window(emulator):,}"

    def env(name: str) -> dict[str, str]:
        return clean_environment(DEVIN_CACHE_DIR=str(tmp_path / name / "cache"), **devin)

    for name in ("r1", "r2", "r3"):
        (tmp_path / name).mkdir()
    emulator.reset_stats()
    replicas: list[Replica] = []
    context = browser.new_context(timezone_id="UTC", locale="en-US")
    context.set_default_timeout(60_000)
    try:
        for name in ("r1", "r2", "r3"):
            replicas.append(_start(env(name), tmp_path / name / "log"))
        pages = [context.new_page() for _ in replicas]
        for page, replica in zip(pages, replicas, strict=True):
            _first_chart(page, replica.url)
        assert emulator.stats.total == 0, emulator.stats.by_kind
        shown = [_shown_sessions(page, r.url) for page, r in zip(pages, replicas, strict=True)]
        assert shown == [expected] * 3

        # "Sync now" on two replicas at once: one sync runs, the other follows its progress.
        emulator.latency_ms = 1200
        for page in pages[:2]:
            page.get_by_role("button", name="Sync now").click()
        for page in pages[:2]:
            wait_until_idle(page)
        assert len(shared.sync_runs()) == 2
        assert emulator.stats.total > 0

        # A replica killed mid-sync, restarted on an empty disk, loses nothing and asks nothing.
        pages[2].get_by_role("button", name="Sync now").click()
        _wait(lambda: shared.sync_running() and bool(shared.sync_progress().get("phase")))
        replicas[2].process.kill()
        replicas[2].process.wait(10)
        _wait(lambda: not shared.sync_running())
        # The request the killed replica had in flight is still answered (and counted) once
        # its delay passes; the count starts after that.
        time.sleep(emulator.latency_ms / 1000 + 0.5)
        emulator.latency_ms = 0
        emulator.reset_stats()
        (tmp_path / "r4").mkdir()
        replicas[2] = _start(env("r4"), tmp_path / "r4" / "log")
        _first_chart(pages[2], replicas[2].url)
        assert emulator.stats.total == 0
        assert _shown_sessions(pages[2], replicas[2].url) == expected
        assert shared.count() == sum(1 for _ in emulator.org.visible_sessions(NOW))
        outcomes = [run["outcome"] for run in shared.sync_runs()]
        assert outcomes[:2] == ["cold", "incremental"]
        assert outcomes[2:] == [None]  # the killed run never finished, and nothing waits on it
    finally:
        context.close()
        for replica in replicas:
            stop(replica.process)
        engine.dispose()


def _wait(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise TimeoutError("the condition did not hold in time")
