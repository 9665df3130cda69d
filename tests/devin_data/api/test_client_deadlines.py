"""Wall deadlines: a request must be complete in time however the server trickles, and no
request runs past the time limit of its work, on the caller's thread or the client's threads.

The slow servers are real ones on loopback (``tests/misbehaving.py``); the retry wait is a unit
test with a scripted transport.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from client_fakes import BASE_URL, KEY, ORG
from misbehaving import MisbehavingServer, every_request, silent, trickling

from devin_data.api.client import DevinClient
from devin_data.api.deadline import time_limit
from devin_data.config import Secret, Settings
from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator
from devin_data.errors import SlowAnswerError, SyncTimeLimitError

ANCHOR = datetime(2026, 3, 14, 21, 45, tzinfo=UTC)


@pytest.fixture
def server() -> Iterator[MisbehavingServer]:
    emulator = Emulator(DemoOrg.generate(40, 2, ANCHOR, days=5), clock=ANCHOR.timestamp)
    with MisbehavingServer(emulator) as opened:
        yield opened


def client_for(server: MisbehavingServer, **overrides: object) -> DevinClient:
    values: dict[str, object] = {
        "base_url": server.url,
        "api_key": Secret(ADMIN_KEY),
        "org_id": ORG_ID,
        "sleep": lambda _: None,
        **overrides,
    }
    return DevinClient(Settings(**values))  # type: ignore[arg-type]


@pytest.mark.timeout(60)
def test_an_answer_trickling_a_byte_a_second_fails_at_the_deadline_without_retry(
    server: MisbehavingServer,
) -> None:
    server.fault = trickling(every_request, pace=0.2)
    with client_for(server, request_deadline=1.0) as client:
        started = time.monotonic()
        with pytest.raises(SlowAnswerError) as caught:
            client.insight_items_page()
        took = time.monotonic() - started
    assert 1.0 <= took < 2.0
    host = server.url.removeprefix("http://")
    assert str(caught.value) == (
        f"The API at {host} sent its answer too slowly (no complete answer within 1 s)."
    )
    assert server.requests == 1


def test_a_quick_answer_is_untouched_by_the_deadline(server: MisbehavingServer) -> None:
    with client_for(server, request_deadline=1.0) as client:
        page = client.insight_items_page()
        assert len(page.items) == page.total
        assert client.clock_reading is not None


@pytest.mark.timeout(60)
def test_the_time_limit_ends_a_request_that_waits_on_a_silent_server(
    server: MisbehavingServer,
) -> None:
    server.fault = silent(every_request)
    with client_for(server) as client:  # reads may wait 30 s, answers 120 s
        started = time.monotonic()
        with time_limit(1.0), pytest.raises(SyncTimeLimitError, match="longer than 1 s"):
            client.insight_items_page()
        assert 1.0 <= time.monotonic() - started < 2.0


@pytest.mark.timeout(60)
def test_the_time_limit_reaches_the_client_threads(server: MisbehavingServer) -> None:
    server.fault = silent(every_request)
    with client_for(server, concurrency=4) as client:
        started = time.monotonic()
        with time_limit(1.0):
            results = list(client.map_concurrent(lambda _: client.insight_items_page(), range(6)))
        took = time.monotonic() - started
    assert [type(result) for _, result in results] == [SyncTimeLimitError] * 6
    assert took < 2.5


def test_a_retry_never_waits_past_the_time_limit() -> None:
    def busy(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, headers={"Retry-After": "60"}, json={"detail": "busy"})

    settings = Settings(
        base_url=BASE_URL,
        api_key=Secret(KEY),
        org_id=ORG,
        transport=httpx.MockTransport(busy),
        sleep=time.sleep,  # the real wait: the limit must cut it short
    )
    with DevinClient(settings) as client, time_limit(0.5):
        started = time.monotonic()
        with pytest.raises(SyncTimeLimitError):
            client.insight_items_page()
        assert time.monotonic() - started < 1.5
        assert client.stats.requests == 1  # the wait ended at the limit, and so did the call
