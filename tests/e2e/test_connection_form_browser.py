"""The Connection form in Chromium: a metadata address is refused, and a key revoked after its
sessions were cached is refused with none of them shown.

The operator's connection is one emulator on loopback (with leave for loopback in the form), the
form's another one with sessions of its own; the sessions count on the Sessions page says whose
data a page shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browser_helpers import StartApp, assert_no_error, fresh_page, wait_until_idle
from frozen_time import FROZEN_NOW
from playwright.sync_api import Browser, Page

from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator, EmulatorServer, serve

pytestmark = pytest.mark.browser

OPERATOR_ORG = DemoOrg.generate(70, 31, FROZEN_NOW, days=20)
FORM_ORG = DemoOrg.generate(40, 32, FROZEN_NOW, days=20)
FORM_EMULATOR = Emulator(FORM_ORG, clock=FROZEN_NOW.timestamp)


def visible(org: DemoOrg) -> int:
    return sum(1 for _ in org.visible_sessions(FROZEN_NOW.timestamp()))


@pytest.fixture(scope="module")
def form_api() -> Iterator[EmulatorServer]:
    with serve(FORM_EMULATOR) as running:
        yield running


@pytest.fixture(scope="module")
def app_url(start_app: StartApp) -> Iterator[str]:
    with (
        serve(Emulator(OPERATOR_ORG, clock=FROZEN_NOW.timestamp)) as operator,
        start_app(
            DEVIN_API_BASE_URL=operator.url,
            DEVIN_ORG_ID=ORG_ID,
            DEVIN_API_KEY=ADMIN_KEY,
            DEVIN_ALLOW_PRIVATE_BASE_URL="1",
        ) as url,
    ):
        yield url


def open_and_connect(page: Page, app_url: str, base_url: str) -> None:
    """Open the app (all sessions in range) and submit the Connection form."""
    page.goto(f"{app_url}/?range=all", wait_until="domcontentloaded", timeout=60_000)
    wait_until_idle(page, timeout_ms=180_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Connection", exact=True).click()
    sidebar.get_by_label("API base URL").fill(base_url)
    sidebar.get_by_label("Organization id").fill(ORG_ID)
    sidebar.get_by_label("API key").fill(ADMIN_KEY)
    sidebar.get_by_role("button", name="Connect").click()
    wait_until_idle(page, timeout_ms=180_000)
    assert_no_error(page)


def sessions_counted(page: Page) -> list[str]:
    """The sessions count of the Sessions page, reached through the menu (same session)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Sessions", exact=True).click()
    page.get_by_role("heading", level=1, name="Sessions", exact=True).wait_for(state="visible")
    wait_until_idle(page)
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    return [m.group(1) for text in captions for m in re.finditer(r"([\d,]+) sessions\b", text)]


def test_a_metadata_address_typed_in_the_form_is_refused(browser: Browser, app_url: str) -> None:
    with fresh_page(browser) as page:
        open_and_connect(page, app_url, "http://169.254.169.254")
        sidebar = page.locator('[data-testid="stSidebar"]')
        refusal = sidebar.get_by_text("169.254.169.254 is a link-local address", exact=False)
        refusal.wait_for(state="visible", timeout=15_000)
        assert "must be https:// to a public host" in refusal.inner_text()
        assert sessions_counted(page) == [f"{visible(OPERATOR_ORG):,}"]


def test_a_revoked_key_is_refused_and_none_of_its_sessions_are_shown(
    browser: Browser, app_url: str, form_api: EmulatorServer
) -> None:
    operator, form = f"{visible(OPERATOR_ORG):,}", f"{visible(FORM_ORG):,}"
    assert operator != form
    with fresh_page(browser) as page:
        open_and_connect(page, app_url, form_api.url)
        assert sessions_counted(page) == [form]  # accepted, synced and shown

    FORM_EMULATOR.revoke(ADMIN_KEY)
    with fresh_page(browser) as page:
        open_and_connect(page, app_url, form_api.url)
        refusal = page.get_by_text("The API refused this key", exact=False).first
        refusal.wait_for(state="visible", timeout=15_000)
        assert "rejected (HTTP 401)" in page.locator('[data-testid="stSidebar"]').inner_text()
        assert sessions_counted(page) == [operator]
        assert form not in page.locator("body").inner_text()
