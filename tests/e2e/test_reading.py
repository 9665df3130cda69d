"""Reading at a glance: one label per value on every page, a Sessions table whose key columns fit
a laptop screen, count axes in whole numbers, and titles, legends and the toolbar apart."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from browser_helpers import EmulatedOrg, fresh_page, open_app_page, wait_until_idle
from playwright.sync_api import Browser, Page

from devin_data.models import CATEGORIES, ORIGINS
from devin_data.text.labels import label
from ui.sections.sessions_table import TABLE_WIDTH

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
KEY_HEADERS = ["Title", "Status", "User", "ACUs", "PRs", "Merged", "Created (UTC)", "Devin"]
# Few sessions, so counts are small and Plotly would step its axes by halves.
FEW = "?range=7d&size=xl"

CHARTS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(e => {
    const box = sel => [...e.querySelectorAll(sel)].map(n => n.getBoundingClientRect())
        .filter(r => r.width && r.height)
        .map(r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom}));
    const text = sel => [...e.querySelectorAll(sel)].map(n => n.textContent);
    const counts = [];
    for (const axis of ['x', 'y']) {
        const layout = e._fullLayout[axis + 'axis'];
        if (!layout || layout.type !== 'linear') continue;
        const values = e._fullData
            .filter(t => t.type === 'bar' || t.type === 'scatter')
            .filter(t => ((t.orientation === 'h') ? 'x' : 'y') === axis)
            .flatMap(t => Array.from(t[axis] || []));
        if (values.length && values.every(v => Number.isInteger(v))) {
            counts.push({axis, top: Math.max(...values), ticks: text('.' + axis + 'tick text')});
        }
    }
    return {
        title: text('.gtitle').join(''), counts,
        xticks: text('.xtick text'), yticks: text('.ytick text'), ytitle: text('.ytitle').join(''),
        boxes: {
            title: box('.gtitle'), legend: box('.legend .bg'), xtitle: box('.xtitle'),
            ytitle: box('.ytitle'), modebar: box('.modebar'), colorbar: box('.colorbar'),
        },
    };
})"""
GRID = """g => {
    const scroller = g.querySelector('.dvn-scroller');
    return {
        headers: [...g.querySelectorAll('th')].map(t => t.innerText),
        rows: [...g.querySelectorAll('tbody tr')].map(r => [...r.children].map(c => c.innerText)),
        scrollLeft: scroller.scrollLeft,
    };
}"""


@pytest.fixture
def viewer(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh UTC context with the colour scheme and viewport of the test's case."""
    scheme, viewport = request.param
    with fresh_page(browser, viewport=viewport, scheme=scheme) as page:
        yield page


def _charts(page: Page) -> list[dict[str, Any]]:
    page.locator(".js-plotly-plot").first.wait_for(state="visible")
    page.wait_for_timeout(500)  # let Plotly finish laying out
    charts: list[dict[str, Any]] = page.evaluate(CHARTS)
    return charts


def _chart_titled(charts: list[dict[str, Any]], title: str) -> dict[str, Any]:
    return next(chart for chart in charts if chart["title"] == title)


def _grid(page: Page) -> dict[str, Any]:
    # The sessions table is the page's first grid; the repositories follow it.
    grid: dict[str, Any] = page.locator('[data-testid="stDataFrame"]').first.evaluate(GRID)
    return grid


def _column(page: Page, header: str) -> list[str]:
    """The rendered cells of one table column, scrolling the table sideways to reach it."""
    page.locator('[data-testid="stDataFrame"] .dvn-scroller').first.evaluate(
        "s => { s.scrollLeft = s.scrollWidth; }"
    )
    page.wait_for_timeout(500)
    grid = _grid(page)
    position = grid["headers"].index(header)
    return [row[position] for row in grid["rows"] if len(row) > position]


def _overlap(one: dict[str, float], other: dict[str, float]) -> bool:
    return (
        one["left"] < other["right"]
        and other["left"] < one["right"]
        and one["top"] < other["bottom"]
        and other["top"] < one["bottom"]
    )


@pytest.mark.parametrize("viewer", [("light", DESKTOP)], ids=["light-desktop"], indirect=True)
def test_a_value_reads_the_same_in_the_sentence_the_axis_and_the_table(
    viewer: Page, app_url: str
) -> None:
    open_app_page(viewer, f"{app_url}/", "Overview")
    text = viewer.locator('[data-testid="stMain"]').inner_text()
    category = re.search(r"The most common category was (.+?) \(\d+\.\d% of categorised", text)
    origin = re.search(r"The most common origin was (.+?) \(\d+\.\d% of sessions", text)
    assert category, text[:1500]
    assert origin, text[:1500]
    charts = _charts(viewer)
    # Bars sort by value, largest on top, so the most common value is the first tick.
    assert _chart_titled(charts, "By category")["yticks"][0] == category.group(1)
    assert _chart_titled(charts, "By origin")["yticks"][0] == origin.group(1)

    for header, known, word in (("Category", CATEGORIES, category), ("Origin", ORIGINS, origin)):
        code = next(value for value in known if label(value) == word.group(1))
        dimension = header.lower()
        open_app_page(viewer, f"{app_url}/sessions?{dimension}={code}", "Sessions")
        cells = _column(viewer, header)
        assert cells, header
        assert set(cells) == {word.group(1)}, (header, code)


@pytest.mark.parametrize(
    "viewer",
    [("light", DESKTOP), ("dark", DESKTOP)],
    ids=["light-desktop", "dark-desktop"],
    indirect=True,
)
def test_the_sessions_table_shows_its_key_columns_without_scrolling_sideways(
    viewer: Page, app_url: str, emulated_org: EmulatedOrg
) -> None:
    open_app_page(viewer, f"{app_url}/sessions", "Sessions")
    grid = _grid(viewer)
    assert grid["scrollLeft"] == 0
    # The grid renders only the columns in view: every key column, and one more after them,
    # so the last key column ends inside the table.
    assert grid["headers"][: len(KEY_HEADERS)] == KEY_HEADERS, grid["headers"]
    assert len(grid["headers"]) > len(KEY_HEADERS), grid["headers"]
    titles = [row[0] for row in grid["rows"][1:]]
    assert titles
    assert "None" not in titles
    assert "" not in titles
    box = viewer.locator('[data-testid="stDataFrame"]').first.bounding_box()
    assert box is not None
    assert box["height"] >= 500, box


TALL = {"width": 1440, "height": 1400}


@pytest.mark.parametrize("viewer", [("light", TALL)], ids=["light-tall"], indirect=True)
def test_the_sessions_table_ends_on_a_whole_column_and_fills_the_window(
    viewer: Page, app_url: str
) -> None:
    open_app_page(viewer, f"{app_url}/sessions", "Sessions")
    grid = _grid(viewer)
    # Only whole columns are in view: the grid draws every column it shows, even a cut one.
    assert grid["headers"] == [*KEY_HEADERS, "Duration"], grid["headers"]
    scroller = viewer.locator('[data-testid="stDataFrame"] .dvn-scroller').first
    box = scroller.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] >= TALL["height"] - 120, box  # down to the window's bottom
    widths = scroller.evaluate("s => ({client: s.clientWidth, scroll: s.scrollWidth})")
    # The grid is as wide as the row markers, the key columns and the duration: none is cut.
    assert TABLE_WIDTH - 30 <= widths["client"] <= TABLE_WIDTH, widths
    assert widths["scroll"] > widths["client"]  # the rest scroll into view


@pytest.mark.parametrize(
    "viewer",
    [("light", DESKTOP), ("dark", PHONE)],
    ids=["light-desktop", "dark-phone"],
    indirect=True,
)
@pytest.mark.parametrize(
    "path", ["", "insights", "timelines"], ids=["overview", "insights", "timelines"]
)
def test_count_axes_tick_whole_numbers_and_nothing_covers_a_title_or_legend(
    viewer: Page, app_url: str, path: str
) -> None:
    heading = path.capitalize() if path else "Overview"
    open_app_page(viewer, f"{app_url}/{path}{FEW}", heading)
    charts = _charts(viewer)
    counts = [axis for chart in charts for axis in chart["counts"]]
    assert counts, [chart["title"] for chart in charts]
    assert any(axis["top"] <= 5 for axis in counts), counts  # short enough for half steps
    for axis in counts:
        assert axis["ticks"], axis
        assert all(re.fullmatch(r"\d+", tick.replace(",", "")) for tick in axis["ticks"]), axis
    for number, chart in enumerate(charts):
        boxes = chart["boxes"]
        pairs = [("legend", "xtitle"), ("legend", "ytitle"), ("title", "legend")]
        pairs += [("modebar", other) for other in ("title", "legend", "colorbar")]
        for one, other in pairs:
            for first in boxes[one]:
                for second in boxes[other]:
                    assert not _overlap(first, second), (number, chart["title"], one, other)


@pytest.mark.parametrize("viewer", [("light", DESKTOP)], ids=["light-desktop"], indirect=True)
def test_category_by_size_offers_shares_as_well_as_counts(viewer: Page, app_url: str) -> None:
    open_app_page(viewer, f"{app_url}/insights", "Insights")
    counts = next(c for c in _charts(viewer) if c["ytitle"] == "Sessions" and c["counts"])
    assert not any(tick.endswith("%") for tick in counts["counts"][0]["ticks"])
    viewer.locator("button", has_text="Share of the category").first.click()
    wait_until_idle(viewer)
    shares = next(c for c in _charts(viewer) if c["ytitle"] == "Share of the category's sessions")
    ticks = viewer.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')]
            .filter(e => e._fullLayout.barnorm === 'percent')
            .map(e => [...e.querySelectorAll('.ytick text')].map(t => t.textContent))"""
    )
    assert shares["xticks"]
    assert len(ticks) == 1, ticks
    assert ticks[0][-1] == "100%", ticks
