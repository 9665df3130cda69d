"""Answers the client cannot use: validation details (422, 400), unexpected statuses and
bodies that are not what the API documents."""

from __future__ import annotations

import httpx
import pytest
from client_fakes import SESSIONS, FakeApi, fail

from devin_data.api.client import DevinClient
from devin_data.errors import (
    ApiStatusError,
    BadRequestError,
    MalformedResponseError,
    RequestValidationError,
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


def test_422_shows_the_fastapi_validation_detail(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(422, json=FASTAPI_422))

    error = fail(lambda: client.list_sessions_page(first=500))

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

    error = fail(client.list_sessions_page)

    assert str(error) == (
        "The API rejected the request (HTTP 422): first: Input should be greater than or equal "
        "to 1; filters.0: Field required."
    )


def test_422_string_detail_is_used_as_is(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(422, json={"detail": "Invalid cursor."}))

    error = fail(lambda: client.list_sessions_page(after="bogus"))

    assert str(error) == "The API rejected the request (HTTP 422): Invalid cursor."


def test_422_long_detail_is_trimmed(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(422, json={"detail": "x" * 5000}))

    error = fail(client.list_sessions_page)

    assert isinstance(error, RequestValidationError)
    assert error.detail is not None
    assert len(error.detail) == 300
    assert error.detail.endswith("…")
    assert len(str(error)) < 360


def test_400_uses_the_body_when_it_is_not_json(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(400, text="bad   request\n"))

    error = fail(client.list_sessions_page)

    assert isinstance(error, BadRequestError)
    assert str(error) == "The API rejected the request (HTTP 400): bad request."


def test_an_unexpected_status_names_the_endpoint(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(409))

    error = fail(client.list_sessions_page)

    assert type(error) is ApiStatusError
    assert str(error) == f"The API answered GET {SESSIONS} with HTTP 409."


def test_a_200_that_is_not_json_is_malformed(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(200, text="<html>maintenance</html>"))

    error = fail(client.list_sessions_page)

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

    error = fail(client.list_sessions_page)

    assert isinstance(error, MalformedResponseError)
    assert str(error) == f"Unexpected response from GET {SESSIONS}: {problem}."
