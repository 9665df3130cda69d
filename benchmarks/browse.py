"""Headless Chromium as the load: open pages, change the created-date filter, wait for the server.

The browsers only generate requests; what is measured comes from the server's timing log. A step
waits until the log holds the runs it caused and the page shows that no run is pending, then reads
those runs. Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Awaitable, Callable
from typing import Any

from playwright.async_api import Browser, Page, Playwright
from playwright.async_api import Error as PlaywrightError

from benchmarks.appserver import TimingLog

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
RUNNING = '[data-testid="stStatusWidgetRunningIcon"]'
TIMEOUT_S = 300.0
CLICK_TIMEOUT_MS = 120_000
# Consecutive filter changes: the "Created" buttons of the sidebar, never the one already chosen.
PRESETS = ("7 d", "90 d", "All", "30 d")
PROBLEMS = ("Traceback", "could not be shown", "Page not found", "Not connected")


async def launch(playwright: Playwright) -> Browser:
    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("the app benchmarks need a `chromium` executable on PATH")
    return await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


async def new_page(browser: Browser) -> Page:
    """A fresh browser context, so the next page load is a new browser session of the app."""
    context = await browser.new_context(timezone_id="UTC", viewport={"width": 1440, "height": 900})
    context.set_default_timeout(TIMEOUT_S * 1000)
    return await context.new_page()


async def idle(page: Page) -> None:
    """No script run going on and none pending (checked twice, a moment apart)."""
    for _ in range(2):
        await page.wait_for_selector(IDLE)
        await page.wait_for_selector(RUNNING, state="detached")
        await page.wait_for_timeout(100)
    await page.wait_for_selector(IDLE)


async def runs(log: TimingLog, act: Callable[[], Awaitable[list[Page]]]) -> list[dict[str, Any]]:
    """Do ``act``, then wait for one logged run per page it acted on and for those to be idle."""
    before = log.count()
    acted = await act()
    deadline = time.monotonic() + TIMEOUT_S
    while log.count() < before + len(acted):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{len(acted)} runs were not logged within {TIMEOUT_S:.0f} s")
        await asyncio.sleep(0.05)
    await asyncio.gather(*(idle(page) for page in acted))
    return log.records(before)


async def open_page(page: Page, url: str, log: TimingLog) -> list[dict[str, Any]]:
    """Load ``url`` in ``page``: the runs of a new browser session's first open."""

    async def load() -> list[Page]:
        await page.goto(url, wait_until="domcontentloaded")
        return [page]

    return await runs(log, load)


async def change_filter(pages: list[Page], preset: str) -> list[Page]:
    """Click ``preset`` in the sidebar of every page at once; the pages where the click landed."""

    async def click(page: Page) -> bool:
        radio = page.locator('[data-testid="stSidebar"]').get_by_role(
            "radio", name=preset, exact=True
        )
        try:
            await radio.click(timeout=CLICK_TIMEOUT_MS)
        except PlaywrightError:
            return False
        return True

    clicked = await asyncio.gather(*(click(page) for page in pages))
    return [page for page, done in zip(pages, clicked, strict=True) if done]


async def shown(page: Page) -> str:
    """The start of what ``page`` shows, to say why it could not be used."""
    return " ".join((await page.locator("body").inner_text()).split())[:160]


async def problems(page: Page, name: str) -> list[str]:
    """What keeps ``page`` from having rendered: an error shown or no title at all."""
    text = await page.locator("body").inner_text()
    found = [phrase for phrase in PROBLEMS if phrase in text]
    if await page.locator('[data-testid="stException"]').count():
        found.append("an exception")
    if not await page.locator('[data-testid="stMain"] h1').count():
        found.append("no title")
    return [f"{name}: {problem}" for problem in found]
