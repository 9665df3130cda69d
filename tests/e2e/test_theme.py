"""Light and dark system settings on a desktop and a phone: the app and every chart follow the
viewer's theme, and no page scrolls sideways on a 390 px screen."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from browser_helpers import EmulatedOrg, fresh_page, open_app_page, save_screenshot
from coloraide import Color
from PIL import Image
from playwright.sync_api import Browser, Page
from test_browser import PAGES, PageSpec, target

pytestmark = pytest.mark.browser

Scheme = Literal["light", "dark"]
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
CASES = [
    (scheme, name, viewport)
    for scheme in ("dark", "light")
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE))
]

# The nearest element from the main block up with a background of its own.
MAIN_BACKGROUND = """() => {
    for (let e = document.querySelector('[data-testid="stMain"]'); e; e = e.parentElement) {
        const color = getComputedStyle(e).backgroundColor;
        if (color && color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
    }
    return getComputedStyle(document.body).backgroundColor;
}"""
CHART_BACKGROUNDS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(e => ({
    paper: e._fullLayout.paper_bgcolor, plot: e._fullLayout.plot_bgcolor,
}))"""
WIDTHS = """() => ({
    document: document.documentElement.scrollWidth,
    window: window.innerWidth,
    main: document.querySelector('[data-testid="stMain"]').scrollWidth,
    mainClient: document.querySelector('[data-testid="stMain"]').clientWidth,
})"""


@pytest.fixture
def themed_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh UTC context with the system colour scheme and viewport of the test's case."""
    scheme, _, viewport = request.param
    with fresh_page(browser, viewport=viewport, scheme=scheme) as page:
        yield page


def _luminance(css: str) -> float:
    return float(Color(css).convert("srgb").luminance())


def _is_dark_or_clear(css: str) -> bool:
    """A background that shows the dark theme through it or is dark itself."""
    color = Color(css)
    return color.alpha() == 0 or _luminance(css) < 0.1


def _median_luminance(page: Page, selector: str, index: int) -> float:
    """The median relative luminance of the pixels drawn inside one chart element."""
    shot = page.locator(selector).nth(index).screenshot()
    counts = Image.open(io.BytesIO(shot)).convert("L").histogram()
    seen = 0
    for level, count in enumerate(counts):
        seen += count
        if 2 * seen >= sum(counts):
            return level / 255
    return 1.0


def _open(page: Page, app_url: str, spec: PageSpec, org: EmulatedOrg) -> None:
    url, heading = target(app_url, spec, org)
    open_app_page(page, url, heading)
    if spec.has_charts:
        page.locator(".js-plotly-plot").first.wait_for(state="visible")


@pytest.mark.parametrize("themed_page", CASES, ids=[f"{s}-{n}" for s, n, _ in CASES], indirect=True)
@pytest.mark.parametrize("spec", PAGES, ids=[spec.path for spec in PAGES])
def test_pages_follow_the_system_theme_and_fit_the_screen(
    themed_page: Page, spec: PageSpec, app_url: str, emulated_org: EmulatedOrg, screenshots: Path
) -> None:
    page = themed_page
    scheme = (
        "dark" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "light"
    )
    width = page.viewport_size["width"] if page.viewport_size else 0
    _open(page, app_url, spec, emulated_org)

    background = _luminance(page.evaluate(MAIN_BACKGROUND))
    assert background < 0.1 if scheme == "dark" else background > 0.9, (scheme, background)
    charts = page.evaluate(CHART_BACKGROUNDS)
    assert bool(charts) == spec.has_charts
    if scheme == "dark":
        for index, chart in enumerate(charts):
            assert _is_dark_or_clear(chart["paper"]), (index, chart)
            assert _is_dark_or_clear(chart["plot"]), (index, chart)
            assert _median_luminance(page, ".js-plotly-plot", index) < 0.35, index
    if width == PHONE["width"]:
        widths = page.evaluate(WIDTHS)
        assert widths["document"] <= widths["window"], widths
        assert widths["main"] <= widths["mainClient"], widths
    save_screenshot(page, screenshots / f"{spec.path}-{scheme}-{width}.png")


@pytest.mark.parametrize("themed_page", [CASES[3]], ids=["light-phone"], indirect=True)
def test_the_app_menu_switches_a_light_system_to_the_dark_theme(
    themed_page: Page, app_url: str, emulated_org: EmulatedOrg
) -> None:
    page = themed_page
    _open(page, app_url, PAGES[0], emulated_org)
    assert _luminance(page.evaluate(MAIN_BACKGROUND)) > 0.9

    page.locator('[data-testid="stMainMenu"]').click()
    choices = page.get_by_role("menuitemradio")
    # Each choice's text starts with its icon's ligature name on a line of its own.
    assert [text.split()[-1] for text in choices.all_inner_texts()] == ["System", "Light", "Dark"]
    page.get_by_role("menuitemradio", name="Dark").click()
    page.wait_for_function(f"() => ({MAIN_BACKGROUND})() !== 'rgb(255, 255, 255)'")
    assert _luminance(page.evaluate(MAIN_BACKGROUND)) < 0.1
    backgrounds = page.evaluate(CHART_BACKGROUNDS)
    assert backgrounds
    assert all(_is_dark_or_clear(c["paper"]) and _is_dark_or_clear(c["plot"]) for c in backgrounds)
