"""Start Streamlit on loopback, wait for it, and drive headless Chromium against it.

Shared by the browser tests and the hosting test; every wait is bounded and every process is
stopped by whoever started it, with every process it started in turn (a launcher such as
``faketime`` runs the server as its child).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from frozen_time import at_frozen_now
from playwright.sync_api import Browser, Page, Playwright

from benchmarks.appserver import wait_for_health
from benchmarks.groups import start_group, stop_group
from devin_data.emulator import DemoOrg
from devin_data.emulator.content import TRICKY_TITLES

LOOPBACK = "127.0.0.1"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DEVIN_VARIABLES = (
    "DEVIN_API_KEY",
    "DEVIN_ORG_ID",
    "DEVIN_API_BASE_URL",
    "DEVIN_CACHE_DIR",
    "DEVIN_STORE_URL",
    "DEVIN_ALLOW_PRIVATE_BASE_URL",
)
IDLE_SELECTOR = '[data-testid="stApp"][data-test-script-state="notRunning"]'
RUNNING_ICON = '[data-testid="stStatusWidgetRunningIcon"]'
SCRIPT_TITLE = TRICKY_TITLES[0]

StartApp = Callable[..., AbstractContextManager[str]]


def free_port() -> int:
    """A port nobody listens on right now, on the loopback interface only."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without any DEVIN_* variable, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in DEVIN_VARIABLES}
    env.update(extra)
    return env


def streamlit_command(launcher: Sequence[str], port: int) -> list[str]:
    return [
        *launcher,
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.address",
        LOOPBACK,
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]


DESKTOP = {"width": 1440, "height": 1000}


@contextmanager
def fresh_page(
    browser: Browser,
    *,
    zone: str = "UTC",
    viewport: Mapping[str, int] = DESKTOP,
    scheme: Literal["light", "dark", "no-preference"] | None = None,
) -> Iterator[Page]:
    """A page in a fresh browser context: its clock in ``zone``, its size and colour scheme."""
    context = browser.new_context(
        timezone_id=zone, locale="en-US", viewport=dict(viewport), color_scheme=scheme
    )
    context.set_default_timeout(60_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@contextmanager
def streamlit_server(
    launcher: Sequence[str], cwd: Path, env: Mapping[str, str], log: Path, timeout: float = 90.0
) -> Iterator[str]:
    """A Streamlit server on a free loopback port; yields its base URL and always stops it.

    The server's output goes to ``log`` and is quoted when it fails to start.
    """
    port = free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as sink:
        process = start_group(
            streamlit_command(launcher, port),
            cwd=cwd,
            env=dict(env),
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        base_url = f"http://{LOOPBACK}:{port}"
        try:
            try:
                wait_for_health(base_url, process, timeout)
            except (RuntimeError, TimeoutError) as err:
                raise RuntimeError(f"{err}\n{log.read_text(errors='replace')[-3000:]}") from err
            yield base_url
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate the process and everything it started, then kill what is left after a bounded
    wait (the process leads its own group: see :func:`benchmarks.groups.stop_group`)."""
    stop_group(process)


def python_streamlit() -> list[str]:
    """``python -m streamlit`` at FROZEN_NOW, the instant the emulators of the tests stand at."""
    return at_frozen_now("streamlit")


def launch_chromium(playwright: Playwright) -> Browser:
    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("the browser tests need a `chromium` executable on PATH")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


def wait_until_idle(page: Page, timeout_ms: float = 120_000) -> None:
    """The script run finished and no rerun is pending (checked twice, a moment apart)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    for _ in range(2):
        page.wait_for_selector(IDLE_SELECTOR, timeout=timeout_ms)
        page.wait_for_selector(RUNNING_ICON, state="detached", timeout=timeout_ms)
        page.wait_for_timeout(300)
    page.wait_for_selector(IDLE_SELECTOR, timeout=timeout_ms)


def open_app_page(page: Page, url: str, heading: str) -> None:
    """Load a page, wait for its script run to finish, then for its exact title heading.

    Errors are checked first, so a broken page fails with its text instead of a timeout.
    """
    page.goto(url, wait_until="domcontentloaded")
    wait_until_idle(page)
    assert_no_error(page)
    page.get_by_role("heading", level=1, name=heading, exact=True).first.wait_for(
        state="visible", timeout=15_000
    )
    wait_until_idle(page)


def assert_no_error(page: Page) -> None:
    """No exception element, no traceback text and no "Page not found" notice on the page."""
    text = page.locator("body").inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0, text[-2000:]
    assert "Traceback" not in text, text[-2000:]
    assert "Page not found" not in text, text[:500]


def save_screenshot(page: Page, path: Path, max_height: int = 12_000) -> None:
    """The whole page: Streamlit scrolls inside its main block, so the viewport grows to fit it."""
    size = page.viewport_size or {"width": 1440, "height": 1000}
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll("
        '\'[data-testid="stMain"], [data-testid="stSidebarContent"]\')]'
        ".map(e => e.scrollHeight), 0)"
    )
    page.set_viewport_size(
        {"width": size["width"], "height": min(max_height, max(size["height"], int(height)))}
    )
    try:
        page.wait_for_timeout(500)  # let Plotly re-lay out for the new height
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)


def screenshot_dir(root: Path) -> Path:
    """SCREENSHOT_DIR if set, else test-artifacts/screenshots/ under the repository."""
    folder = Path(os.environ.get("SCREENSHOT_DIR") or root / "test-artifacts" / "screenshots")
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class EmulatedOrg:
    """The organization behind the app under test, seen at the emulator's frozen clock."""

    org: DemoOrg
    now: float
    url: str

    def visible_created(self) -> list[int]:
        return [ref.created_at for ref in self.org.visible_sessions(self.now)]

    def session_titled(self, title: str) -> str:
        """The id of a visible session with exactly this title."""
        for ref in self.org.visible_sessions(self.now):
            if self.org.plans[ref.pos].title == title:
                return ref.session_id
        raise LookupError(f"no visible session titled {title!r}")

    def title_of(self, session_id: str) -> str:
        position = self.org.position(session_id)
        assert position is not None, session_id
        return self.org.plans[position].title or ""

    def analysed_session(self) -> str:
        """An ended session with an analysis and an ordinary title (the lowest such id)."""
        fitting = [
            ref.session_id
            for ref in self.org.visible_sessions(self.now)
            if (plan := self.org.plans[ref.pos]).analysed
            and plan.end < self.now
            and plan.title not in (None, *TRICKY_TITLES)
        ]
        if not fitting:
            raise LookupError("no analysed session")
        return min(fitting)


@dataclass
class BrowserPage:
    """A page plus the dialogs it opened (none are expected)."""

    page: Page
    dialogs: list[str] = field(default_factory=list)
