"""The Spend page in Chromium against the emulator on loopback: billed ACUs as the emulator
bills them, money at a set price, an enterprise key's limit, a notice for a missing permission."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

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
from playwright.sync_api import Browser, Page

from devin_data.emulator import Emulator
from devin_data.emulator.keys import ENTERPRISE_KEY, ORG_ID, VIEWER_KEY
from devin_data.models.billing import billing_day, day_start

pytestmark = pytest.mark.browser

TRACES = """() => {
    const plot = document.querySelector('.js-plotly-plot');
    return plot._fullData.map(t => ({name: t.name, x: Array.from(t.x), y: Array.from(t.y)}));
}"""


@pytest.fixture(scope="module")
def enterprise_url(emulated_org: EmulatedOrg, start_app: StartApp) -> Iterator[str]:
    """The app with the enterprise key and an ACU price of 2."""
    with start_app(
        DEVIN_API_BASE_URL=emulated_org.url,
        DEVIN_ORG_ID=ORG_ID,
        DEVIN_API_KEY=ENTERPRISE_KEY,
        DEVIN_ACU_PRICE="2",
    ) as url:
        yield url


def _text(page: Page) -> str:
    return page.locator("body").inner_text()


def test_spend_draws_the_billed_days_the_emulator_bills(
    app_url: str, emulated_org: EmulatedOrg, browser: Browser, screenshots: Path
) -> None:
    truth = Emulator(emulated_org.org, clock=lambda: emulated_org.now)
    today = billing_day(datetime.fromtimestamp(emulated_org.now, UTC))
    with fresh_page(browser) as page:
        open_app_page(page, f"{app_url}/spend", "Spend")
        page.locator(".js-plotly-plot").first.wait_for(state="visible")
        traces = page.evaluate(TRACES)
        text = _text(page)
        save_screenshot(page, screenshots / "spend.png")
    names = [t["name"] for t in traces]
    assert {"Billed: devin", "Billed: cascade", "Sessions report"} <= set(names)
    for day in (today, today.replace(day=max(1, today.day - 3))):
        billed = sum(
            y
            for t in traces
            if t["name"].startswith("Billed")
            for x, y in zip(t["x"], t["y"], strict=True)
            if str(x).startswith(f"{day:%Y-%m-%d}")
        )
        expected = truth.consumption_truth(int(day_start(day).timestamp()))
        assert billed == pytest.approx(sum(expected.values()), abs=0.05)
    assert "Billing days run from 08:00 UTC" in text
    assert "a billing day is not the day the other pages count in" in text
    assert "no budget or ACU limit is set" in text


def test_an_enterprise_key_shows_the_limit_and_money(
    enterprise_url: str, browser: Browser, screenshots: Path
) -> None:
    with fresh_page(browser) as page:
        page.goto(enterprise_url, wait_until="domcontentloaded", timeout=60_000)
        wait_until_idle(page, timeout_ms=180_000)
        assert_no_error(page)
        assert "At this pace the organization" in _text(page)
        open_app_page(page, f"{enterprise_url}/spend", "Spend")
        text = _text(page)
        save_screenshot(page, screenshots / "spend-enterprise.png")
    assert "The limit is the ACU limit of the organization, read from the API." in text
    assert "ACU limit" in text
    assert "Limit reached" in text
    found = re.search(r"Billed since \d\d \w+\s+([\d,.]+) ACUs\s+\$([\d,.]+)", text)
    assert found is not None, text
    acus, money = (float(value.replace(",", "")) for value in found.groups())
    assert money == pytest.approx(acus * 2, abs=1.0)  # the ACUs are shown rounded
    assert "Monthly budget (ACUs)" not in text


def test_a_key_without_the_permission_gets_a_notice_and_session_acus(
    emulated_org: EmulatedOrg, start_app: StartApp, browser: Browser
) -> None:
    with (
        start_app(
            DEVIN_API_BASE_URL=emulated_org.url, DEVIN_ORG_ID=ORG_ID, DEVIN_API_KEY=VIEWER_KEY
        ) as url,
        fresh_page(browser) as page,
    ):
        page.goto(url, wait_until="domcontentloaded", timeout=60_000)
        wait_until_idle(page, timeout_ms=180_000)
        open_app_page(page, f"{url}/spend", "Spend")
        text = _text(page)
        traces = page.evaluate(TRACES)
    assert "Billed ACUs are not available" in text
    assert "ViewOrgConsumption" in text
    # The legend's "Partial period" entry draws nothing.
    drawn = [t for t in traces if not str(t["name"]).startswith("Partial period")]
    assert [t["name"] for t in drawn] == ["Sessions report"]
    assert sum(v for v in drawn[0]["y"] if v is not None) > 0
