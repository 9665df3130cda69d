"""A connection that cannot be made fails at once until the API has answered; then it is retried.

Unit tests script the network with httpx.MockTransport (no real waiting); the timing tests use a
real loopback port with nothing listening and bound the failure with a monotonic timer.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from client_fakes import SESSIONS, FakeApi, page, raising, v3_session

from devin_data.api.client import ClientStats, DevinClient
from devin_data.api.retry import RetryPolicy
from devin_data.config import Settings
from devin_data.emulator import ADMIN_KEY, ORG_ID
from devin_data.errors import ApiConnectionError, ApiTimeoutError
from devin_data.store import Store
from devin_data.sync import sync

OK = page([v3_session(1)], None)
REFUSED = raising(httpx.ConnectError, "[Errno 111] Connection refused")
UNRESOLVED = raising(httpx.ConnectError, "[Errno -2] Name or service not known")
CONNECT_TIMEOUT = raising(httpx.ConnectTimeout, "timed out")
FIRST_CONTACT_BOUND = 3.0  # seconds a dead address may take to be reported


def dead_url() -> str:
    """A loopback URL on a port nothing listens on: connecting is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_the_policy_does_not_retry_a_connect_failure_before_any_answer() -> None:
    policy = RetryPolicy()
    for exc in (httpx.ConnectError("refused"), httpx.ConnectTimeout("slow")):
        assert not policy.should_retry(exc, 0, contacted=False)
        assert policy.should_retry(exc, 0, contacted=True)
    # The connection was made: reading failed, which a retry may fix.
    for exc in (
        httpx.ReadError("reset"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("x"),
    ):
        assert policy.should_retry(exc, 0, contacted=False)


@pytest.mark.parametrize(
    ("responder", "error"),
    [
        (REFUSED, ApiConnectionError),
        (UNRESOLVED, ApiConnectionError),
        (CONNECT_TIMEOUT, ApiTimeoutError),
    ],
    ids=["refused", "unresolved", "connect-timeout"],
)
def test_a_connection_that_cannot_be_made_fails_on_first_contact(
    client: DevinClient,
    api: FakeApi,
    sleeps: list[float],
    responder: Callable[[httpx.Request], httpx.Response],
    error: type[ApiConnectionError],
) -> None:
    api.always("GET", SESSIONS, responder)

    with pytest.raises(error):
        client.list_sessions_page()

    assert client.stats == ClientStats(requests=1, retries=0)
    assert sleeps == []


@pytest.mark.parametrize(
    "first", [[OK], [httpx.Response(503), OK]], ids=["after-a-success", "after-a-server-error"]
)
def test_after_any_answer_the_same_failure_is_retried(
    client: DevinClient, api: FakeApi, sleeps: list[float], first: list[httpx.Response]
) -> None:
    api.add("GET", SESSIONS, *first, REFUSED, REFUSED, OK)

    assert [s.session_id for s in client.list_sessions_page().items] == ["devin-0001"]
    before = client.stats
    sleeps.clear()
    assert [s.session_id for s in client.list_sessions_page().items] == ["devin-0001"]

    assert client.stats == ClientStats(requests=before.requests + 3, retries=before.retries + 2)
    assert len(sleeps) == 2


@pytest.mark.parametrize("exc_type", [httpx.ReadError, httpx.ReadTimeout])
def test_a_failure_after_connecting_is_retried_even_on_first_contact(
    client: DevinClient, api: FakeApi, sleeps: list[float], exc_type: type[httpx.TransportError]
) -> None:
    api.add("GET", SESSIONS, raising(exc_type), OK)

    assert [s.session_id for s in client.list_sessions_page().items] == ["devin-0001"]
    assert client.stats == ClientStats(requests=2, retries=1)


def test_the_connect_timeout_is_short_and_the_read_timeout_is_not(
    make_client: Callable[..., DevinClient], api: FakeApi
) -> None:
    seen: list[dict[str, float | None]] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return OK

    api.always("GET", SESSIONS, record)
    make_client().list_sessions_page()

    assert seen[0]["connect"] == Settings.connect_timeout < FIRST_CONTACT_BOUND
    assert seen[0]["read"] == Settings.timeout


def test_a_refused_port_is_reported_in_under_three_seconds() -> None:
    url = dead_url()
    config = Settings(base_url=url, api_key=ADMIN_KEY, org_id=ORG_ID)  # type: ignore[arg-type]
    started = time.monotonic()
    with DevinClient(config) as client, pytest.raises(ApiConnectionError) as caught:
        client.list_sessions_page()
    took = time.monotonic() - started

    assert took < FIRST_CONTACT_BOUND
    assert (
        str(caught.value) == f"Could not reach {url.removeprefix('http://')}: connection refused."
    )
    assert client.stats.retries == 0


def test_a_sync_against_a_refused_port_fails_in_under_three_seconds(
    tmp_path: Path, frozen_now: datetime
) -> None:
    config = Settings(base_url=dead_url(), api_key=ADMIN_KEY, org_id=ORG_ID)  # type: ignore[arg-type]
    store = Store.open(tmp_path / "cache", "scope")
    started = time.monotonic()
    with DevinClient(config) as client, pytest.raises(ApiConnectionError):
        sync(client, store, now=frozen_now)
    took = time.monotonic() - started
    store.close()

    assert took < FIRST_CONTACT_BOUND
    assert client.stats.retries == 0
    assert client.stats.requests <= 2 * config.concurrency  # what was queued, then it stops
