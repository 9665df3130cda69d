"""The retry rule, on its own and through the client, with zero real waiting."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from client_fakes import HOST, SESSIONS, FakeApi, page, raising, v3_session

from devin_data.api.client import ClientStats, DevinClient
from devin_data.api.retry import RetryPolicy
from devin_data.errors import (
    ApiConnectionError,
    ApiTimeoutError,
    DevinError,
    RateLimitedError,
    ServerError,
)

OK = page([v3_session(1)], None)


# The policy on its own ----------------------------------------------------------------------


# Through the client ---------------------------------------------------------------------------


def _list(client: DevinClient) -> list[str]:
    return [s.session_id for s in client.list_sessions_page().items]


@pytest.mark.parametrize("status", [408, 500, 502, 503])
def test_transient_status_is_retried_then_succeeds(
    client: DevinClient, api: FakeApi, sleeps: list[float], status: int
) -> None:
    api.add("GET", SESSIONS, httpx.Response(status), OK)

    assert _list(client) == ["devin-0001"]
    assert client.stats == ClientStats(requests=2, retries=1)
    assert len(sleeps) == 1
    assert 0.0 <= sleeps[0] <= 0.5


def test_429_retry_after_seconds_is_honoured(
    client: DevinClient, api: FakeApi, sleeps: list[float]
) -> None:
    api.add("GET", SESSIONS, httpx.Response(429, headers={"Retry-After": "7"}), OK)

    assert _list(client) == ["devin-0001"]
    assert sleeps == [7.0]


def test_429_retry_after_http_date_is_honoured(
    client: DevinClient, api: FakeApi, sleeps: list[float], frozen_now: datetime
) -> None:
    when = format_datetime(frozen_now + timedelta(seconds=30), usegmt=True)
    api.add("GET", SESSIONS, httpx.Response(429, headers={"Retry-After": when}), OK)

    assert _list(client) == ["devin-0001"]
    assert len(sleeps) == 1
    assert 25.0 < sleeps[0] <= 30.0


def test_429_retry_after_is_capped(
    make_client: Callable[..., DevinClient], api: FakeApi, sleeps: list[float]
) -> None:
    client = make_client(retry_after_cap=12.0)
    api.add("GET", SESSIONS, httpx.Response(429, headers={"Retry-After": "3600"}), OK)

    assert _list(client) == ["devin-0001"]
    assert sleeps == [12.0]


@pytest.mark.parametrize(
    "exc_type", [httpx.ConnectError, httpx.ReadError, httpx.ReadTimeout, httpx.ConnectTimeout]
)
def test_network_failure_is_retried_then_succeeds(
    client: DevinClient, api: FakeApi, sleeps: list[float], exc_type: type[httpx.TransportError]
) -> None:
    api.add("GET", SESSIONS, OK, raising(exc_type), OK)
    assert _list(client) == ["devin-0001"]  # the API answered once: failures are now hiccups
    before = client.stats

    assert _list(client) == ["devin-0001"]
    assert client.stats == ClientStats(requests=before.requests + 2, retries=before.retries + 1)
    assert len(sleeps) == 1


def test_backoff_waits_grow_across_retries(
    make_client: Callable[..., DevinClient], api: FakeApi, sleeps: list[float]
) -> None:
    # The top of each window doubles; with a seeded jitter every wait stays inside its window.
    policy = RetryPolicy(max_retries=4, backoff_base=1.0, backoff_max=5.0, rng=random.Random(3))
    client = make_client(retry_policy=policy)
    api.add("GET", SESSIONS, *[httpx.Response(503)] * 4, OK)

    assert _list(client) == ["devin-0001"]
    assert len(sleeps) == 4
    for attempt, waited in enumerate(sleeps):
        assert 0.0 <= waited <= min(5.0, 2.0**attempt)


@pytest.mark.parametrize(
    ("response", "error", "message"),
    [
        (
            httpx.Response(429, headers={"Retry-After": "2"}),
            RateLimitedError,
            "The Devin API is rate limiting this key (HTTP 429) after 3 retries.",
        ),
        (httpx.Response(503), ServerError, "The Devin API failed with HTTP 503 after 3 retries."),
        (
            httpx.Response(408),
            ApiTimeoutError,
            f"{HOST} timed out the request (HTTP 408) after 3 retries.",
        ),
    ],
)
def test_exhausted_status_retries_raise(
    make_client: Callable[..., DevinClient],
    api: FakeApi,
    sleeps: list[float],
    response: httpx.Response,
    error: type[DevinError],
    message: str,
) -> None:
    client = make_client(max_retries=3)
    api.always("GET", SESSIONS, response)

    with pytest.raises(error) as caught:
        client.list_sessions_page()

    assert str(caught.value) == message
    assert client.stats == ClientStats(requests=4, retries=3)
    assert len(sleeps) == 3


def test_rate_limited_error_carries_retry_after(
    make_client: Callable[..., DevinClient], api: FakeApi
) -> None:
    client = make_client(max_retries=0)
    api.always("GET", SESSIONS, httpx.Response(429, headers={"Retry-After": "9"}))

    with pytest.raises(RateLimitedError) as caught:
        client.list_sessions_page()

    assert caught.value.retry_after == 9.0
    assert caught.value.status_code == 429
    assert str(caught.value) == "The Devin API is rate limiting this key (HTTP 429)."


@pytest.mark.parametrize(
    ("responder", "error", "message"),
    [
        (
            raising(httpx.ConnectError, "[Errno 111] Connection refused"),
            ApiConnectionError,
            f"Could not reach {HOST}: connection refused.",
        ),
        (
            raising(httpx.ConnectError, "[Errno -2] Name or service not known"),
            ApiConnectionError,
            f"Could not reach {HOST}: the host name could not be resolved.",
        ),
        (
            raising(httpx.ReadError, "connection reset by peer"),
            ApiConnectionError,
            f"Could not reach {HOST}: the connection was interrupted.",
        ),
        (
            raising(httpx.ConnectTimeout, "timed out"),
            ApiTimeoutError,
            f"Could not reach {HOST}: the connection timed out.",
        ),
        (
            raising(httpx.ReadTimeout, "timed out"),
            ApiTimeoutError,
            f"{HOST} did not answer within 30 seconds.",
        ),
    ],
)
def test_exhausted_network_retries_raise(
    make_client: Callable[..., DevinClient],
    api: FakeApi,
    responder: Callable[[httpx.Request], httpx.Response],
    error: type[DevinError],
    message: str,
) -> None:
    client = make_client(max_retries=2)
    api.add("GET", SESSIONS, OK)
    client.list_sessions_page()  # the API answered once: failures are now hiccups
    before = client.stats
    api.always("GET", SESSIONS, responder)

    with pytest.raises(error) as caught:
        client.list_sessions_page()

    assert type(caught.value) is error
    assert str(caught.value) == message
    assert caught.value.__cause__ is None
    assert client.stats == ClientStats(requests=before.requests + 3, retries=before.retries + 2)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_permanent_errors_are_sent_exactly_once(
    client: DevinClient, api: FakeApi, sleeps: list[float], status: int
) -> None:
    api.always("GET", SESSIONS, httpx.Response(status, json={"detail": "no"}))

    with pytest.raises(DevinError):
        client.list_sessions_page()

    assert len(api.requests) == 1
    assert sleeps == []
    assert client.stats == ClientStats(requests=1, retries=0)


def test_max_retries_zero_means_a_single_attempt(
    make_client: Callable[..., DevinClient], api: FakeApi, sleeps: list[float]
) -> None:
    client = make_client(max_retries=0)
    api.always("GET", SESSIONS, httpx.Response(500))

    with pytest.raises(ServerError, match=r"^The Devin API failed with HTTP 500\.$"):
        client.list_sessions_page()
    assert len(api.requests) == 1
    assert sleeps == []


def test_stats_count_every_attempt(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, httpx.Response(502), raising(httpx.ReadError), OK, OK)

    client.list_sessions_page()
    assert client.stats == ClientStats(requests=3, retries=2)
    client.list_sessions_page()
    assert client.stats == ClientStats(requests=4, retries=2)
