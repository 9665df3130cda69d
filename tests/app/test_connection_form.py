"""The Connection form: a typed base URL reaches only a public host (or loopback with the
operator's leave), a key gets a cache only once the API accepted it, and a key the API refuses
shows none of what was cached for it.

The operator's connection is one emulator on loopback; the form's is another, with sessions of
its own, so the pages tell at a glance whose data they show.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from apptest_helpers import APP
from frozen_time import FROZEN_NOW
from socket_guard import guard_connections
from streamlit.testing.v1 import AppTest

from devin_data.config import ENV_ALLOW_PRIVATE
from devin_data.connect import shared_engine
from devin_data.emulator import ADMIN_KEY, NO_PERMISSION_KEY, ORG_ID, DemoOrg, Emulator, serve
from devin_data.emulator.server import EmulatorServer

OPERATOR_ORG = DemoOrg.generate(80, 21, FROZEN_NOW, days=20)
FORM_ORG = DemoOrg.generate(50, 22, FROZEN_NOW, days=20)
WRONG_KEY = "cog_typed_by_mistake_0000"
PRIVATE_MESSAGE = (
    "The API base URL must be https:// to a public host; 10.0.0.5 is a private address. "
    "An operator can allow private addresses with DEVIN_ALLOW_PRIVATE_BASE_URL."
)
FORM_STATE = "connection_override"


def visible(org: DemoOrg) -> set[str]:
    return {ref.session_id for ref in org.visible_sessions(FROZEN_NOW.timestamp())}


@pytest.fixture(scope="module")
def operator_api() -> Iterator[EmulatorServer]:
    with serve(Emulator(OPERATOR_ORG, clock=FROZEN_NOW.timestamp)) as running:
        yield running


@pytest.fixture
def form_api() -> Iterator[tuple[Emulator, EmulatorServer]]:
    """The form's organization, its own per test: a test revokes its key."""
    emulator = Emulator(FORM_ORG, clock=FROZEN_NOW.timestamp)
    with serve(emulator) as running:
        yield emulator, running


@pytest.fixture(autouse=True)
def operator(operator_api: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The operator's own connection, on loopback, with leave for loopback in the form."""
    monkeypatch.setenv("DEVIN_API_BASE_URL", operator_api.url)
    monkeypatch.setenv("DEVIN_ORG_ID", ORG_ID)
    monkeypatch.setenv("DEVIN_API_KEY", ADMIN_KEY)
    monkeypatch.setenv(ENV_ALLOW_PRIVATE, "1")


def opened() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180)
    app.query_params["tz"] = "UTC"
    app.query_params["range"] = "all"
    app.run()
    assert not app.exception, app.exception
    return app


def submit(app: AppTest, url: str, key: str) -> None:
    fields = {field.label: field for field in app.sidebar.text_input}
    fields["API base URL"].input(url)
    fields["Organization id"].input(ORG_ID)
    fields["API key"].input(key)
    next(b for b in app.sidebar.button if b.label == "Connect").click().run()
    assert not app.exception, app.exception


def errors(app: AppTest) -> list[str]:
    return [str(element.value) for element in app.error]


def sessions_shown(app: AppTest) -> set[str]:
    app.switch_page("app_pages/sessions.py").run()
    assert not app.exception, app.exception
    return set(app.dataframe[0].value["session_id"]) if app.dataframe else set()


def scopes_in(store_url: str) -> set[str]:
    """Every credential scope with a row in any table of the shared store."""
    engine = shared_engine(store_url)
    try:
        with engine.connect() as conn:
            tables = conn.execute(
                sa.text(
                    "SELECT table_name FROM information_schema.columns "
                    "WHERE column_name = 'scope' AND table_schema = current_schema()"
                )
            ).scalars()
            rows = [sa.text(f'SELECT DISTINCT scope FROM "{table}"') for table in tables]
            return {scope for query in rows for scope in conn.execute(query).scalars()}
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("http://169.254.169.254", "169.254.169.254 is a link-local address."),
        ("https://[::ffff:169.254.169.254]/latest", "is 169.254.169.254, a link-local address."),
        ("https://10.0.0.5", PRIVATE_MESSAGE),
    ],
)
def test_a_base_url_off_the_public_internet_is_refused_before_any_connection(
    url: str, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_ALLOW_PRIVATE)
    app = opened()
    connections = guard_connections(monkeypatch, loopback=False)
    submit(app, url, ADMIN_KEY)

    [error] = [str(element.value) for element in app.sidebar.error]
    assert error.startswith("The API base URL must be https:// to a public host; ")
    assert said in error
    assert connections == []
    assert FORM_STATE not in app.session_state


@pytest.mark.parametrize("key", [WRONG_KEY, NO_PERMISSION_KEY])
def test_a_refused_key_leaves_no_cache_folder(
    key: str, demo_environment: Path, form_api: tuple[Emulator, EmulatorServer]
) -> None:
    app = opened()
    folders = sorted(demo_environment.iterdir())
    assert len(folders) == 1  # the operator's

    submit(app, form_api[1].url, key)
    assert sorted(demo_environment.iterdir()) == folders
    assert FORM_STATE not in app.session_state
    [error] = [str(element.value) for element in app.sidebar.error]
    assert error.startswith("**The API refused this key**, so nothing cached for it is shown.")
    assert "Connection form in the sidebar" in error
    assert key not in error


def test_a_refused_key_adds_no_scope_to_the_shared_store(
    store_url: str,
    demo_environment: Path,
    form_api: tuple[Emulator, EmulatorServer],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEVIN_STORE_URL", store_url)
    app = opened()
    scopes = scopes_in(store_url)
    folders = sorted(demo_environment.iterdir())
    assert len(scopes) == 1  # the operator's

    submit(app, form_api[1].url, WRONG_KEY)
    assert scopes_in(store_url) == scopes
    assert sorted(demo_environment.iterdir()) == folders
    assert any("The API refused this key" in text for text in errors(app))

    submit(app, form_api[1].url, ADMIN_KEY)  # an accepted key gets its scope, once accepted
    assert len(scopes_in(store_url)) == 2


def test_a_revoked_key_shows_the_refusal_and_none_of_its_cached_sessions(
    demo_environment: Path, form_api: tuple[Emulator, EmulatorServer]
) -> None:
    emulator, server = form_api
    first = opened()
    submit(first, server.url, ADMIN_KEY)
    assert FORM_STATE in first.session_state
    assert sessions_shown(first) <= visible(FORM_ORG)
    assert sessions_shown(first)
    folders = sorted(demo_environment.iterdir())
    assert len(folders) == 2  # the operator's and the form key's

    emulator.revoke(ADMIN_KEY)
    # A new browser session types the same key: refused, its cache stays hidden (and on disk).
    second = opened()
    submit(second, server.url, ADMIN_KEY)
    assert any(text.startswith("**The API refused this key**") for text in errors(second))
    assert "The API key was rejected (HTTP 401)." in " ".join(errors(second))
    shown = sessions_shown(second)
    assert shown
    assert shown <= visible(OPERATOR_ORG)
    assert shown.isdisjoint(visible(FORM_ORG))
    assert sorted(demo_environment.iterdir()) == folders

    # The browser session that connected before finds out at its next sync.
    next(b for b in first.sidebar.button if b.label == "Sync now").click().run()
    assert not first.exception, first.exception
    assert any("The API refused this key" in text for text in errors(first))
    assert FORM_STATE not in first.session_state
    shown = sessions_shown(first)
    assert shown <= visible(OPERATOR_ORG)
    assert shown.isdisjoint(visible(FORM_ORG))
