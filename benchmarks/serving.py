"""The figures only a running Streamlit server gives: first opens, reruns, memory, users at once.

``python -m benchmarks.serving [--sessions N] [--users U] [--rounds R] [--json]`` measures them
alone and prints their rows. The emulator runs as its own process, ``devin-data sync --full``
fills a cache, and ``streamlit run app.py`` serves it with ``DEVIN_TIMING_LOG`` set. A first
visitor opens every page (the server builds its cached frames then); each round, every page is
opened in a new browser session and its created-date filter changed once, and the server's memory
is read. Last, the users open their pages and change the filter at the same moment, round after
round.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, Page, async_playwright

from benchmarks import appserver, browse, procs
from benchmarks.measured import Measured
from devin_data import Settings, client_for
from devin_data.config import Secret
from devin_data.emulator import ADMIN_KEY, ORG_ID
from devin_data.models import TERMINAL_STATUSES

PATHS = {
    "Overview": "",
    "Sessions": "sessions",
    "Session detail": "session?session={session}",
    "Timelines": "timelines",
    "Insights": "insights",
    "People": "people",
    "Data": "data",
}


@dataclass
class Drive:
    """One server under load: where its pages are and what the runs have shown so far."""

    server: appserver.Server
    log: appserver.TimingLog
    session: str
    cold_open: dict[str, float] = field(default_factory=dict)
    first_open: dict[str, list[float]] = field(default_factory=dict)
    rerun: dict[str, list[float]] = field(default_factory=dict)
    rss_mb: list[float] = field(default_factory=list)
    rss_users_mb: float = 0.0
    together: list[list[float]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def url(self, page: str) -> str:
        return f"{self.server.url}/{PATHS[page].format(session=self.session)}"


def detail_session(url: str) -> str:
    """An ended, analysed session for the Session detail page (the first the API lists)."""
    config = Settings(api_key=Secret(ADMIN_KEY), org_id=ORG_ID, base_url=url)
    with client_for(config) as client:
        listed = client.list_session_insights_page(first=50).items
    fitting = [s for s in listed if s.analysis is not None and s.status in TERMINAL_STATUSES]
    return str((fitting or listed)[0].session_id)


def _seconds(records: list[dict[str, Any]]) -> float:
    """Server seconds of the runs one step caused (one run, unless the app asked for another)."""
    return sum(float(record["seconds"]) for record in records)


async def visit_every_page(drive: Drive, browser: Browser, round_: int | None) -> None:
    """Every page in a new browser session: its first open, then one filter change (the first
    visitor, ``round_`` None, only opens them: its runs build the server's cached frames)."""
    procs.say("the first visitor" if round_ is None else f"visits, round {round_ + 1}")
    page = await browse.new_page(browser)  # each load below is a new browser session all the same
    for name in PATHS:
        opened = await browse.open_page(page, drive.url(name), drive.log)
        if round_ is None:
            drive.cold_open[name] = _seconds(opened)
        else:
            drive.first_open.setdefault(name, []).append(_seconds(opened))
            preset = browse.PRESETS[round_ % len(browse.PRESETS)]
            changed = await browse.runs(drive.log, partial(browse.change_filter, [page], preset))
            if not changed:
                raise RuntimeError(
                    f"{name}: the filter could not be changed: {await browse.shown(page)}"
                )
            drive.rerun.setdefault(name, []).append(_seconds(changed))
        drive.problems += await browse.problems(page, name)
    await page.context.close()
    drive.rss_mb.append(drive.server.rss_mb())


async def _round_at_once(drive: Drive, pages: list[Page], names: list[str], preset: str) -> None:
    """Every user clicks ``preset`` at the same moment; their reruns are one round."""
    clicked: list[Page] = []

    async def click() -> list[Page]:
        clicked.extend(await browse.change_filter(pages, preset))
        return clicked

    records = await browse.runs(drive.log, click)
    if len(records) != len(pages) or any(r["ended"] != "finished" for r in records):
        drive.problems.append(f"{len(records)} reruns for {len(pages)} users")
    drive.together.append([float(record["seconds"]) for record in records])
    for page, name in zip(pages, names, strict=True):
        if page not in clicked:
            drive.problems.append(f"{name}: no filter to change: {await browse.shown(page)}")
        drive.problems += await browse.problems(page, name)


async def at_once(drive: Drive, browser: Browser, users: int, rounds: int) -> None:
    """``users`` browser sessions over every page, changing the filter at the same moment."""
    procs.say(f"{users} users change the filters at once, {rounds} rounds")
    names = [list(PATHS)[index % len(PATHS)] for index in range(users)]
    pages = [await browse.new_page(browser) for _ in names]
    await asyncio.gather(
        *(browse.open_page(p, drive.url(n), drive.log) for p, n in zip(pages, names, strict=True))
    )
    for round_ in range(rounds):
        await _round_at_once(drive, pages, names, browse.PRESETS[round_ % len(browse.PRESETS)])
    drive.rss_users_mb = drive.server.rss_mb()
    for page in pages:
        await page.context.close()


async def _drive(drive: Drive, users: int, rounds: int) -> None:
    async with async_playwright() as playwright:
        browser = await browse.launch(playwright)
        try:
            for round_ in (None, *range(rounds)):
                await visit_every_page(drive, browser, round_)
            await at_once(drive, browser, users, rounds)
        finally:
            await browser.close()


@contextmanager
def served(sessions: int, work: Path) -> Iterator[tuple[appserver.Server, str, Path]]:
    """The emulator, a cache synced by the CLI, and the app on it with the timing log on."""
    with procs.emulator(sessions) as url:
        cache, log = work / "app-cache", work / "timing.jsonl"
        procs.say(f"sync of {sessions:,} sessions and the app server")
        procs.cli_sync(url, cache, ADMIN_KEY)
        env = procs.sync_env(url, cache, ADMIN_KEY) | {appserver.TIMING_LOG: str(log)}
        with appserver.streamlit(env, work / "streamlit.log") as server:
            yield server, detail_session(url), log


def measure(sessions: int, users: int, rounds: int, work: Path) -> dict[str, Any]:
    """Every figure of the server, with the timing log's lines as the server wrote them."""
    with served(sessions, work) as (server, session, log):
        drive = Drive(server, appserver.TimingLog(log), session)
        asyncio.run(_drive(drive, users, rounds))
        peak = server.rss_mb("VmHWM")
    return {
        "sessions": sessions,
        "users": users,
        "cold_open": drive.cold_open,
        "first_open": drive.first_open,
        "rerun": drive.rerun,
        "rss_mb": drive.rss_mb,
        "rss_users_mb": drive.rss_users_mb,
        "peak_rss_mb": peak,
        "together": drive.together,
        "problems": drive.problems,
        "log": drive.log.lines(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the raw figures as well")
    args = parser.parse_args()
    from benchmarks import rows, sizes, table  # rows reads what the suite measures

    with tempfile.TemporaryDirectory(prefix="devin-bench-app-") as folder:
        result = measure(args.sessions, args.users, args.rounds, Path(folder))
    print(table.render(rows.server_rows(Measured(sizes.FULL, app=result))))
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "log"}))


if __name__ == "__main__":
    main()
