"""A connection that fails says so on every page, with a hint naming where the bad value was set.

Without cached data a page has nothing to show but the error: never "No sessions match these
filters", which would blame the filters. The API runs as a real HTTP server on loopback; a dead
address is a loopback port with nothing listening.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apptest_helpers import APP, PAGES, run_page
from streamlit.testing.v1 import AppTest

from devin_data.api.client import DevinClient
from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.emulator import DemoOrg, Emulator, EmulatorServer, serve
from devin_data.emulator.keys import ADMIN_KEY, NO_PERMISSION_KEY, ORG_ID
from devin_data.sync import sync

ORG_ANCHOR = datetime(2026, 3, 14, tzinfo=UTC)
EMPTY_STATE = "No sessions match"


def dead_url() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def server() -> Iterator[EmulatorServer]:
    org = DemoOrg.generate(120, 5, ORG_ANCHOR, days=20)
    with serve(Emulator(org, clock=ORG_ANCHOR.timestamp)) as running:
        yield running


def connect(monkeypatch: pytest.MonkeyPatch, url: str, key: str, org: str = ORG_ID) -> None:
    monkeypatch.setenv("DEVIN_API_BASE_URL", url)
    monkeypatch.setenv("DEVIN_API_KEY", key)
    monkeypatch.setenv("DEVIN_ORG_ID", org)


def infos(app: AppTest) -> list[str]:
    return [str(element.value) for element in app.main.info]


def the_error(app: AppTest) -> str:
    assert not app.exception, app.exception
    errors = [str(element.value) for element in app.error]
    assert len(errors) == 1, errors
    assert not any(EMPTY_STATE in text for text in infos(app))
    return errors[0]


def test_every_page_shows_the_connection_error_instead_of_an_empty_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = dead_url()
    connect(monkeypatch, url, ADMIN_KEY)
    for page in PAGES:
        app = run_page(page)
        error = the_error(app)
        assert error.startswith("**Not connected.** Sync failed: Could not reach 127.0.0.1:")
        assert f"Could not reach {url.removeprefix('http://')}: connection refused." in error
        assert "(from the environment variable DEVIN_API_BASE_URL)" in error
        assert "Nothing is cached for this connection yet" in error
        assert "**Sync now**" in error
        assert ADMIN_KEY not in error
    # The Data page still shows what the app is connected to.
    assert [t.value for t in app.title] == ["Data"]
    captions = [str(c.value) for c in app.sidebar.caption]
    assert "Never synced · the last sync failed" in captions


@pytest.mark.parametrize(
    ("key", "org", "message", "hint"),
    [
        (
            "cog_definitely_not_a_valid_key_4321",
            ORG_ID,
            "The API key was rejected (HTTP 401).",
            "The API key comes from the environment variable DEVIN_API_KEY",
        ),
        (
            NO_PERMISSION_KEY,
            ORG_ID,
            f"lacks the ViewOrgSessions permission on organization {ORG_ID}",
            "the user of the API key from the environment variable DEVIN_API_KEY",
        ),
        (
            ADMIN_KEY,
            "org-unknown",
            "Organization org-unknown was not found (HTTP 404).",
            "Check the organization id org-unknown (from the environment variable DEVIN_ORG_ID)",
        ),
    ],
    ids=["key-rejected", "permission-missing", "organization-unknown"],
)
def test_a_rejected_connection_says_what_is_wrong_on_every_page(
    monkeypatch: pytest.MonkeyPatch,
    server: EmulatorServer,
    key: str,
    org: str,
    message: str,
    hint: str,
) -> None:
    connect(monkeypatch, server.url, key, org)
    for page in ("app_pages/sessions.py", "app_pages/insights.py"):
        error = the_error(run_page(page))
        assert "**Not connected.**" in error
        assert message in error
        assert ("Sync failed: The API refuses this key." in error) == (org == ORG_ID)
        assert hint in error
        assert key not in error
        if org == "org-unknown":
            assert "session" not in error.lower().replace("this connection", "")


def test_a_bad_base_url_in_the_form_is_named_as_the_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    """The form's first contact fails in the form, naming the form; the page keeps the
    environment's connection and its own error."""
    monkeypatch.setenv("DEVIN_ALLOW_PRIVATE_BASE_URL", "1")  # the dead address is on loopback
    connect(monkeypatch, dead_url(), ADMIN_KEY)
    app = run_page("app_pages/sessions.py")
    assert "environment variable DEVIN_API_BASE_URL" in the_error(app)

    typed = dead_url()
    fields = {field.label: field for field in app.sidebar.text_input}
    fields["API base URL"].input(typed)
    fields["Organization id"].input(ORG_ID)
    fields["API key"].input(ADMIN_KEY)
    next(b for b in app.sidebar.button if b.label == "Connect").click().run()

    assert not app.exception, app.exception
    [error] = [str(element.value) for element in app.sidebar.error]
    assert error.startswith("**Could not connect.** Could not reach ")
    assert f"Could not reach {typed.removeprefix('http://')}" in error
    assert "the API base URL field of the Connection form in the sidebar" in error
    assert "environment variable" not in error
    assert ADMIN_KEY not in error
    assert "connection_override" not in app.session_state


def test_a_bad_base_url_in_the_secrets_is_named_as_the_secrets() -> None:
    url = dead_url()
    app = AppTest.from_file(APP, default_timeout=60)
    app.secrets["DEVIN_API_BASE_URL"] = url
    app.secrets["DEVIN_API_KEY"] = ADMIN_KEY
    app.secrets["DEVIN_ORG_ID"] = ORG_ID
    app.query_params["tz"] = "UTC"
    app.run()

    error = the_error(app)
    assert f"Check the API base URL {url} (from DEVIN_API_BASE_URL in the Streamlit secrets)" in (
        error
    )


def test_cached_data_stays_on_the_pages_when_a_later_sync_fails(
    monkeypatch: pytest.MonkeyPatch, frozen_now: datetime
) -> None:
    org = DemoOrg.generate(120, 5, frozen_now, days=20)
    running = serve(Emulator(org, clock=frozen_now.timestamp))
    connect(monkeypatch, running.url, ADMIN_KEY)
    app = run_page("app_pages/sessions.py", range="all")
    rows = len(app.dataframe[0].value)
    assert rows > 0
    running.close()
    next(b for b in app.sidebar.button if b.label == "Sync now").click().run()

    error = the_error(app)
    assert error.startswith("Sync failed: Could not reach")
    assert "Not connected" not in error
    assert len(app.dataframe[0].value) == rows


def test_the_sidebar_and_data_page_warn_when_the_apis_clock_is_behind(
    monkeypatch: pytest.MonkeyPatch, frozen_now: datetime
) -> None:
    api_now = frozen_now - timedelta(days=9)
    org = DemoOrg.generate(120, 5, api_now, days=20)
    with serve(Emulator(org, clock=api_now.timestamp)) as running:
        connect(monkeypatch, running.url, ADMIN_KEY)
        settings = Settings.load(os.environ)
        with DevinClient(settings) as client, store_for(settings) as cache:
            sync(client, cache, now=frozen_now)
        app = run_page("app_pages/data.py")

    assert not app.exception, app.exception
    warnings = [str(w.value) for w in app.sidebar.warning]
    assert any("The Devin API's clock is 9 days behind this machine's clock" in w for w in warnings)
    last_sync = next(df.value for df in app.dataframe if "API clock" in set(df.value["Item"]))
    rows = dict(zip(last_sync["Item"], last_sync["Value"], strict=True))
    assert rows["API clock"] == "9 days behind this machine's clock"


def test_no_clock_warning_when_the_clocks_agree(tmp_path: Path) -> None:
    app = run_page("app_pages/data.py")  # the demo organization, served on this machine's clock
    assert not app.exception, app.exception
    assert not [w for w in app.sidebar.warning if "clock" in str(w.value)]
