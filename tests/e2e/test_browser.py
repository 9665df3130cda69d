"""Every page in headless Chromium against Streamlit and the emulator, both on loopback."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_helpers import (
    SCRIPT_TITLE,
    BrowserPage,
    EmulatedOrg,
    StartApp,
    assert_no_error,
    open_app_page,
    save_screenshot,
)
from frozen_time import FROZEN_NOW

from devin_data.query.filters import DEFAULT_PRESET, FilterSpec

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class PageSpec:
    path: str
    heading: str
    has_charts: bool


PAGES = [
    PageSpec("overview", "Overview", has_charts=True),
    PageSpec("sessions", "Sessions", has_charts=False),
    PageSpec("session", "Session detail", has_charts=True),
    PageSpec("timelines", "Timelines", has_charts=True),
    PageSpec("insights", "Insights", has_charts=True),
    PageSpec("people", "People", has_charts=True),
    PageSpec("spend", "Spend", has_charts=True),
    PageSpec("data", "Data", has_charts=False),
]


def target(app_url: str, spec: PageSpec, org: EmulatedOrg) -> tuple[str, str]:
    """The page's URL and heading; Session detail opens an analysed session, titled by it.

    The default page lives at the root: Streamlit answers /overview with "Page not found".
    """
    if spec.path == "overview":
        return f"{app_url}/", spec.heading
    if spec.path == "session":
        session_id = org.analysed_session()
        return f"{app_url}/session?session={session_id}", org.title_of(session_id)
    return f"{app_url}/{spec.path}", spec.heading


@pytest.mark.parametrize("spec", PAGES, ids=[spec.path for spec in PAGES])
def test_page_renders_without_errors(
    spec: PageSpec,
    app_url: str,
    emulated_org: EmulatedOrg,
    browser_page: BrowserPage,
    screenshots: Path,
) -> None:
    page = browser_page.page
    url, heading = target(app_url, spec, emulated_org)
    open_app_page(page, url, heading)
    if spec.has_charts:
        page.locator(".js-plotly-plot").first.wait_for(state="visible")
        assert page.locator(".js-plotly-plot").count() > 0
    assert_no_error(page)
    assert browser_page.dialogs == []
    save_screenshot(page, screenshots / f"{spec.path}.png")


def test_a_title_with_a_script_tag_is_shown_as_text(
    app_url: str, emulated_org: EmulatedOrg, browser_page: BrowserPage, screenshots: Path
) -> None:
    page = browser_page.page
    page.add_init_script("window.__xss = 'untouched';")
    session_id = emulated_org.session_titled(SCRIPT_TITLE)
    open_app_page(page, f"{app_url}/session?session={session_id}", SCRIPT_TITLE)

    page.get_by_text("<script>", exact=False).first.wait_for(state="visible")
    injected = page.evaluate(
        "() => [...document.querySelectorAll('script')]"
        ".filter(s => s.textContent.includes('alert(\"xss\")')).length"
    )
    assert injected == 0
    assert page.evaluate("() => window.__xss") == "untouched"
    assert browser_page.dialogs == []
    assert_no_error(page)
    save_screenshot(page, screenshots / "session-script-title.png")


@pytest.mark.parametrize("query", ["", "?range=7d"], ids=["default-range", "last-7-days"])
def test_sessions_page_counts_the_emulator_sessions_created_in_the_range(
    query: str, app_url: str, emulated_org: EmulatedOrg, browser_page: BrowserPage
) -> None:
    page = browser_page.page
    open_app_page(page, f"{app_url}/sessions{query}", "Sessions")

    spec = FilterSpec(preset="7d" if query else DEFAULT_PRESET, tz="UTC")
    start, end = spec.window(FROZEN_NOW)  # the app's clock
    assert start is not None
    assert end is not None
    expected = sum(
        start.timestamp() <= created < end.timestamp() for created in emulated_org.visible_created()
    )
    assert 0 < expected < len(emulated_org.visible_created())
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    shown = [m.group(1) for text in captions for m in re.finditer(r"([\d,]+) sessions\b", text)]
    assert f"{expected:,}" in shown, captions


def test_a_deep_link_as_the_first_request_runs_inside_the_app(
    start_app: StartApp, browser_page: BrowserPage
) -> None:
    """A shared link opened right after a (re)start gets the app's sidebar, sync and filters.

    Streamlit runs a `pages/` folder as a classic multipage app until some session has called
    st.navigation, so this needs a server that has served nothing yet (the demo organization).
    """
    page = browser_page.page
    with start_app() as url:
        open_app_page(page, f"{url}/sessions", "Sessions")
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("Devin session analytics").wait_for(state="visible", timeout=15_000)
        captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
        assert any(re.search(r"[\d,]+ sessions\b", text) for text in captions), captions
        assert_no_error(page)
