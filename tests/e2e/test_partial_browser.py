"""A partial period is marked where a person reads it: the legend of People's active users in
Chromium names the dashed partial weeks, and the first point sits on the range's first day."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_helpers import assert_no_error, fresh_page, open_app_page
from playwright.sync_api import Browser, Page

from devin_data.charts.partial import PARTIAL_LINE_LEGEND

pytestmark = pytest.mark.browser

CHART = """() => [...document.querySelectorAll('.js-plotly-plot')]
    .filter(e => ((e.layout.title || {}).text || '').replace(/<[^>]+>/g, '')
        .includes('Active users per week'))
    .map(e => ({
        legend: [...e.querySelectorAll('.legendtext')].map(t => t.textContent),
        first: e.data[e.data.length - 1].x[0],
    }))"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with fresh_page(browser) as opened:
        yield opened


def test_people_active_users_name_their_partial_weeks(app_url: str, page: Page) -> None:
    open_app_page(page, f"{app_url}/people?tz=UTC", "People")
    assert_no_error(page)
    chart = page.locator(".js-plotly-plot", has_text="Active users per week")
    chart.scroll_into_view_if_needed()
    chart.locator(".legendtext", has_text=PARTIAL_LINE_LEGEND).wait_for(state="visible")
    (found,) = page.evaluate(CHART)
    assert PARTIAL_LINE_LEGEND in found["legend"]
    # The demo's 30 days at FROZEN_NOW start on Friday 13 Feb, not on Monday 9 Feb.
    assert str(found["first"]).startswith("2026-02-13")
    page.get_by_text("Hollow points on a dashed line are partial", exact=False).wait_for(
        state="visible"
    )
