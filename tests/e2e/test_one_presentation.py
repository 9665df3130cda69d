"""One presentation on the rendered pages at 1440 px: no "None", every share to one decimal,
and people by name wherever the organization's members list knows it.

Read from Chromium (the text of the page, and the cells of every table grid), not from the
app's state. Charts are left out: their axis ticks are scales, not figures. The grid draws its
numbers on a canvas and its page text holds them unformatted, so their formats are checked in
``tests/app/test_table_formats.py``; here the grids give their text cells (people, "None").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import EmulatedOrg, fresh_page, open_app_page, save_screenshot
from playwright.sync_api import Browser, Page

from devin_data.emulator.members import members_at

pytestmark = pytest.mark.browser

PAGES = (("", "Overview"), ("people", "People"), ("sessions", "Sessions"), ("spend", "Spend"))
# The page's text without charts (ticks) and without the cards' changes (a relative change of a
# count, "+20%", is a change, not a share).
TEXT = """() => {
    const main = document.querySelector('[data-testid="stMain"]').cloneNode(true);
    main.querySelectorAll('.js-plotly-plot, [data-testid="stMetricDelta"], '
        + '[data-testid="stDataFrame"]').forEach(e => e.remove());
    return main.innerText;
}"""
GRID = """g => ({
    headers: [...g.querySelectorAll('th')].map(t => t.innerText.trim()),
    rows: [...g.querySelectorAll('tbody tr')].map(r => [...r.children].map(c => c.innerText)),
})"""
PERCENT = re.compile(r"(\d[\d,]*(?:\.(\d+))?)\s?%")
# A relative change of a count or an amount ("+166%", "rose 12%") is a change, not a share.
CHANGE = re.compile(r"(?:[+\-\u2212]|\b(?:rose|fell) )$")
PERSON_HEADERS = ("User", "Person")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with fresh_page(browser) as opened:
        yield opened


def _grids(page: Page) -> list[dict[str, Any]]:
    grids = []
    tables = page.locator('[data-testid="stDataFrame"]')
    for index in range(tables.count()):
        table = tables.nth(index)
        table.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        grids.append(table.evaluate(GRID))
    return grids


def _wrong_shares(text: str) -> list[str]:
    """Shares not written to exactly one decimal (with the words before them, to find them)."""
    return [
        text[max(0, m.start() - 30) : m.end()]
        for m in PERCENT.finditer(text)
        if len(m.group(2) or "") != 1 and not CHANGE.search(text[: m.start()])
    ]


@pytest.mark.parametrize(("path", "title"), PAGES)
def test_every_page_reads_one_way(
    app_url: str,
    emulated_org: EmulatedOrg,
    page: Page,
    screenshots: Path,
    path: str,
    title: str,
) -> None:
    open_app_page(page, f"{app_url}/{path}", title)
    save_screenshot(page, screenshots / f"one-presentation-{title.lower()}.png")
    text = page.evaluate(TEXT)
    grids = _grids(page)
    assert grids, "the page shows at least one table"
    cells = [cell for grid in grids for row in grid["rows"] for cell in row]
    assert len(cells) > 10
    named = {u.user_id: u.name for u in members_at(emulated_org.org, emulated_org.now) if u.name}
    assert named
    assert not re.search(r"\bNone\b", text), text[:2000]
    assert [cell for cell in cells if re.search(r"\bNone\b", cell)] == []
    assert _wrong_shares(text) == []
    assert [uid for uid in named if uid in text] == []
    people = [
        row[grid["headers"].index(header)]
        for grid in grids
        for header in PERSON_HEADERS
        if header in grid["headers"]
        for row in grid["rows"]
        if len(row) > grid["headers"].index(header)
    ]
    if path in ("people", "sessions"):
        assert people, "the page's tables show people"
    assert [person for person in people if person in named] == []


def test_the_check_sees_a_share_without_its_decimal() -> None:
    assert _wrong_shares("56% and 60.53% and 67.9%") == ["56%", "56% and 60.53%"]
    assert _wrong_shares("67.9% · 1,234.5 % · +166% · rose 12%") == []
