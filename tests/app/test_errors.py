"""Bad credentials and an unreachable API: one clear error, no traceback, the app keeps working.

The emulator runs as a real HTTP server on loopback; the app reaches it through the environment.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from apptest_helpers import run_page
from frozen_time import FROZEN_NOW
from streamlit.testing.v1 import AppTest

from devin_data.emulator import DemoOrg, Emulator, EmulatorServer, serve
from devin_data.emulator.keys import ADMIN_KEY, NO_PERMISSION_KEY, ORG_ID

ANCHOR = FROZEN_NOW
WRONG_KEY = "cog_definitely_not_a_valid_key_4321"
PERMISSION_MESSAGE = f"lacks the ViewOrgSessions permission on organization {ORG_ID}"


def new_server() -> EmulatorServer:
    org = DemoOrg.generate(150, 5, ANCHOR, days=30)
    return serve(Emulator(org, clock=ANCHOR.timestamp))


@pytest.fixture(scope="module")
def server() -> Iterator[EmulatorServer]:
    with new_server() as running:
        yield running


def connect(monkeypatch: pytest.MonkeyPatch, url: str, key: str, org: str = ORG_ID) -> None:
    monkeypatch.setenv("DEVIN_API_BASE_URL", url)
    monkeypatch.setenv("DEVIN_API_KEY", key)
    monkeypatch.setenv("DEVIN_ORG_ID", org)


def page_text(app: AppTest) -> str:
    parts = [e.value for e in (*app.error, *app.warning, *app.info, *app.markdown, *app.caption)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize(
    ("key", "org", "expected"),
    [
        (WRONG_KEY, ORG_ID, "The API key was rejected (HTTP 401)"),
        (
            NO_PERMISSION_KEY,
            ORG_ID,
            f"lacks the ViewOrgSessions permission on organization {ORG_ID}",
        ),
        (ADMIN_KEY, "org-unknown", "Organization org-unknown was not found (HTTP 404)"),
    ],
)
def test_a_rejected_connection_shows_one_clear_error(
    demo_environment: Path,
    monkeypatch: pytest.MonkeyPatch,
    server: EmulatorServer,
    key: str,
    org: str,
    expected: str,
) -> None:
    connect(monkeypatch, server.url, key, org)
    for page in (None, "app_pages/sessions.py", "app_pages/data.py"):
        app = run_page(page)
        assert not app.exception, app.exception
        errors = [e.value for e in app.error]
        assert len(errors) == 1, errors
        assert expected in errors[0]
        assert key not in page_text(app)


def test_an_unreachable_api_shows_one_clear_error(
    demo_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect(monkeypatch, "http://127.0.0.1:9", ADMIN_KEY)
    app = run_page()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert len(errors) == 1
    assert "Could not reach 127.0.0.1:9" in errors[0]
    assert not any("No sessions match" in info.value for info in app.main.info)


def test_a_failed_sync_keeps_the_cached_data(
    demo_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = new_server()
    connect(monkeypatch, running.url, ADMIN_KEY)
    app = run_page("app_pages/sessions.py")
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) > 0
    running.close()
    next(b for b in app.sidebar.button if b.label == "Sync now").click().run()
    assert not app.exception
    assert any("Could not reach" in e.value for e in app.error)
    assert len(app.dataframe[0].value) == len(table)
