"""Hostile input in Chromium: a link whose parameters cannot be used shows a notice and the page,
never a failure; a team mapping upload that cannot be used is refused with a message and never
replaces the mapping in force, and the uploader itself refuses a file over 1 MB."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_helpers import assert_no_error, fresh_page, open_app_page, wait_until_idle
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with fresh_page(browser) as opened:
        yield opened


@pytest.mark.parametrize(
    ("path", "query", "notice", "heading"),
    [
        ("", "tz=" + "x" * 300, "Ignored tz='xxxxxxxx", "Overview"),
        (
            "",
            "period_a=2000-01-01..9999-12-31",
            "Moved period_a='2000-01-01..9999-12-31'",
            "Overview",
        ),
        ("people", "period_b=..&team_a=%00", "Ignored period_b='..'", "People"),
        (
            "session",
            "session=..%2F..%2Fv1%2Fsessions",
            "Ignored session='../../v1/sessions'",
            "Session detail",
        ),
    ],
)
def test_a_hostile_link_shows_a_notice_and_the_page(
    app_url: str, page: Page, path: str, query: str, notice: str, heading: str
) -> None:
    open_app_page(page, f"{app_url}/{path}?{query}", heading)
    text = page.locator("body").inner_text()
    assert notice in text
    assert "This app has encountered an error" not in text
    assert "This page could not be shown" not in text


def _upload(page: Page, name: str, content: bytes) -> None:
    field = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    field.set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    wait_until_idle(page)


def _use(page: Page) -> str:
    page.get_by_role("button", name="Use this team mapping").click()
    wait_until_idle(page)
    assert_no_error(page)
    return page.locator('[data-testid="stMain"]').inner_text()


def test_an_unusable_team_mapping_is_refused_and_the_one_in_force_kept(
    own_app_url: str, page: Page
) -> None:
    """On a server of its own: the mapping it uploads is kept in that server's cache."""
    open_app_page(page, f"{own_app_url}/data", "Data")
    _upload(page, "good.csv", b'"someone@acme.example,Platform\nsomeone@acme.example,Platform\n')
    text = _use(page)
    assert "Team mapping in force: the uploaded file good.csv, 1 entry." in text
    assert "line 1: a quote opens on this line and is not closed" in text

    _upload(page, "bad.csv", b"who\n\x00\x00\n")
    text = _use(page)
    assert "bad.csv has no usable line, so it is not used: the mapping in force is kept." in text
    assert "line 2: it holds a NUL byte" in text
    assert "the uploaded file good.csv, 1 entry." in text

    _upload(page, "big.csv", b"someone@acme.example,Platform\n" * 40_000)
    uploader = page.locator('[data-testid="stFileUploader"]').inner_text()
    assert "File must be 1.0MB or smaller." in uploader
    page.get_by_role("button", name="Remove the uploaded team mapping").click()
    wait_until_idle(page)
    assert "No team mapping in force" in page.locator('[data-testid="stMain"]').inner_text()
