"""Messages of chosen sessions against the in-process emulator: only new or changed ones, stored
in batches, for a v3 and a v1 key; a key the API rejects stops at once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from devin_data.api import DevinClient
from devin_data.config import Settings
from devin_data.emulator import ADMIN_KEY, ORG_ID, V1_KEY, DemoOrg, Emulator, EmulatorTransport
from devin_data.errors import AuthenticationError
from devin_data.store import Store
from devin_data.sync.messages import coverage, fetch_messages, stale_ids

ANCHOR = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
def emulator() -> Emulator:
    now = ANCHOR.timestamp()
    return Emulator(DemoOrg.generate(120, 5, ANCHOR), clock=lambda: now)


def _client(emulator: Emulator, key: str) -> DevinClient:
    settings = Settings(
        base_url="http://emulator.test",
        api_key=key,  # type: ignore[arg-type]
        org_id=ORG_ID,
        transport=EmulatorTransport(emulator),
    )
    return DevinClient(settings)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "cache", "scope")
    yield opened
    opened.close()


def _cache_sessions(client: DevinClient, store: Store) -> list[str]:
    """Store the listed sessions without their messages; their ids, newest first."""
    listed = list(client.iter_session_insights())
    store.write_batch([s.model_copy(update={"messages": []}) for s in listed], observed_at=ANCHOR)
    return [s.session_id for s in sorted(listed, key=lambda s: s.created_at, reverse=True)]


def test_only_missing_or_changed_messages_are_fetched(emulator: Emulator, store: Store) -> None:
    with _client(emulator, ADMIN_KEY) as client:
        ids = _cache_sessions(client, store)[:70]
        assert stale_ids(store, ids) == ids
        seen: list[tuple[int, int]] = []

        result = fetch_messages(client, store, ids, lambda done, total: seen.append((done, total)))

        assert (result.fetched, result.failed, result.error) == (70, 0, None)
        assert seen == [(50, 70), (70, 70)]  # stored batch by batch
        assert stale_ids(store, ids) == []
        assert coverage(store, ids).current == 70
        first = ids[0]
        assert store.messages(first) == [m.to_record() for m in client.list_messages(first)]
        # The session moves on: its messages are stale and only they are fetched again.
        record = store.get_record(first)
        assert record is not None
        later = client.get_session_insights(first).model_copy(
            update={"updated_at": ANCHOR + timedelta(minutes=5), "messages": []}
        )
        store.write_batch([later], observed_at=ANCHOR)
        assert stale_ids(store, ids) == [first]
        counted = coverage(store, ids)
        assert (counted.sessions, counted.cached, counted.current, counted.stale) == (70, 70, 69, 1)


def test_a_rejected_key_stops_the_fetch(emulator: Emulator, store: Store) -> None:
    with _client(emulator, ADMIN_KEY) as client:
        ids = _cache_sessions(client, store)[:60]
    with _client(emulator, "cog_not_a_key") as rejected:
        result = fetch_messages(rejected, store, ids)
    assert isinstance(result.error, AuthenticationError)
    assert result.fetched == 0
    assert coverage(store, ids).cached == 0


def test_a_v1_key_reads_the_messages_from_the_session_details(
    emulator: Emulator, store: Store
) -> None:
    with _client(emulator, V1_KEY) as client:
        listed = client.list_sessions_v1_page(limit=5)
        store.write_batch(listed, observed_at=ANCHOR)
        ids = [s.session_id for s in listed]
        result = fetch_messages(client, store, ids)
        assert result.fetched == 5
        details = client.get_session_details_v1(ids[0])
        assert store.messages(ids[0]) == [m.to_record() for m in details.messages]
        assert len(details.messages) > 0
