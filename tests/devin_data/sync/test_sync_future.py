"""A session stamped in the API's future neither stops the sync nor goes unnoticed.

A real server on loopback (``tests/misbehaving.py``) serves an emulated organization in which one
session's ``updated_at`` reads 2100-01-01. The sync stores it as given, names it once, keeps it
in the store's meta, and goes on seeing every later change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from misbehaving import MisbehavingServer, stamped
from sync_fakes import SPAN, Clock, make_client

from devin_data.emulator import DemoOrg, Emulator
from devin_data.errors import OptionError
from devin_data.models import Session
from devin_data.store.store import Store
from devin_data.sync import SyncOptions, sync
from devin_data.sync.watermark import MARGIN

YEAR_2100 = int(datetime(2100, 1, 1, tzinfo=UTC).timestamp())
STEP = timedelta(hours=12)


@pytest.fixture
def emulator(clock: Clock) -> Emulator:
    return Emulator(DemoOrg.generate(600, 5, clock.at, days=60), clock=clock)


@pytest.fixture
def victim(emulator: Emulator, clock: Clock) -> str:
    """A session of the first sync's span, the one the server stamps in 2100."""
    refs = list(emulator.org.visible_sessions(clock.now))
    return refs[len(refs) // 2].session_id


@pytest.fixture
def server(emulator: Emulator, victim: str) -> Iterator[MisbehavingServer]:
    with MisbehavingServer(emulator, stamped(victim, YEAR_2100)) as opened:
        yield opened


def served(emulator: Emulator, at: float, since: float) -> dict[str, dict[str, Any]]:
    """The records the emulator serves at ``at`` for sessions created since ``since``."""
    return {
        ref.session_id: Session.model_validate(
            emulator.session_payload(ref, insights=True, now=at)
        ).to_record()
        for ref in emulator.org.visible_sessions(at)
        if ref.created_at >= since
    }


def updates(store: Store) -> dict[str, float]:
    return {r["session_id"]: r["updated_at"] for r in store.session_records()}


def test_a_session_stamped_in_2100_is_kept_named_once_and_stops_nothing(
    server: MisbehavingServer, emulator: Emulator, victim: str, clock: Clock, tmp_path: Path
) -> None:
    since = (clock.at - SPAN).timestamp()
    with make_client(base_url=server.url) as client, Store.open(tmp_path, "scope") as store:
        cold = sync(client, store, now=clock.at)
        assert cold.future_updates == {victim: YEAR_2100}
        assert cold.future_warning is not None
        assert f"{victim} (2100-01-01 00:00 UTC)" in cold.future_warning
        assert updates(store)[victim] == YEAR_2100  # stored as the API gave it
        assert store.meta()["future_updates"] == {victim: YEAR_2100}
        assert store.meta()["last_sync"]["future_updates"] == {victim: YEAR_2100}
        assert store.meta()["watermark"] <= clock.now + MARGIN.total_seconds()

        for _ in range(2):
            clock.advance(STEP)
            expected = served(emulator, clock.now, since)
            stored = updates(store)
            added = expected.keys() - stored.keys()
            changed = {
                sid
                for sid, record in expected.items()
                if sid in stored and sid != victim and stored[sid] != record["updated_at"]
            }
            assert added
            assert changed
            report = sync(client, store, now=clock.at)

            assert report.mode == "incremental"
            assert (report.new, report.changed) == (len(added), len(changed))
            assert report.future_updates == {}  # named once, by the sync that found it
            assert report.future_warning is None
            assert store.meta()["future_updates"] == {victim: YEAR_2100}
            now_stored = updates(store)
            assert now_stored.pop(victim) == YEAR_2100
            assert now_stored == {
                sid: r["updated_at"] for sid, r in expected.items() if sid != victim
            }


def test_a_watermark_left_in_the_future_by_an_earlier_sync_is_pulled_back(
    server: MisbehavingServer, emulator: Emulator, clock: Clock, tmp_path: Path
) -> None:
    server.fault = None
    since = (clock.at - SPAN).timestamp()
    with make_client(base_url=server.url) as client, Store.open(tmp_path, "scope") as store:
        sync(client, store, now=clock.at)
        store.update_meta(watermark=YEAR_2100 - 3600)  # what the stamp once left behind
        clock.advance(STEP)
        report = sync(client, store, now=clock.at)
        assert report.new > 0
        assert updates(store) == {
            sid: r["updated_at"] for sid, r in served(emulator, clock.now, since).items()
        }
        assert store.meta()["watermark"] <= clock.now + MARGIN.total_seconds()


def test_an_explicit_since_after_the_api_clock_is_refused_before_any_plan(
    server: MisbehavingServer, clock: Clock, tmp_path: Path
) -> None:
    server.fault = None
    with make_client(base_url=server.url) as client, Store.open(tmp_path, "scope") as store:
        with pytest.raises(OptionError, match="after the Devin API's clock"):
            sync(client, store, SyncOptions(since=datetime(2027, 6, 1, tzinfo=UTC)), now=clock.at)
        assert store.meta().get("plan") is None
        assert store.meta().get("watermark") is None
        assert sync(client, store, now=clock.at).mode == "cold"
