"""Every sync ends: against a real server on loopback that misbehaves, it stops in bounded time
with a message a manager can act on, keeps what it fetched, and does not move the watermark past
it; the next sync against a healthy server completes.

The server (``tests/misbehaving.py``) fronts an emulator on a fixed clock; the deadlines are set
small so that each test takes a few seconds.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from misbehaving import (
    MisbehavingServer,
    endless_pages,
    every_request,
    ignoring_offset,
    later_pages,
    silent,
    trickling,
)
from sync_fakes import SPAN, Clock, make_client, visible_ids

from devin_data.api.client import DevinClient
from devin_data.emulator import V1_KEY, DemoOrg, Emulator
from devin_data.errors import EndlessListError, SlowAnswerError, SyncTimeLimitError
from devin_data.store.store import Store
from devin_data.sync import SyncOptions, sync

SMALL = {"page_size": 50, "v1_page_size": 50}
WINDOWS = 16  # a cold plan's windows at the default concurrency of 8


@pytest.fixture
def org(clock: Clock) -> DemoOrg:
    return DemoOrg.generate(600, 5, clock.at, days=60)


@pytest.fixture
def server(org: DemoOrg, clock: Clock) -> Iterator[MisbehavingServer]:
    with MisbehavingServer(Emulator(org, clock=clock)) as opened:
        yield opened


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "cache", "scope") as opened:
        yield opened


def client_of(server: MisbehavingServer, **overrides: Any) -> DevinClient:
    return make_client(base_url=server.url, **{**SMALL, **overrides})


def stored_ids(store: Store) -> set[str]:
    return {record["session_id"] for record in store.session_records()}


def test_a_list_that_always_has_a_next_page_stops_at_what_its_window_holds(
    server: MisbehavingServer, org: DemoOrg, clock: Clock, disk: Store
) -> None:
    server.fault = endless_pages(fresh=True, give_up=60)
    real = visible_ids(org, clock.now, clock.at - SPAN)
    with client_of(server) as client:
        started = time.monotonic()
        with pytest.raises(EndlessListError) as caught:
            sync(client, disk, now=clock.at)
        took = time.monotonic() - started
        assert took < 15
        assert server.requests <= WINDOWS * 6
        assert "The API kept returning pages after " in str(caught.value)
        assert " for a window that should hold " in str(caught.value)
        assert str(caught.value).endswith(" sessions; stopped.")
        fetched = stored_ids(disk)
        assert fetched & real  # the first pages of the windows were stored
        assert disk.meta().get("watermark") is None
        assert disk.meta()["plan"]["done"] != list(range(len(disk.meta()["plan"]["windows"])))

        server.fault = None
        report = sync(client, disk, now=clock.at)
    assert report.mode == "resume"
    assert real <= stored_ids(disk)
    assert disk.meta()["watermark"] is not None


def test_a_list_that_sends_its_page_again_under_a_new_cursor_stops_at_once(
    server: MisbehavingServer, clock: Clock, disk: Store
) -> None:
    server.fault = endless_pages(fresh=False, give_up=60)
    options = SyncOptions(since=clock.at - timedelta(days=50))  # no window without sessions
    with client_of(server) as client, pytest.raises(EndlessListError) as caught:
        sync(client, disk, options, now=clock.at)
    assert "The API sent the same page of GET /v3/organizations/" in str(caught.value)
    assert str(caught.value).endswith("saying more would follow; stopped.")
    assert server.requests <= WINDOWS * 4


@pytest.mark.timeout(60)
def test_a_v1_list_that_ignores_the_offset_is_stopped_and_the_cache_kept(
    server: MisbehavingServer, org: DemoOrg, clock: Clock, disk: Store
) -> None:
    with client_of(server, key=V1_KEY) as client:
        sync(client, disk, now=clock.at)
        before = disk.session_records()
        watermark = disk.meta()["watermark"]
        clock.advance(timedelta(hours=12))

        server.fault = ignoring_offset
        with pytest.raises(EndlessListError) as caught:
            sync(client, disk, now=clock.at)
        assert str(caught.value) == (
            "The API answered offset 50 of GET /v1/sessions with 50 sessions it had already "
            "sent, as if it ignored the offset; stopped."
        )
        assert disk.session_records() == before
        assert disk.meta()["watermark"] == watermark

        server.fault = None
        report = sync(client, disk, now=clock.at)
    assert report.new > 0
    assert stored_ids(disk) == visible_ids(org, clock.now, clock.at - SPAN)


@pytest.mark.timeout(60)
def test_an_answer_sent_a_byte_a_second_fails_at_the_request_deadline(
    server: MisbehavingServer, org: DemoOrg, clock: Clock, disk: Store
) -> None:
    server.fault = trickling(later_pages)
    real = visible_ids(org, clock.now, clock.at - SPAN)
    with client_of(server, request_deadline=1.5) as client:
        started = time.monotonic()
        with pytest.raises(SlowAnswerError) as caught:
            sync(client, disk, now=clock.at)
        took = time.monotonic() - started
        assert took < 8
        host = server.url.removeprefix("http://")
        assert str(caught.value) == (
            f"The API at {host} sent its answer too slowly (no complete answer within 1.5 s)."
        )
        assert stored_ids(disk)
        assert stored_ids(disk) < real
        assert disk.meta().get("watermark") is None

        server.fault = None
        assert sync(client, disk, now=clock.at).mode == "resume"
    assert stored_ids(disk) == real


@pytest.mark.timeout(60)
def test_a_silent_server_stops_the_cold_sync_at_its_time_limit(
    server: MisbehavingServer, org: DemoOrg, clock: Clock, disk: Store
) -> None:
    server.fault = silent(later_pages)
    with client_of(server, sync_deadline=2.0) as client:  # reads may wait 30 s, answers 120 s
        started = time.monotonic()
        with pytest.raises(SyncTimeLimitError) as caught:
            sync(client, disk, now=clock.at)
        took = time.monotonic() - started
        assert 2.0 <= took < 5
        assert str(caught.value) == (
            "The sync took longer than 2 s and stopped; what it fetched is kept and the next "
            "sync resumes."
        )
        assert stored_ids(disk)
        assert disk.meta()["plan"]

        server.fault = None
        assert sync(client, disk, now=clock.at).mode == "resume"
    assert stored_ids(disk) == visible_ids(org, clock.now, clock.at - SPAN)


@pytest.mark.timeout(60)
def test_an_incremental_sync_stopped_at_its_time_limit_keeps_the_watermark(
    server: MisbehavingServer, org: DemoOrg, clock: Clock, disk: Store
) -> None:
    with client_of(server, sync_deadline=2.0) as client:
        sync(client, disk, now=clock.at)
        watermark = disk.meta()["watermark"]
        before = disk.session_records()
        clock.advance(timedelta(hours=12))

        server.fault = silent(every_request)
        with pytest.raises(SyncTimeLimitError):
            sync(client, disk, now=clock.at)
        assert disk.meta()["watermark"] == watermark
        assert disk.session_records() == before

        server.fault = None
        report = sync(client, disk, now=clock.at)
    assert report.mode == "incremental"
    assert report.new > 0
    assert stored_ids(disk) == visible_ids(org, clock.now, clock.at - SPAN)
