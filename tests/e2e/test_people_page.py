"""The People page in Chromium: people by name and email, the Team filter in the URL, and two
periods compared side by side, each checked against the emulated organization itself."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from browser_helpers import (
    EmulatedOrg,
    assert_no_error,
    fresh_page,
    open_app_page,
    wait_until_idle,
)
from playwright.sync_api import Browser, Locator, Page

from devin_data.emulator.members import groups_at, members_at
from devin_data.query.filters import FilterSpec

pytestmark = pytest.mark.browser

GRID = """g => ({
    headers: [...g.querySelectorAll('th')].map(t => t.innerText.trim()),
    rows: [...g.querySelectorAll('tbody tr')].map(r => [...r.children].map(c => c.innerText)),
})"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with fresh_page(browser) as opened:
        yield opened


def _table_after(page: Page, heading: str) -> Locator:
    """The first table under the subheading ``heading``."""
    title = page.get_by_role("heading", level=3, name=heading, exact=True)
    title.wait_for(state="visible")
    tables = page.locator('[data-testid="stDataFrame"]')
    top = (title.bounding_box() or {"y": 0})["y"]
    for index in range(tables.count()):
        table = tables.nth(index)
        table.scroll_into_view_if_needed()
        box = table.bounding_box()
        title_box = title.bounding_box()
        if box and title_box and box["y"] > title_box["y"]:
            return table
    raise AssertionError(f"no table under {heading} (heading at {top})")


def _grid(table: Locator) -> dict[str, Any]:
    table.scroll_into_view_if_needed()
    table.page.wait_for_timeout(500)
    grid: dict[str, Any] = table.evaluate(GRID)
    return grid


def _column(grid: dict[str, Any], header: str) -> list[str]:
    position = grid["headers"].index(header)
    return [row[position] for row in grid["rows"] if len(row) > position]


def _params(page: Page) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlparse(page.url).query).items()}


def test_people_are_shown_by_name_with_their_email(
    app_url: str, emulated_org: EmulatedOrg, page: Page
) -> None:
    open_app_page(page, f"{app_url}/people", "People")
    members = {user.name: user.email for user in members_at(emulated_org.org, emulated_org.now)}
    grid = _grid(_table_after(page, "Users"))
    people, emails = _column(grid, "User"), _column(grid, "Email")
    assert len(people) >= 5
    assert all(person in members for person in people), people
    assert emails == [members[person] for person in people]
    assert "People are shown by id" not in page.locator("body").inner_text()
    page.get_by_role("heading", name="Adoption").wait_for(state="visible")
    assert "Active users the API's active-user metrics" in page.locator("body").inner_text()


def _busiest_team(org: EmulatedOrg) -> str:
    """The IdP group of most members (chosen by property, not by the order of generation)."""
    groups = Counter(team for team in groups_at(org.org, org.now).values() if team)
    return groups.most_common(1)[0][0]


def test_the_team_filter_lives_in_the_url_and_narrows_every_table(
    app_url: str, emulated_org: EmulatedOrg, page: Page
) -> None:
    team = _busiest_team(emulated_org)
    open_app_page(page, f"{app_url}/people?team={team}", "People")
    assert_no_error(page)
    assert _params(page)["team"] == team
    teams = _column(_grid(_table_after(page, "Teams")), "Team")
    assert teams == [team]
    users = _grid(_table_after(page, "Users"))
    assert set(_column(users, "Team")) == {team}
    # The filter follows the viewer to another page, as every filter does.
    page.get_by_role("link", name="Sessions").first.click()
    page.wait_for_url(lambda url: "/sessions" in url)
    page.get_by_role("heading", level=1, name="Sessions", exact=True).wait_for(state="visible")
    wait_until_idle(page)
    assert _params(page)["team"] == team
    assert "period_a" not in _params(page)


def test_two_periods_are_compared_side_by_side(
    app_url: str, emulated_org: EmulatedOrg, page: Page
) -> None:
    now = datetime.fromtimestamp(emulated_org.now, UTC)
    today = now.date()
    a = (today - timedelta(days=27), today - timedelta(days=14))
    b = (today - timedelta(days=13), today)
    query = f"period_a={a[0]}..{a[1]}&period_b={b[0]}..{b[1]}"
    open_app_page(page, f"{app_url}/people?{query}", "People")
    assert _params(page)["period_a"] == f"{a[0]}..{a[1]}"
    assert _params(page)["period_b"] == f"{b[0]}..{b[1]}"
    grid = _grid(_table_after(page, "Compare"))
    name_a, name_b = (f"{d[0]:%d %b %Y} – {d[1]:%d %b %Y}" for d in (a, b))
    assert name_a in grid["headers"]
    assert name_b in grid["headers"]
    rows = {row[0]: row for row in grid["rows"] if row}
    sessions = rows["Sessions"]

    def count(days: tuple[Any, Any]) -> int:
        spec = FilterSpec(preset="custom", start_date=days[0], end_date=days[1], tz="UTC")
        start, end = spec.window(now)
        assert start is not None
        assert end is not None
        low, high = start.timestamp(), end.timestamp()
        return sum(low <= created < high for created in emulated_org.visible_created())

    headers = grid["headers"]
    assert sessions[headers.index(name_a)] == f"{count(a):,}"
    assert sessions[headers.index(name_b)] == f"{count(b):,}"
    assert rows["Active people"][headers.index(name_b)] != "0"
