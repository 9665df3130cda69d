"""Generating the missing insights of ended sessions in bulk, against the in-process emulator."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from devin_data.analytics import missing_insights
from devin_data.api import DevinClient
from devin_data.config import Settings
from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator, EmulatorTransport
from devin_data.emulator.keys import VIEWER_KEY
from devin_data.frames.sessions import build_sessions_frame
from devin_data.models import TERMINAL_STATUSES
from devin_data.services import insights
from devin_data.store import Store
from devin_data.sync.entry import SyncOptions, sync

ANCHOR = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
GENERATE = "/insights/generate"


@dataclass
class Recording(httpx.BaseTransport):
    """The emulator's transport, noting the session of every generate call it receives."""

    inner: EmulatorTransport
    generated: list[str] = field(default_factory=list)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith(GENERATE):
            self.generated.append(request.url.path.split("/")[-3])
        return self.inner.handle_request(request)


@dataclass
class Clock:
    now: float = ANCHOR.timestamp()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def emulator(clock: Clock) -> Emulator:
    return Emulator(DemoOrg.generate(200, 3, ANCHOR, days=40), clock=clock, insight_delay=60.0)


@pytest.fixture
def transport(emulator: Emulator) -> Recording:
    return Recording(EmulatorTransport(emulator))


def _client(transport: Recording, key: str) -> DevinClient:
    settings = Settings(
        base_url="http://emulator.test",
        api_key=key,  # type: ignore[arg-type]
        org_id=ORG_ID,
        transport=transport,
    )
    return DevinClient(settings)


@pytest.fixture
def client(transport: Recording) -> Iterator[DevinClient]:
    with _client(transport, ADMIN_KEY) as opened:
        yield opened


@pytest.fixture
def store(tmp_path: Path, client: DevinClient) -> Iterator[Store]:
    opened = Store.open(tmp_path / "cache", "scope")
    sync(client, opened, SyncOptions(full=True), now=ANCHOR)
    yield opened
    opened.close()


def _missing(store: Store) -> list[str]:
    return missing_insights(build_sessions_frame(store.session_records()))


def test_only_missing_ended_sessions_are_asked_for_with_progress(
    client: DevinClient, store: Store, transport: Recording, emulator: Emulator
) -> None:
    frame = build_sessions_frame(store.session_records())
    missing = _missing(store)
    ended = frame[frame["status"].astype(str).isin(TERMINAL_STATUSES)]
    assert 0 < len(missing) < len(ended)  # the demo has ended sessions with and without insights
    events: list[insights.FillProgress] = []
    report = insights.generate_missing(client, store, missing, now=ANCHOR, progress=events.append)
    assert sorted(transport.generated) == sorted(missing)
    assert sorted(report.requested) == sorted(missing)
    assert report.failed == {}
    assert report.skipped == []
    assert report.left == 0
    assert [e.done for e in events] == list(range(1, len(missing) + 1))
    assert {e.total for e in events} == {len(missing)}
    assert sorted(e.session_id for e in events) == sorted(missing)
    assert all(emulator.insight_jobs.requested(sid.removeprefix("devin-")) for sid in missing)


def test_a_limited_run_resumes_where_it_stopped(
    client: DevinClient, store: Store, transport: Recording
) -> None:
    missing = _missing(store)
    first = insights.generate_missing(client, store, missing, now=ANCHOR, limit=5)
    assert len(first.requested) == 5
    assert first.left == len(missing) - 5
    assert insights.pending(store, missing) == [s for s in missing if s not in first.requested]
    second = insights.generate_missing(client, store, missing, now=ANCHOR)
    assert sorted(second.skipped) == sorted(first.requested)
    assert sorted(transport.generated) == sorted(missing)  # each session asked for once
    third = insights.generate_missing(client, store, missing, now=ANCHOR)
    assert third.requested == []
    assert len(third.skipped) == len(missing)
    assert len(transport.generated) == len(missing)


def test_generated_analyses_are_collected_once_they_arrive(
    client: DevinClient, store: Store, clock: Clock
) -> None:
    missing = _missing(store)
    insights.generate_missing(client, store, missing, now=ANCHOR)
    assert insights.collect_generated(client, store, now=ANCHOR) == 0  # not ready yet
    clock.now += 61
    assert insights.collect_generated(client, store, now=ANCHOR) == len(missing)
    assert _missing(store) == []
    assert all(store.get_analysis(sid) for sid in missing)


def test_without_the_permission_it_stops_and_names_it(
    store: Store, transport: Recording, emulator: Emulator
) -> None:
    missing = _missing(store)
    events: list[insights.FillProgress] = []
    with (
        _client(transport, VIEWER_KEY) as viewer,
        pytest.raises(insights.MissingPermissionError) as caught,
    ):
        insights.generate_missing(viewer, store, missing, now=ANCHOR, progress=events.append)
    assert "ManageOrgSessions" in str(caught.value)
    assert caught.value.permission == "ManageOrgSessions"
    assert events == []
    assert len(transport.generated) <= 2 * viewer.config.concurrency  # stopped at once
    assert insights.requested_ids(store) == {}
    assert not any(emulator.insight_jobs.requested(s.removeprefix("devin-")) for s in missing)
