"""Time zones, shared links and drill-downs in Chromium, for viewers around the world.

Every "today" here is the viewer's local date at the emulated organization's clock, never the
machine's. Kolkata's half-hour offset catches code that assumes whole-hour zones.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import repeat
from typing import Any
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest
from browser_helpers import (
    EmulatedOrg,
    assert_no_error,
    fresh_page,
    open_app_page,
    wait_until_idle,
)
from playwright.sync_api import Browser, Page

from devin_data.charts.partial import PARTIAL_LEGEND
from devin_data.query.filters import FilterSpec

pytestmark = pytest.mark.browser

ZONES = ["UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"]
REDACTED = "This app has encountered an error"
SENTENCE = re.compile(
    r"were created (?:from (\d+ \w+ \d{4}) to (\d+ \w+ \d{4})|on (\d+ \w+ \d{4}))"
)
FIGURES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(e => ({
    title: ((e.layout && e.layout.title && e.layout.title.text) || '').replace(/<[^>]+>/g, ''),
    traces: e.data.map(t => ({
        name: t.name, x: t.x, y: t.y,
        shape: (t.marker && t.marker.pattern && t.marker.pattern.shape) || null
    }))
}))"""


@pytest.fixture(scope="module")
def app_url(own_app_url: str) -> str:  # its own: the clock ticks on and Berlin's midnight is near
    return own_app_url


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def zoned_page(browser: Browser, zone: str) -> Iterator[Page]:
    """A fresh browser context whose clock reads in ``zone``."""
    with fresh_page(browser, zone=zone) as page:
        yield page


def today_in(org: EmulatedOrg, zone: str) -> date:
    return datetime.fromtimestamp(org.now, ZoneInfo(zone)).date()


def params_of(page: Page) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlparse(page.url).query).items()}


def no_error(page: Page) -> None:
    assert_no_error(page)
    assert REDACTED not in page.locator("body").inner_text()


def sessions_count(page: Page) -> int:
    """The count in the Sessions page caption ("1,234 sessions · select a row to open it")."""
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    found = [m.group(1) for text in captions for m in re.finditer(r"([\d,]+) sessions ·", text)]
    assert len(found) == 1, captions
    return int(found[0].replace(",", ""))


def expected_count(org: EmulatedOrg, spec: FilterSpec) -> int:
    start, end = spec.window(datetime.fromtimestamp(org.now, UTC))
    low = start.timestamp() if start is not None else float("-inf")
    high = end.timestamp() if end is not None else float("inf")
    return sum(low <= created < high for created in org.visible_created())


def figure(page: Page, title: str) -> dict[str, Any]:
    page.locator(".js-plotly-plot").first.wait_for(state="visible")
    figures: list[dict[str, Any]] = page.evaluate(FIGURES)
    (found,) = [f for f in figures if f["title"] == title]
    return found


def test_a_shared_range_after_the_viewers_today_opens_with_a_notice(
    app_url: str, emulated_org: EmulatedOrg, zoned_page: Page, zone: str
) -> None:
    today = today_in(emulated_org, zone)
    first, late = today - timedelta(days=6), today + timedelta(days=1)
    page = zoned_page
    open_app_page(page, f"{app_url}/sessions?range=custom&from={first}&to={late}", "Sessions")
    no_error(page)
    notice = f"Moved to={late} to {today}, today in "  # the zone may read Asia/Calcutta: no zone
    page.get_by_text(notice, exact=False).wait_for(state="visible", timeout=15_000)
    assert params_of(page)["to"] == today.isoformat()
    spec = FilterSpec(preset="custom", start_date=first, end_date=today, tz=zone)
    assert sessions_count(page) == expected_count(emulated_org, spec)


def _origin_of_last_week(org: EmulatedOrg, zone: str) -> str:
    """The most common origin of the last seven local days (picked by property, not order)."""
    start, _ = FilterSpec(preset="7d", tz=zone).window(datetime.fromtimestamp(org.now, UTC))
    assert start is not None
    origins = Counter(
        org.org.plans[ref.pos].origin
        for ref in org.org.visible_sessions(org.now)
        if ref.created_at >= start.timestamp()
    )
    return str(origins.most_common(1)[0][0])


def _open_first_row(page: Page) -> None:
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(state="visible")
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 12, box["y"] + 52)  # the selection box of the first row
    page.wait_for_url(re.compile(r"/session\?"), timeout=30_000)
    wait_until_idle(page)


def test_opening_a_session_keeps_the_zone_and_every_filter(
    app_url: str, emulated_org: EmulatedOrg, zoned_page: Page, zone: str
) -> None:
    page = zoned_page
    origin = _origin_of_last_week(emulated_org, zone)
    open_app_page(page, f"{app_url}/sessions?range=7d&origin={origin}", "Sessions")
    _open_first_row(page)
    no_error(page)
    params = params_of(page)
    assert (params.get("range"), params.get("origin")) == ("7d", origin)
    assert "tz" not in params  # the browser's zone, never written unless chosen
    session_id = params["session"]
    created = datetime.fromtimestamp(
        emulated_org.org.created_of(session_id.removeprefix("devin-")), ZoneInfo(zone)
    )
    page.get_by_text(f"{created:%Y-%m-%d %H:%M %Z}").first.wait_for(state="visible")

    page.locator('[data-testid="stSidebarNav"]').get_by_text("Timelines", exact=True).click()
    page.wait_for_url(re.compile(r"/timelines"), timeout=30_000)
    wait_until_idle(page)
    no_error(page)
    assert params_of(page) == {"range": "7d", "origin": origin}


@pytest.mark.parametrize("zone", ["Europe/Berlin"])
def test_an_explicit_utc_choice_stays_in_the_url(
    app_url: str, emulated_org: EmulatedOrg, zoned_page: Page, zone: str
) -> None:
    page = zoned_page
    open_app_page(page, f"{app_url}/sessions?range=7d&tz=UTC", "Sessions")
    _open_first_row(page)
    no_error(page)
    assert params_of(page)["tz"] == "UTC"
    session_id = params_of(page)["session"]
    created = datetime.fromtimestamp(
        emulated_org.org.created_of(session_id.removeprefix("devin-")), ZoneInfo("UTC")
    )
    page.get_by_text(f"{created:%Y-%m-%d %H:%M UTC}").first.wait_for(state="visible")
    page.get_by_text("Choose another session").click()
    wait_until_idle(page)
    assert params_of(page) == {"range": "7d", "tz": "UTC"}


def _day(text: str) -> date:
    return datetime.strptime(text, "%d %b %Y").date()


def _period_days(traces: list[dict[str, Any]], shape: str | None = None) -> list[date]:
    """The days of the bars (of those hatched with ``shape``, or not, when given)."""
    days = set()
    for trace in (t for t in traces if t["name"] != PARTIAL_LEGEND):
        shape_of = trace["shape"]
        shapes = shape_of if isinstance(shape_of, list) else repeat(shape_of, len(trace["x"]))
        for x, drawn in zip(trace["x"], shapes, strict=True):
            if shape is None or (drawn == "/") == (shape == "/"):
                days.add(date.fromisoformat(str(x)[:10]))
    return sorted(days)


def test_overview_dates_are_the_viewers_days_and_cut_weeks_are_partial(
    app_url: str, emulated_org: EmulatedOrg, zoned_page: Page, zone: str
) -> None:
    page = zoned_page
    today = today_in(emulated_org, zone)
    open_app_page(page, f"{app_url}/?range=7d", "Overview")
    no_error(page)
    match = SENTENCE.search(page.locator('[data-testid="stMain"]').inner_text())
    assert match is not None
    assert (_day(match.group(1)), _day(match.group(2))) == (today - timedelta(days=6), today)
    days = _period_days(figure(page, "Sessions by status")["traces"])
    assert (days[0], days[-1], len(days)) == (today - timedelta(days=6), today, 7)

    open_app_page(page, f"{app_url}/?range=30d", "Overview")
    page.locator('[data-testid="stMain"]').get_by_text("Week", exact=True).click()
    wait_until_idle(page)
    traces = figure(page, "Sessions by status")["traces"]
    mondays = _period_days(traces)
    first_day = today - timedelta(days=29)
    assert mondays[0] == first_day - timedelta(days=first_day.weekday())
    assert mondays[-1] == today - timedelta(days=today.weekday())
    hatched = set(_period_days(traces, "/"))
    solid = set(_period_days(traces, ""))
    assert hatched | solid == set(mondays)
    assert not hatched & solid
    cut_first = first_day.weekday() != 0
    assert hatched == {mondays[-1], *([mondays[0]] if cut_first else [])}  # and the week under way
    page.get_by_text("Hatched bars are partial", exact=False).wait_for(state="visible")


@pytest.mark.parametrize("zone", ["Asia/Kolkata"])
def test_a_drill_down_is_a_short_visible_removable_filter(
    app_url: str, emulated_org: EmulatedOrg, zoned_page: Page, zone: str
) -> None:
    page = zoned_page
    open_app_page(page, f"{app_url}/insights", "Insights")
    languages = figure(page, "Programming languages (top 15)")["traces"][0]
    language, count = str(languages["y"][0]), int(languages["x"][0])
    plot = page.locator(".js-plotly-plot").filter(has_text="Programming languages")
    bar = plot.locator("g.trace.bars g.point path").first
    bar.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = bar.bounding_box()
    assert box is not None  # a real click: Plotly turns a synthetic one into a selection
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/sessions\?"), timeout=30_000)
    wait_until_idle(page)
    no_error(page)
    assert params_of(page)["language"] == language
    assert "ids" not in params_of(page)
    assert len(urlparse(page.url).query) < 120
    chip = page.get_by_role("button", name=f"Sessions using the language {language}")
    chip.wait_for(state="visible")
    assert sessions_count(page) == count

    page.reload(wait_until="domcontentloaded")
    wait_until_idle(page)
    no_error(page)
    assert sessions_count(page) == count
    for name in ("Overview", "Timelines", "People"):
        page.locator('[data-testid="stSidebarNav"]').get_by_text(name, exact=True).click()
        wait_until_idle(page)
        chip.wait_for(state="visible")
        assert params_of(page)["language"] == language

    page.locator('[data-testid="stSidebarNav"]').get_by_text("Sessions", exact=True).click()
    wait_until_idle(page)
    chip.click()
    wait_until_idle(page)
    assert "language" not in params_of(page)
    assert chip.count() == 0
    assert sessions_count(page) == expected_count(emulated_org, FilterSpec(tz=zone))


def _pick_day(page: Page, day: date) -> None:
    """Click ``day`` in the range calendar (opening it first if a rerun closed it)."""
    calendar = page.get_by_role("dialog")
    if not calendar.is_visible():
        page.get_by_test_id("stDateInputCalendarButton").click()
    calendar.wait_for(state="visible")
    calendar.get_by_role("button", name=f"{day:%A}, {day:%B} {day.day}, {day.year}").click()
    wait_until_idle(page)


def test_a_custom_range_applies_once_both_days_are_picked(
    app_url: str, emulated_org: EmulatedOrg, browser_page: Any
) -> None:
    page, today = browser_page.page, today_in(emulated_org, "UTC")
    first, last = today - timedelta(days=13), today - timedelta(days=11)
    start, end = today - timedelta(days=6), today - timedelta(days=2)
    assert first.month == end.month  # one month on screen (the frozen day is the 14th)
    open_app_page(page, f"{app_url}/sessions?range=custom&from={first}&to={last}", "Sessions")
    shown = FilterSpec(preset="custom", start_date=first, end_date=last, tz="UTC")
    assert sessions_count(page) == expected_count(emulated_org, shown)

    _pick_day(page, start)
    no_error(page)
    assert (params_of(page)["from"], params_of(page)["to"]) == (str(first), str(last))
    page.get_by_text("Pick the end date to apply the range").wait_for(state="visible")
    assert sessions_count(page) == expected_count(emulated_org, shown)

    _pick_day(page, end)
    no_error(page)
    assert (params_of(page)["from"], params_of(page)["to"]) == (str(start), str(end))
    picked = FilterSpec(preset="custom", start_date=start, end_date=end, tz="UTC")
    assert sessions_count(page) == expected_count(emulated_org, picked)
    assert page.get_by_text("Pick the end date").count() == 0
