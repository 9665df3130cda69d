"""An API that sends malformed sessions among good ones: the app syncs the rest, and the Data page
names each one it set aside."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import StartApp, fresh_page, open_app_page, save_screenshot
from frozen_time import FROZEN_NOW
from playwright.sync_api import Browser, Locator

from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator, serve
from devin_data.emulator.poison import DROP

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def poisoned_app(start_app: StartApp) -> Iterator[tuple[str, list[str]]]:
    """The app on an organization whose first two sessions (by id) are malformed: one with a
    number for its status, one without an id."""
    now = FROZEN_NOW.timestamp()
    org = DemoOrg.generate(60, 11, FROZEN_NOW, days=30)
    ids = sorted(ref.session_id for ref in org.visible_sessions(now))
    poison = {ids[0]: {"status": 42}, ids[1]: {"session_id": DROP}}
    with (
        serve(Emulator(org, clock=lambda: now, seed=11, poison=poison)) as server,
        start_app(
            DEVIN_API_BASE_URL=server.url, DEVIN_ORG_ID=ORG_ID, DEVIN_API_KEY=ADMIN_KEY
        ) as url,
    ):
        yield url, ids


def _grid_rows(grid: Locator) -> list[list[str]]:
    """The cells of a data grid's rendered rows (its accessible table, not the canvas)."""
    grid.locator("tbody tr").first.wait_for(state="attached")
    rows: list[list[str]] = grid.evaluate(
        "g => [...g.querySelectorAll('tbody tr')].map(r => [...r.children].map(c => c.innerText))"
    )
    return [[cell.strip() for cell in row] for row in rows]


def test_the_data_page_names_the_sessions_set_aside(
    poisoned_app: tuple[str, list[str]], browser: Browser, screenshots: Path
) -> None:
    url, ids = poisoned_app
    with fresh_page(browser) as page:
        open_app_page(page, f"{url}/data", "Data")
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "The last sync set aside 2 malformed sessions: see the Data page." in sidebar
        heading = page.get_by_role("heading", name="Sessions that failed to load", exact=True)
        heading.scroll_into_view_if_needed()
        rows = _grid_rows(page.locator('[data-testid="stDataFrame"]').filter(has_text="Problem"))
        save_screenshot(page, screenshots / "data-set-aside.png")

    by_session = {row[0]: row for row in rows}
    assert set(by_session) == {ids[0], "no session id"}
    assert by_session[ids[0]][1:3] == [
        "malformed: set aside, not stored",
        "status: Input should be a valid string",
    ]
    unnamed = by_session["no session id"]
    assert unnamed[2] == "session_id: Field required"
    assert unnamed[4].startswith("item ")
    assert "on GET /v3/organizations/org-demo/sessions/insights?" in unnamed[4]
