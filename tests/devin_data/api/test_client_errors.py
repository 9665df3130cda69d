"""Error messages: exact, actionable, and free of the API key."""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx
import pytest
from client_fakes import KEY, ORG, SESSIONS, FakeApi, page, v3_session

from devin_data.api.client import DevinClient
from devin_data.config import Secret, Settings
from devin_data.errors import (
    ApiStatusError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    DevinError,
    MalformedResponseError,
    NotFoundError,
    PermissionDeniedError,
    RequestValidationError,
    ServerError,
)

FASTAPI_422 = {
    "detail": [
        {
            "type": "less_than_equal",
            "loc": ["query", "first"],
            "msg": "Input should be less than or equal to 200",
            "input": "500",
        }
    ]
}


def _fail(call: Callable[[], object]) -> DevinError:
    with pytest.raises(DevinError) as caught:
        call()
    return caught.value


def test_401_says_the_key_was_rejected(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(401, json={"detail": "Invalid token"}))

    error = _fail(client.list_sessions_page)

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

    error = _fail(lambda: action(client))

    assert isinstance(error, PermissionDeniedError)
    assert str(error) == (
        "The API key lacks the ViewOrgSessions permission on organization org-acme (HTTP 403)."
    )
    assert (error.permission, error.org_id, error.status_code) == ("ViewOrgSessions", ORG, 403)


def test_403_on_generate_names_manage_org_sessions(client: DevinClient, api: FakeApi) -> None:
    api.add("POST", f"{SESSIONS}/devin-abc/insights/generate", httpx.Response(403))

    error = _fail(lambda: client.generate_insights("abc"))

    assert isinstance(error, PermissionDeniedError)
    assert str(error) == (
        "The API key lacks the ManageOrgSessions permission on organization org-acme (HTTP 403)."
    )
    assert error.permission == "ManageOrgSessions"


def test_403_on_v1_names_reading_sessions(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", "/v1/sessions", httpx.Response(403))

    error = _fail(client.list_sessions_v1_page)

    assert str(error) == "The API key lacks the permission to read sessions (HTTP 403)."


def test_404_on_a_list_names_the_organization(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(404, json={"detail": "Not Found"}))

    error = _fail(client.list_sessions_page)

    assert isinstance(error, NotFoundError)
    assert str(error) == "Organization org-acme was not found (HTTP 404)."


@pytest.mark.parametrize("insights", [False, True])
def test_404_for_an_organization_never_mentions_a_session(
    client: DevinClient, api: FakeApi, insights: bool
) -> None:
    path = f"{SESSIONS}/insights" if insights else SESSIONS
    api.add("GET", path, httpx.Response(404, json={"detail": "Organization not found"}))
    listing = client.list_session_insights_page if insights else client.list_sessions_page

    error = _fail(listing)

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

    error = _fail(lambda: client.get_session_insights(session_id))

    assert isinstance(error, NotFoundError)
    assert str(error) == "Session devin-abc was not found in organization org-acme (HTTP 404)."
    assert error.session_id == "devin-abc"
    assert error.hint == "Check the session id."


def test_404_on_v1_details_names_the_session(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", "/v1/sessions/devin-abc", httpx.Response(404))

    error = _fail(lambda: client.get_session_details_v1("abc"))

    assert str(error) == "Session devin-abc was not found (HTTP 404)."


def test_422_shows_the_fastapi_validation_detail(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(422, json=FASTAPI_422))

    error = _fail(lambda: client.list_sessions_page(first=500))

    assert isinstance(error, RequestValidationError)
    assert str(error) == (
        "The API rejected the request (HTTP 422): first: Input should be less than or equal to 200."
    )
    assert error.detail == "first: Input should be less than or equal to 200"


def test_422_joins_several_problems(client: DevinClient, api: FakeApi) -> None:
    detail = [
        {"loc": ["query", "first"], "msg": "Input should be greater than or equal to 1"},
        {"loc": ["body", "filters", 0], "msg": "Field required"},
    ]
    api.add("GET", SESSIONS, httpx.Response(422, json={"detail": detail}))

    error = _fail(client.list_sessions_page)

    assert str(error) == (
        "The API rejected the request (HTTP 422): first: Input should be greater than or equal "
        "to 1; filters.0: Field required."
    )


def test_422_string_detail_is_used_as_is(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(422, json={"detail": "Invalid cursor."}))

    error = _fail(lambda: client.list_sessions_page(after="bogus"))

    assert str(error) == "The API rejected the request (HTTP 422): Invalid cursor."


def test_422_long_detail_is_trimmed(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(422, json={"detail": "x" * 5000}))

    error = _fail(client.list_sessions_page)

    assert isinstance(error, RequestValidationError)
    assert error.detail is not None
    assert len(error.detail) == 300
    assert error.detail.endswith("…")
    assert len(str(error)) < 360


def test_400_uses_the_body_when_it_is_not_json(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(400, text="bad   request\n"))

    error = _fail(client.list_sessions_page)

    assert isinstance(error, BadRequestError)
    assert str(error) == "The API rejected the request (HTTP 400): bad request."


def test_an_unexpected_status_names_the_endpoint(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(409))

    error = _fail(client.list_sessions_page)

    assert type(error) is ApiStatusError
    assert str(error) == f"The API answered GET {SESSIONS} with HTTP 409."


def test_a_200_that_is_not_json_is_malformed(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(200, text="<html>maintenance</html>"))

    error = _fail(client.list_sessions_page)

    assert isinstance(error, MalformedResponseError)
    assert str(error) == f"Unexpected response from GET {SESSIONS}: not JSON."


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"sessions": []}, "items: Field required"),
        ({"items": [{"title": "no id", "created_at": 1}]}, "items.0.session_id: Field required"),
        ([1, 2, 3], "body: Input should be a valid dictionary or instance of Page[Session]"),
    ],
)
def test_a_200_with_the_wrong_shape_is_malformed(
    client: DevinClient, api: FakeApi, body: object, problem: str
) -> None:
    api.add("GET", SESSIONS, httpx.Response(200, json=body))

    error = _fail(client.list_sessions_page)

    assert isinstance(error, MalformedResponseError)
    assert str(error) == f"Unexpected response from GET {SESSIONS}: {problem}."


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
        error = _fail(action)
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
    errors = [_fail(client.list_sessions_page), _fail(client.list_sessions_page)]
    client.list_sessions_page()
    errors += [
        _fail(lambda: client.get_session_insights("abc")),
        _fail(lambda: client.get_session_insights("x")),
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

    error = _fail(client.list_sessions_page)

    assert isinstance(error, ServerError)
    assert error.detail == "database unavailable"
