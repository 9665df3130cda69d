"""Error messages: exact, actionable, and free of the API key."""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx
import pytest
from client_fakes import KEY, ORG, SESSIONS, FakeApi, fail, page, v3_session

from devin_data.api.client import DevinClient
from devin_data.config import Secret, Settings
from devin_data.errors import (
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
)


def test_401_says_the_key_was_rejected(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(401, json={"detail": "Invalid token"}))

    error = fail(client.list_sessions_page)

    assert isinstance(error, AuthenticationError)
    assert str(error) == "The API key was rejected (HTTP 401)."
    assert error.status_code == 401
    assert "DEVIN_API_KEY" in error.hint


@pytest.mark.parametrize(
    ("path", "action"),
    [
        (SESSIONS, lambda c: c.list_sessions_page()),
        (f"{SESSIONS}/insights", lambda c: c.list_session_insights_page()),
        (f"{SESSIONS}/devin-abc/insights", lambda c: c.get_session_insights("abc")),
        (f"{SESSIONS}/devin-abc/messages", lambda c: c.list_messages("abc")),
    ],
)
def test_403_on_reads_names_view_org_sessions_and_the_org(
    client: DevinClient,
    api: FakeApi,
    path: str,
    action: Callable[[DevinClient], object],
) -> None:
    api.add("GET", path, httpx.Response(403, json={"detail": "Forbidden"}))

    error = fail(lambda: action(client))

    assert isinstance(error, PermissionDeniedError)
    assert str(error) == (
        "The API key lacks the ViewOrgSessions permission on organization org-acme (HTTP 403)."
    )
    assert (error.permission, error.org_id, error.status_code) == ("ViewOrgSessions", ORG, 403)


def test_403_on_generate_names_manage_org_sessions(client: DevinClient, api: FakeApi) -> None:
    api.add("POST", f"{SESSIONS}/devin-abc/insights/generate", httpx.Response(403))

    error = fail(lambda: client.generate_insights("abc"))

    assert isinstance(error, PermissionDeniedError)
    assert str(error) == (
        "The API key lacks the ManageOrgSessions permission on organization org-acme (HTTP 403)."
    )
    assert error.permission == "ManageOrgSessions"


def test_403_on_v1_names_reading_sessions(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", "/v1/sessions", httpx.Response(403))

    error = fail(client.list_sessions_v1_page)

    assert str(error) == "The API key lacks the permission to read sessions (HTTP 403)."


def test_404_on_a_list_names_the_organization(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(404, json={"detail": "Not Found"}))

    error = fail(client.list_sessions_page)

    assert isinstance(error, NotFoundError)
    assert str(error) == "Organization org-acme was not found (HTTP 404)."


@pytest.mark.parametrize("insights", [False, True])
def test_404_for_an_organization_never_mentions_a_session(
    client: DevinClient, api: FakeApi, insights: bool
) -> None:
    path = f"{SESSIONS}/insights" if insights else SESSIONS
    api.add("GET", path, httpx.Response(404, json={"detail": "Organization not found"}))
    listing = client.list_session_insights_page if insights else client.list_sessions_page

    error = fail(listing)

    assert isinstance(error, NotFoundError)
    assert (error.org_id, error.session_id) == (ORG, None)
    assert "session" not in f"{error} {error.hint}".lower()
    assert ORG in str(error)
    assert "DEVIN_ORG_ID" in error.hint


@pytest.mark.parametrize("session_id", ["abc", "devin-abc"])
def test_404_on_a_session_names_the_session_and_org(
    client: DevinClient, api: FakeApi, session_id: str
) -> None:
    api.add("GET", f"{SESSIONS}/devin-abc/insights", httpx.Response(404))

    error = fail(lambda: client.get_session_insights(session_id))

    assert isinstance(error, NotFoundError)
    assert str(error) == "Session devin-abc was not found in organization org-acme (HTTP 404)."
    assert error.session_id == "devin-abc"
    assert error.hint == "Check the session id."


def test_404_on_v1_details_names_the_session(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", "/v1/sessions/devin-abc", httpx.Response(404))

    error = fail(lambda: client.get_session_details_v1("abc"))

    assert str(error) == "Session devin-abc was not found (HTTP 404)."


def test_v3_without_an_org_id_is_a_configuration_error(
    make_client: Callable[..., DevinClient], api: FakeApi
) -> None:
    client = make_client(org_id=None)

    for action in (
        client.list_sessions_page,
        client.iter_session_insights,
        lambda: client.get_session_insights("abc"),
        lambda: client.generate_insights("abc"),
    ):
        error = fail(action)
        assert isinstance(error, ConfigurationError)
        assert str(error) == "DEVIN_ORG_ID is required for a cog_ key (v3 API)."
    assert api.requests == []


def test_a_base_url_without_scheme_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="DEVIN_API_BASE_URL"):
        DevinClient(Settings(base_url="api.devin.ai", api_key=Secret(KEY)))


def test_the_key_never_leaks(
    client: DevinClient, api: FakeApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    echo = {"detail": f"token {KEY} is invalid"}
    api.add("GET", SESSIONS, httpx.Response(401, json=echo))
    api.add("GET", SESSIONS, httpx.Response(422, json=echo))
    api.add("GET", SESSIONS, httpx.Response(500, text=KEY), page([v3_session(1)], None))
    api.add("GET", f"{SESSIONS}/devin-abc/insights", httpx.Response(200, json={"session_id": KEY}))
    api.add("GET", f"{SESSIONS}/devin-x/insights", httpx.Response(403, text=KEY))
    errors = [fail(client.list_sessions_page), fail(client.list_sessions_page)]
    client.list_sessions_page()
    errors += [
        fail(lambda: client.get_session_insights("abc")),
        fail(lambda: client.get_session_insights("x")),
    ]

    assert all(request.headers["Authorization"] == f"Bearer {KEY}" for request in api.requests)
    assert "***" in str(errors[1])  # the echoed key was masked
    texts = [repr(client), repr(client.config), str(client.config), caplog.text]
    texts += [record.getMessage() for record in caplog.records]
    texts += [str(request.url) for request in api.requests]
    for error in errors:
        texts += [str(error), repr(error), str(error.args), str(getattr(error, "detail", ""))]
    assert caplog.records, "the client logs its requests at DEBUG"
    assert not [text for text in texts if KEY in text]


def test_log_lines_carry_method_path_status_and_attempt(
    client: DevinClient, api: FakeApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="devin_data.client")
    api.add("GET", SESSIONS, httpx.Response(503), page([], None))

    client.list_sessions_page(tags=["secret-tag"])

    lines = [r.getMessage() for r in caplog.records if r.name == "devin_data.client"]
    assert lines == [f"GET {SESSIONS} -> 503 (attempt 1)", f"GET {SESSIONS} -> 200 (attempt 2)"]


def test_server_errors_keep_a_trimmed_detail(
    make_client: Callable[..., DevinClient], api: FakeApi
) -> None:
    client = make_client(max_retries=0)
    api.add("GET", SESSIONS, httpx.Response(500, json={"detail": "database unavailable"}))

    error = fail(client.list_sessions_page)

    assert isinstance(error, ServerError)
    assert error.detail == "database unavailable"
