"""One session on demand against the in-process emulator: fetch, merge, store, generate insights."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from devin_data.api import DevinClient
from devin_data.config import Settings
from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator, EmulatorTransport
from devin_data.models import SESSION_PREFIX, Session
from devin_data.services import sessions
from devin_data.store import Store

ANCHOR = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


@dataclass
class Clock:
    """The emulator's clock and the poller's: sleeping moves it on."""

    now: float = ANCHOR.timestamp()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def __post_init__(self) -> None:
        self.slept: list[float] = []


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def emulator(clock: Clock) -> Emulator:
    return Emulator(DemoOrg.generate(300, 5, ANCHOR), clock=clock, insight_delay=2.0)


@pytest.fixture
def client(emulator: Emulator) -> Iterator[DevinClient]:
    settings = Settings(
        base_url="http://emulator.test",
        api_key=ADMIN_KEY,  # type: ignore[arg-type]
        org_id=ORG_ID,
        transport=EmulatorTransport(emulator),
    )
    with DevinClient(settings) as opened:
        yield opened


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "cache", "scope")
    yield opened
    opened.close()


def _ended(emulator: Emulator, *, analysed: bool) -> str:
    """An ended session with (or without) insights, picked by its properties."""
    now = emulator.clock()
    for ref in emulator.org.visible_sessions(now):
        view = emulator.org.view(ref.pos, now)
        if view.terminal and emulator.org.plans[ref.pos].analysed == analysed:
            return SESSION_PREFIX + emulator.org.plans[ref.pos].hex
    raise AssertionError("the demo organization has no such session")


def test_fetch_reads_the_insights_and_every_message(
    client: DevinClient, emulator: Emulator
) -> None:
    session_id = _ended(emulator, analysed=True)

    session = sessions.fetch(client, session_id)

    assert session.session_id == session_id
    assert session.analysis is not None
    assert len(session.messages) == session.num_user_messages + session.num_devin_messages


def test_refresh_keeps_the_messages_and_analysis_of_a_cached_session(
    client: DevinClient, emulator: Emulator, store: Store
) -> None:
    session_id = _ended(emulator, analysed=True)
    cached = client.get_session_insights(session_id).model_copy(
        update={"analysis": None, "title": "cached title"}
    )
    store.write_batch([cached], observed_at=ANCHOR)

    shown = sessions.refresh(client, store, session_id, now=ANCHOR)

    assert shown["analysis"] is not None
    assert store.get_analysis(session_id) == shown["analysis"]
    assert store.messages(session_id) == shown["messages"]
    assert len(shown["messages"]) > 0


def test_refresh_leaves_an_uncached_session_out_of_the_store(
    client: DevinClient, emulator: Emulator, store: Store
) -> None:
    session_id = _ended(emulator, analysed=True)

    shown = sessions.refresh(client, store, session_id, now=ANCHOR)

    assert shown["record"]["session_id"] == session_id
    assert store.get_record(session_id) is None
    assert store.messages(session_id) is None


def test_merged_keeps_cached_values_the_endpoint_leaves_out() -> None:
    record = {"session_id": "devin-abc", "created_at": ANCHOR, "title": "cached", "tags": ["x"]}
    fresh = Session.model_validate({"session_id": "devin-abc", "created_at": ANCHOR})

    session = sessions.merged(record, fresh)

    assert (session.title, session.tags) == ("cached", [])
    assert sessions.merged(None, fresh).title is None


def test_generate_insights_polls_until_the_analysis_arrives(
    client: DevinClient, emulator: Emulator, clock: Clock
) -> None:
    session_id = _ended(emulator, analysed=False)

    fresh = sessions.generate_insights(
        client, session_id, timeout=60.0, interval=1.0, sleep=clock.sleep, clock=clock
    )

    assert fresh is not None
    assert fresh.analysis is not None
    assert clock.slept == [1.0, 1.0]


def test_generate_insights_gives_up_after_the_timeout(
    client: DevinClient, emulator: Emulator, clock: Clock
) -> None:
    session_id = _ended(emulator, analysed=False)

    fresh = sessions.generate_insights(
        client, session_id, timeout=0.5, interval=1.0, sleep=clock.sleep, clock=clock
    )

    assert fresh is None
    assert clock.slept == [1.0]


def _running(emulator: Emulator) -> str:
    """A session running now that has ended an hour later, picked by its properties."""
    now = emulator.clock()
    for ref in emulator.org.visible_sessions(now):
        view, later = (emulator.org.view(ref.pos, at) for at in (now, now + 3600))
        if view.status == "running" and later.terminal:
            return SESSION_PREFIX + emulator.org.plans[ref.pos].hex
    raise AssertionError("the demo organization has no such session")


def test_refresh_stores_a_newer_version_and_counts_it_until_the_next_sync(
    client: DevinClient, emulator: Emulator, store: Store, clock: Clock
) -> None:
    session_id = _running(emulator)
    store.write_batch([client.get_session_insights(session_id)], observed_at=ANCHOR)
    store.update_meta(last_sync={"finished_at": ANCHOR.timestamp()})
    clock.now += 3600
    later = datetime.fromtimestamp(clock.now, UTC)

    shown = sessions.refresh(client, store, session_id, now=later)

    stored = store.get_record(session_id)
    assert stored is not None
    assert stored["status"] == shown["record"]["status"] != "running"
    assert sessions.refreshed_since_sync(store.sync_state()) == 1
    store.update_meta(last_sync={"finished_at": clock.now + 60})
    assert sessions.refreshed_since_sync(store.sync_state()) == 0


def test_refresh_of_an_unchanged_session_counts_nothing(
    client: DevinClient, emulator: Emulator, store: Store
) -> None:
    session_id = _ended(emulator, analysed=True)
    store.write_batch([client.get_session_insights(session_id)], observed_at=ANCHOR)
    store.update_meta(last_sync={"finished_at": ANCHOR.timestamp()})
    before = store.get_record(session_id)

    sessions.refresh(client, store, session_id, now=ANCHOR)

    assert store.get_record(session_id) == before
    assert sessions.refreshed_since_sync(store.sync_state()) == 0
