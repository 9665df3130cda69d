"""The Repository filter and the organization selector in the browser: both live in the URL and
narrow the numbers to what the emulator serves."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from browser_helpers import (
    EmulatedOrg,
    StartApp,
    assert_no_error,
    fresh_page,
    open_app_page,
    save_screenshot,
    wait_until_idle,
)
from playwright.sync_api import Browser, Locator, Page

from devin_data.emulator import ENTERPRISE_KEY, ORG_ID, SECOND_ORG_ID

pytestmark = pytest.mark.browser


def _params(page: Page) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlparse(page.url).query).items()}


def _sessions_count(page: Page) -> int:
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    found = [m.group(1) for text in captions for m in re.finditer(r"([\d,]+) sessions ·", text)]
    assert len(found) == 1, captions
    return int(found[0].replace(",", ""))


def _grid_rows(grid: Locator) -> list[list[str]]:
    """The cells of a data grid's rendered rows (its accessible table, not the canvas)."""
    grid.locator("tbody tr").first.wait_for(state="attached")
    rows: list[list[str]] = grid.evaluate(
        "g => [...g.querySelectorAll('tbody tr')].map(r => [...r.children].map(c => c.innerText))"
    )
    return [[cell.strip() for cell in row] for row in rows]


def _with_pr_in(org: EmulatedOrg, repo: str) -> int:
    """Sessions the emulator serves with a pull request in ``repo``."""
    return sum(
        1
        for ref in org.org.visible_sessions(org.now)
        if org.org.view(ref.pos, org.now).prs and org.org.repo(ref.pos) == repo
    )


def _pick(page: Page, widget: str, label: str, option: str) -> None:
    """Choose ``option`` in the sidebar's multiselect or selectbox labelled ``label``."""
    box = page.locator(f'[data-testid="{widget}"]').filter(has_text=label).first
    box.locator("input").first.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_until_idle(page)


def test_the_repository_filter_narrows_the_numbers_and_stays_in_the_link(
    app_url: str, emulated_org: EmulatedOrg, browser: Browser, screenshots: Path
) -> None:
    docs = _with_pr_in(emulated_org, "acme/docs")
    assert 0 < docs < len(emulated_org.visible_created())
    with fresh_page(browser) as page:
        open_app_page(page, f"{app_url}/sessions?range=all", "Sessions")
        assert _sessions_count(page) == len(emulated_org.visible_created())
        _pick(page, "stMultiSelect", "Repositories", "acme/docs")
        assert _params(page)["repository"] == "acme/docs"
        assert _sessions_count(page) == docs
        repositories = _grid_rows(page.locator('[data-testid="stDataFrame"]').last)
        assert [row[0] for row in repositories] == ["acme/docs"]

        infra = _with_pr_in(emulated_org, "acme/infra")
        open_app_page(page, f"{app_url}/sessions?range=all&repository=acme%2Finfra", "Sessions")
        assert _sessions_count(page) == infra
        open_app_page(page, f"{app_url}/?range=all&repository=acme%2Finfra", "Overview")
        page.get_by_role("heading", name="Repositories").first.wait_for(state="visible")
        assert _params(page)["repository"] == "acme/infra"
        assert_no_error(page)
        save_screenshot(page, screenshots / "overview-repository-filter.png")


@pytest.fixture(scope="module")
def enterprise_url(
    emulated_org: EmulatedOrg, start_app: StartApp, browser: Browser
) -> Iterator[str]:
    """Streamlit on the emulator with the enterprise key, which reads two organizations."""
    with start_app(
        DEVIN_API_BASE_URL=emulated_org.url, DEVIN_ORG_ID=ORG_ID, DEVIN_API_KEY=ENTERPRISE_KEY
    ) as url:
        yield url


def _served(org: EmulatedOrg, org_id: str) -> int:
    """How many sessions the emulator serves for ``org_id``, walked through its API."""
    headers = {"Authorization": f"Bearer {ENTERPRISE_KEY}"}
    path = f"{org.url}/v3/organizations/{org_id}/sessions"
    body = httpx.get(path, params={"first": 1}, headers=headers).raise_for_status().json()
    return int(body["total"])


def test_the_organization_selector_switches_the_data_and_keeps_it_in_the_link(
    enterprise_url: str, emulated_org: EmulatedOrg, browser: Browser, screenshots: Path
) -> None:
    first, second = _served(emulated_org, ORG_ID), _served(emulated_org, SECOND_ORG_ID)
    assert first != second
    with fresh_page(browser) as page:
        open_app_page(page, f"{enterprise_url}/sessions?range=all", "Sessions")
        assert _sessions_count(page) == first
        assert "org" not in _params(page)
        _pick(page, "stSelectbox", "Organization", f"Acme Labs ({SECOND_ORG_ID})")
        wait_until_idle(page, timeout_ms=180_000)
        assert _params(page)["org"] == SECOND_ORG_ID
        assert _sessions_count(page) == second

        open_app_page(page, f"{enterprise_url}/?range=all&org={SECOND_ORG_ID}", "Overview")
        page.get_by_role("heading", name="Organizations").first.wait_for(state="visible")
        rows = _grid_rows(page.locator('[data-testid="stDataFrame"]').last)
        assert [row[1] for row in rows] == [ORG_ID, SECOND_ORG_ID]
        assert [int(row[2].replace(",", "")) for row in rows] == [first, second]
        assert_no_error(page)
        save_screenshot(page, screenshots / "overview-organizations.png")

        open_app_page(page, f"{enterprise_url}/sessions?range=all&org=org-nowhere", "Sessions")
        page.get_by_text("Ignored org='org-nowhere'", exact=False).wait_for(state="visible")
        assert _sessions_count(page) == first
