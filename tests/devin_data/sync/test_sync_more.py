"""Faults, insights that appear later, backfills, messages and parse_since."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sync_fakes import SPAN, Clock, make_client, visible_ids

from devin_data.api.client import DevinClient
from devin_data.emulator import DemoOrg, Emulator, EmulatorTransport
from devin_data.errors import AuthenticationError
from devin_data.models import TERMINAL_STATUSES
from devin_data.store.store import Store
from devin_data.sync.entry import SyncOptions, parse_since, sync
from devin_data.sync.types import FULL_SINCE


def test_faults_are_retried_and_everything_arrives(
    org: DemoOrg, clock: Clock, store: Store
) -> None:
    flaky = Emulator(org, clock=clock, fault_rate=0.2, retry_after=0)
    with make_client(EmulatorTransport(flaky), max_retries=8) as client:
        report = sync(client, store, now=clock.at)
    assert flaky.stats.faults > 0
    assert report.retries == flaky.stats.faults
    assert {r["session_id"] for r in store.session_records()} == visible_ids(
        org, clock.now, clock.at - SPAN
    )


def test_insights_generated_later_are_picked_up_by_the_recheck(
    emulator: Emulator, clock: Clock, store: Store, client: DevinClient
) -> None:
    sync(client, store, now=clock.at)
    cutoff = clock.now - 7 * 86400
    waiting = [
        r
        for r in store.session_records()
        if r["status"] in TERMINAL_STATUSES and not r["has_analysis"] and r["updated_at"] > cutoff
    ]
    assert waiting
    target = max(waiting, key=lambda r: r["updated_at"])["session_id"]
    client.generate_insights(target)
    clock.advance(timedelta(seconds=emulator.insight_delay + 1))
    emulator.reset_stats()
    report = sync(client, store, now=clock.at)
    assert emulator.stats.total <= 2
    assert report.changed >= 1
    assert store.get_record(target)["has_analysis"] is True
    assert store.get_analysis(target) is not None


def test_an_earlier_since_backfills_only_the_gap(
    org: DemoOrg, emulator: Emulator, clock: Clock, store: Store, client: DevinClient
) -> None:
    sync(client, store, SyncOptions(since=clock.at - timedelta(days=30)), now=clock.at)
    first = store.count()
    emulator.reset_stats()
    default = sync(client, store, now=clock.at)  # the default 90 days shapes only a cold sync
    assert emulator.stats.total <= 2
    assert default.coverage_start == clock.at - timedelta(days=30)
    assert store.count() == first
    report = sync(client, store, SyncOptions(since=clock.at - timedelta(days=60)), now=clock.at)
    assert report.mode == "incremental"
    assert report.new == store.count() - first > 0
    assert report.coverage_start == clock.at - timedelta(days=60)
    assert {r["session_id"] for r in store.session_records()} == visible_ids(
        org, clock.now, clock.at - timedelta(days=60)
    )
    full = sync(client, store, SyncOptions(full=True), now=clock.at)
    assert full.coverage_start == FULL_SINCE
    assert store.count() == len(visible_ids(org, clock.now))


def test_messages_match_the_message_counts(
    emulator: Emulator, clock: Clock, store: Store, client: DevinClient
) -> None:
    options = SyncOptions(since=clock.at - timedelta(days=10), with_messages=True)
    sync(client, store, options, now=clock.at)
    records = store.session_records()
    messages = store.all_messages()
    assert set(messages) == {r["session_id"] for r in records}
    for record in records:
        sources = Counter(m["source"] for m in messages[record["session_id"]])
        assert sources["user"] == record["num_user_messages"], record["session_id"]
        assert sources["devin"] == record["num_devin_messages"], record["session_id"]
    emulator.reset_stats()
    sync(client, store, options, now=clock.at)
    assert emulator.stats.by_kind.get("v3_messages", 0) == 0
    clock.advance(timedelta(hours=3))
    emulator.reset_stats()
    report = sync(client, store, options, now=clock.at)
    assert 0 < emulator.stats.by_kind["v3_messages"] <= report.new + report.changed


def test_client_errors_propagate(emulator: Emulator, clock: Clock, store: Store) -> None:
    client = make_client(EmulatorTransport(emulator), key="cog_not_a_key")
    with client, pytest.raises(AuthenticationError):
        sync(client, store, now=clock.at)
    assert store.count() == 0
    assert "plan" in store.meta()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-01", datetime(2026, 1, 1, tzinfo=UTC)),
        ("2026-01-01T10:00:00Z", datetime(2026, 1, 1, 10, tzinfo=UTC)),
        ("2026-01-01T12:00:00+02:00", datetime(2026, 1, 1, 10, tzinfo=UTC)),
        (" 90d ", datetime(2026, 2, 3, 12, tzinfo=UTC)),
        ("12w", datetime(2026, 2, 9, 12, tzinfo=UTC)),
    ],
)
def test_parse_since(text: str, expected: datetime) -> None:
    assert parse_since(text, datetime(2026, 5, 4, 12, tzinfo=UTC)) == expected


@pytest.mark.parametrize("text", ["", "yesterday", "90", "3m", "2026-13-01", "1767225600"])
def test_parse_since_rejects_anything_else(text: str) -> None:
    with pytest.raises(ValueError, match="use a date"):
        parse_since(text, datetime(2026, 5, 4, tzinfo=UTC))
