"""Fixtures for the browser tests: the emulator and Streamlit as real servers, and Chromium.

The emulator's clock stands at FROZEN_NOW and the Streamlit server runs from that instant on, so
what the app synced at start-up is exactly what the emulator shows for the whole run, counts can be
compared, and every date the app derives from "today" is the same whatever the machine's date.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_helpers import (
    BrowserPage,
    EmulatedOrg,
    StartApp,
    clean_environment,
    launch_chromium,
    python_streamlit,
    screenshot_dir,
    streamlit_server,
    wait_until_idle,
)
from frozen_time import FROZEN_NOW
from playwright.sync_api import Browser, Dialog, sync_playwright

from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator, serve

REPO = Path(__file__).resolve().parents[2]
N_SESSIONS = 600
DAYS = 60  # inside the app's default sync window, so every session is cached
_USED_SCREENSHOTS = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def emulated_org() -> Iterator[EmulatedOrg]:
    now = FROZEN_NOW.timestamp()
    org = DemoOrg.generate(N_SESSIONS, 11, FROZEN_NOW, days=DAYS)
    with serve(Emulator(org, clock=lambda: now, seed=11)) as server:
        yield EmulatedOrg(org, now, server.url)


@pytest.fixture(scope="session")
def start_app(tmp_path_factory: pytest.TempPathFactory) -> StartApp:
    """Start `streamlit run app.py` from the repository with these DEVIN_* variables only."""

    def start(**devin: str) -> AbstractContextManager[str]:
        work = tmp_path_factory.mktemp("app")
        env = clean_environment(DEVIN_CACHE_DIR=str(work / "cache"), **devin)
        return streamlit_server(python_streamlit(), REPO, env, work / "streamlit.log")

    return start


@dataclass
class SharedServer:
    """A server started once for the session, and whether a first visit has warmed it up."""

    url: str
    warmed: bool = False


@pytest.fixture(scope="session")
def admin_server(emulated_org: EmulatedOrg, start_app: StartApp) -> Iterator[SharedServer]:
    """Streamlit on the emulator with the admin key, shared by every module that only reads it:
    one start and one initial sync for the session instead of one per module. Its clock ticks on
    from the tests' instant, over two hours before midnight UTC, the day its readers count in."""
    with start_app(
        DEVIN_API_BASE_URL=emulated_org.url, DEVIN_ORG_ID=ORG_ID, DEVIN_API_KEY=ADMIN_KEY
    ) as url:
        yield SharedServer(url)


def warm_up(browser: Browser, url: str) -> None:
    """One visit to the root, which runs the initial sync.

    It goes to the root because a deep link as the very first request of a server process is a
    separate test.
    """
    context = browser.new_context(timezone_id="UTC")
    try:
        page = context.new_page()
        page.goto(url, wait_until="domcontentloaded", timeout=60_000)
        wait_until_idle(page, timeout_ms=180_000)
    finally:
        context.close()


@pytest.fixture(scope="module")
def app_url(admin_server: SharedServer, browser: Browser) -> str:
    """The shared admin-key server, warmed up before the first test that reads it."""
    if not admin_server.warmed:
        warm_up(browser, admin_server.url)
        admin_server.warmed = True
    return admin_server.url


@pytest.fixture(scope="module")
def own_app_url(emulated_org: EmulatedOrg, start_app: StartApp, browser: Browser) -> Iterator[str]:
    """A warmed-up admin-key server of the module's own, for a module whose tests change what the
    server keeps (an uploaded team mapping, fetched messages), so no other module sees it."""
    with start_app(
        DEVIN_API_BASE_URL=emulated_org.url, DEVIN_ORG_ID=ORG_ID, DEVIN_API_KEY=ADMIN_KEY
    ) as url:
        warm_up(browser, url)
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Module-scoped: Playwright's sync API allows one running instance per thread, and the
    hosting test starts its own after these tests."""
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def browser_page(browser: Browser) -> Iterator[BrowserPage]:
    """A fresh context in UTC (the app's day boundaries follow the browser's zone)."""
    context = browser.new_context(
        timezone_id="UTC", locale="en-US", viewport={"width": 1440, "height": 1000}
    )
    context.set_default_timeout(60_000)
    page = context.new_page()
    opened = BrowserPage(page)

    def record(dialog: Dialog) -> None:
        opened.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshots(request: pytest.FixtureRequest) -> Path:
    folder = screenshot_dir(REPO)
    request.config.stash[_USED_SCREENSHOTS] = folder
    return folder


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    folder = config.stash.get(_USED_SCREENSHOTS, None)
    if folder is not None:
        terminalreporter.write_line(f"screenshots: {folder}")
