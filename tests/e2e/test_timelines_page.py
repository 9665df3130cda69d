"""The Timelines page in Chromium: outcomes count ended sessions only, working and waiting add up
to the per-session spans of the messages it fetched, the status timeline labels its rows (and
counts instead when there are too many), count axes stay whole after a zoom, and a phone never
scrolls sideways."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    EmulatedOrg,
    fresh_page,
    open_app_page,
    save_screenshot,
    wait_until_idle,
)
from playwright.sync_api import Browser, Page

from devin_data.analytics.waiting import session_spans
from devin_data.api import DevinClient
from devin_data.config import Settings
from devin_data.emulator import ADMIN_KEY, ORG_ID
from devin_data.frames.activity import build_messages_frame

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
FEW = "?range=7d&size=xl"  # a handful of sessions: one row each

FIGURES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(e => ({
    ytitle: (e._fullLayout.yaxis.title || {}).text || '',
    traces: e._fullData.map(t => ({
        type: t.type, name: t.name, yaxis: t.yaxis || 'y',
        y: Array.from(t.y || []).map(Number), x: Array.from(t.x || []),
    })),
    tickvals: Array.from(e._fullLayout.yaxis.tickvals || []),
    yticks: [...e.querySelectorAll('.ytick text')].map(n => n.textContent),
    rowsHeight: e._fullLayout.yaxis._length,
}))"""
WIDTHS = """() => ({
    document: document.documentElement.scrollWidth, window: window.innerWidth,
    main: document.querySelector('[data-testid="stMain"]').scrollWidth,
    mainClient: document.querySelector('[data-testid="stMain"]').clientWidth,
})"""


@pytest.fixture(scope="module")
def app_url(own_app_url: str) -> str:
    """A server of this module's own: the messages its tests fetch are kept in its cache."""
    return own_app_url


@pytest.fixture
def viewer(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    scheme, viewport = request.param
    with fresh_page(browser, viewport=viewport, scheme=scheme) as page:
        yield page


def _figures(page: Page) -> list[dict[str, Any]]:
    page.locator(".js-plotly-plot").first.wait_for(state="visible")
    page.wait_for_timeout(500)
    figures: list[dict[str, Any]] = page.evaluate(FIGURES)
    return figures


def _by_ytitle(figures: list[dict[str, Any]], title: str) -> dict[str, Any]:
    found = [figure for figure in figures if figure["ytitle"] == title]
    assert len(found) == 1, [figure["ytitle"] for figure in figures]
    return found[0]


def _rows(figures: list[dict[str, Any]]) -> dict[str, Any]:
    return next(figure for figure in figures if figure["tickvals"])


def _no_sideways_scroll(page: Page) -> None:
    widths = page.evaluate(WIDTHS)
    assert widths["document"] <= widths["window"], widths
    assert widths["main"] <= widths["mainClient"], widths


CASES = [("light", DESKTOP), ("dark", PHONE)]
IDS = ["light-desktop", "dark-phone"]


@pytest.mark.parametrize("viewer", CASES, ids=IDS, indirect=True)
def test_outcomes_count_the_sessions_that_ended_and_nothing_else(
    viewer: Page, app_url: str, emulated_org: EmulatedOrg
) -> None:
    open_app_page(viewer, f"{app_url}/timelines?range=all", "Timelines")
    org, now = emulated_org.org, emulated_org.now
    views = [org.view(ref.pos, now) for ref in org.visible_sessions(now)]
    ended = sum(1 for view in views if view.terminal)
    assert 0 < ended < len(views)
    outcomes = _by_ytitle(_figures(viewer), "Sessions ended")
    bars = [trace for trace in outcomes["traces"] if trace["type"] == "bar"]
    assert sum(sum(trace["y"]) for trace in bars) == ended
    names = {trace["name"] for trace in bars}
    assert "Exit · Finished" in names or "Exit" in names
    assert all("_" not in name for name in names)  # readable labels, never raw codes
    # The share is a line through days of enough sessions, hollow markers for the others.
    share = [trace for trace in outcomes["traces"] if trace["type"] == "scatter"]
    assert share[0]["name"] == "Share with a merged PR"
    assert all(trace["yaxis"] == "y2" for trace in share)
    assert all(0 <= value <= 100 for trace in share for value in trace["y"])
    text = viewer.locator('[data-testid="stMain"]').inner_text()
    assert f"{len(views) - ended:,} sessions have not ended and are not counted" in text
    _no_sideways_scroll(viewer)


@pytest.mark.parametrize("viewer", CASES, ids=IDS, indirect=True)
def test_working_and_waiting_add_up_to_the_spans_of_the_fetched_messages(
    viewer: Page, app_url: str, emulated_org: EmulatedOrg
) -> None:
    open_app_page(viewer, f"{app_url}/timelines{FEW}", "Timelines")
    ids = _rows(_figures(viewer))["tickvals"]
    assert 0 < len(ids) <= 40
    fetch = viewer.get_by_role("button", name=re.compile("Fetch the messages of"))
    if fetch.count():  # the other case may have fetched them already: the page says so
        fetch.click()
        wait_until_idle(viewer)
    text = viewer.locator('[data-testid="stMain"]').inner_text()
    assert f"{len(ids):,} of {len(ids):,} sessions' messages cached" in text

    settings = Settings(base_url=emulated_org.url, api_key=ADMIN_KEY, org_id=ORG_ID)  # type: ignore[arg-type]
    with DevinClient(settings) as client:
        messages = {sid: [m.to_record() for m in client.list_messages(sid)] for sid in ids}
    spans = session_spans(build_messages_frame(messages))
    hours = _by_ytitle(_figures(viewer), "Hours")
    drawn = {trace["name"]: sum(trace["y"]) for trace in hours["traces"]}
    periods = len(hours["traces"][0]["x"])
    tolerance = 0.005 * periods + 1e-9  # each bar is rounded to a hundredth of an hour
    working = spans["working"].sum().total_seconds() / 3600
    waiting = spans["waiting"].sum().total_seconds() / 3600
    assert working > 0
    assert abs(drawn["Devin working"] - working) <= tolerance, (drawn, working)
    assert abs(drawn["Waiting on a person"] - waiting) <= tolerance, (drawn, waiting)
    assert f"{waiting:,.1f} h" in text
    _no_sideways_scroll(viewer)


@pytest.mark.parametrize("viewer", [("light", DESKTOP)], ids=["light-desktop"], indirect=True)
def test_the_status_timeline_labels_rows_and_opens_a_session_on_click(
    viewer: Page, app_url: str, emulated_org: EmulatedOrg
) -> None:
    open_app_page(viewer, f"{app_url}/timelines{FEW}", "Timelines")
    text = viewer.locator('[data-testid="stMain"]').inner_text()
    assert "too many to read one row each" not in text
    rows = _rows(_figures(viewer))
    assert len(rows["yticks"]) == len(rows["tickvals"])
    titles = {emulated_org.title_of(sid)[:10] for sid in rows["tickvals"]}
    assert all(tick == "(untitled)" or tick[:10] in titles for tick in rows["yticks"])
    assert rows["rowsHeight"] / len(rows["tickvals"]) >= 18

    position = next(i for i, figure in enumerate(_figures(viewer)) if figure["tickvals"])
    plot = viewer.locator(".js-plotly-plot").nth(position)
    bar = plot.locator(".bars path").first
    bar.click(force=True)
    viewer.wait_for_url(re.compile(r"/session\?"), timeout=60_000)
    wait_until_idle(viewer)
    assert "session=devin-" in viewer.url
    assert "range=7d" in viewer.url  # the filters are kept
    assert "size=xl" in viewer.url


@pytest.mark.parametrize("viewer", [("light", DESKTOP)], ids=["light-desktop"], indirect=True)
def test_too_many_sessions_are_counted_instead_of_drawn_as_thin_rows(
    viewer: Page, app_url: str
) -> None:
    open_app_page(viewer, f"{app_url}/timelines", "Timelines")
    text = viewer.locator('[data-testid="stMain"]').inner_text()
    assert "too many to read one row each (more than 40)" in text
    active = _by_ytitle(_figures(viewer), "Sessions active per day")
    assert active["traces"]
    rows = [figure for figure in _figures(viewer) if figure["tickvals"]]
    for figure in rows:  # only the sessions running or waiting now, when few
        assert len(figure["tickvals"]) <= 40
        assert figure["rowsHeight"] / len(figure["tickvals"]) >= 18


@pytest.mark.parametrize("viewer", [("light", DESKTOP)], ids=["light-desktop"], indirect=True)
@pytest.mark.parametrize("path", ["", "timelines"], ids=["overview", "timelines"])
def test_a_zoom_never_brings_fractional_ticks_to_a_count_axis(
    viewer: Page, app_url: str, path: str
) -> None:
    heading = path.capitalize() if path else "Overview"
    # The default range: counts above ten, where Plotly picks the steps and a zoom would halve them.
    open_app_page(viewer, f"{app_url}/{path}", heading)
    plot = viewer.locator(".js-plotly-plot").first
    plot.scroll_into_view_if_needed()
    viewer.wait_for_timeout(500)
    area = plot.locator(".nsewdrag").first.bounding_box()
    assert area is not None
    # A flat box over the middle of the plot: Plotly would zoom both axes into it.
    viewer.mouse.move(area["x"] + area["width"] * 0.3, area["y"] + area["height"] * 0.45)
    viewer.mouse.down()
    viewer.mouse.move(area["x"] + area["width"] * 0.6, area["y"] + area["height"] * 0.52, steps=8)
    viewer.mouse.up()
    viewer.wait_for_timeout(800)
    ticks = plot.evaluate("e => [...e.querySelectorAll('.ytick text')].map(n => n.textContent)")
    assert ticks
    assert all(re.fullmatch(r"\d+", tick.replace(",", "")) for tick in ticks), ticks


@pytest.mark.parametrize("viewer", [("light", DESKTOP)], ids=["light-desktop"], indirect=True)
def test_every_filtered_sessions_messages_can_be_fetched_click_by_click(
    viewer: Page, app_url: str, screenshots: Path
) -> None:
    open_app_page(viewer, f"{app_url}/timelines", "Timelines")
    matched = re.search(r"([\d,]+) sessions match", viewer.locator("body").inner_text())
    assert matched
    total = int(matched.group(1).replace(",", ""))
    fetch = viewer.get_by_role("button", name=re.compile("Fetch the messages of"))
    for _ in range(total // 300 + 2):  # 300 a click, the newest first
        if not fetch.count():
            break
        fetch.click()
        wait_until_idle(viewer)
    text = viewer.locator('[data-testid="stMain"]').inner_text()
    assert f"{total:,} of {total:,} sessions' messages cached" in text
    assert not fetch.count()
    figures = _figures(viewer)
    hours = _by_ytitle(figures, "Hours")
    assert sum(sum(trace["y"]) for trace in hours["traces"]) > 0
    assert "Median time to answer Devin" in text
    save_screenshot(viewer, screenshots / "timelines-messages-light-1440.png")
