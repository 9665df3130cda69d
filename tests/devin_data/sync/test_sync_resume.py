"""An interrupted cold sync keeps its plan and finishes later with nothing lost or doubled."""

from __future__ import annotations

from collections import Counter

import pytest
from store_backends import reopen
from sync_fakes import SPAN, Clock, Faulty, make_client, visible_ids

from devin_data.emulator import DemoOrg, Emulator, EmulatorTransport
from devin_data.errors import ServerError
from devin_data.store import Store
from devin_data.sync import SyncOptions, SyncProgress, sync
from devin_data.sync.plan import split, window_count


def _assert_complete(org: DemoOrg, clock: Clock, store: Store) -> None:
    ids = [r["session_id"] for r in store.session_records()]
    assert Counter(ids).most_common(1)[0][1] == 1
    assert set(ids) == visible_ids(org, clock.now, clock.at - SPAN)
    assert store.count() == len(ids)


def test_a_failed_window_is_resumed_alone(
    org: DemoOrg, emulator: Emulator, clock: Clock, store: Store
) -> None:
    window_start = _bounds(clock, 5)  # plans are deterministic: the same split as the sync's
    faulty = Faulty(
        EmulatorTransport(emulator),
        lambda r: r.url.params.get("created_after") == str(window_start - 1),
        status=503,
    )
    with make_client(faulty, max_retries=0) as client:
        with pytest.raises(ServerError):
            sync(client, store, now=clock.at)
        plan = store.meta()["plan"]
        assert faulty.hits == 1
        assert len(plan["done"]) == len(plan["windows"]) - 1
        assert 5 not in plan["done"]
        assert "watermark" not in store.meta()
        partial = store.count()
        assert 0 < partial < len(visible_ids(org, clock.now, clock.at - SPAN))

        faulty.enabled = False
        emulator.reset_stats()
        resumed = sync(client, store, now=clock.at)
    assert resumed.mode == "resume"
    assert emulator.stats.total == resumed.requests <= 2
    assert resumed.new == store.count() - partial
    assert "plan" not in store.meta()
    newest = max(r["updated_at"] for r in store.session_records())
    assert newest - 660 < store.meta()["watermark"] <= newest - 600  # read from the data
    _assert_complete(org, clock, store)


def _bounds(clock: Clock, index: int) -> int:
    since, until = (clock.at - SPAN).timestamp(), clock.now
    return split(since, until, window_count(since, until, 8, None))[index][0]


def test_keyboard_interrupt_between_windows_loses_nothing(
    org: DemoOrg, emulator: Emulator, clock: Clock, store: Store
) -> None:
    def stop_after_three(event: SyncProgress) -> None:
        if event.phase == "windows" and event.done == 3:
            raise KeyboardInterrupt

    with make_client(EmulatorTransport(emulator)) as client:
        with pytest.raises(KeyboardInterrupt):
            sync(client, store, SyncOptions(windows=10), now=clock.at, progress=stop_after_three)
        plan = store.meta()["plan"]
        assert len(plan["windows"]) == 10
        assert len(plan["done"]) == 3
        first = store.count()
        resumed = sync(client, store, SyncOptions(windows=10), now=clock.at)
    assert resumed.mode == "resume"
    assert resumed.new == store.count() - first
    _assert_complete(org, clock, store)


def test_a_store_reopened_after_a_crash_resumes(
    org: DemoOrg, emulator: Emulator, clock: Clock, store: Store
) -> None:
    def crash(event: SyncProgress) -> None:
        if event.phase == "windows" and event.done == 1:
            raise SystemExit(9)

    with make_client(EmulatorTransport(emulator)) as client:
        with pytest.raises(SystemExit):
            sync(client, store, now=clock.at, progress=crash)
        store.close()
        reopened = reopen(store)
        try:
            report = sync(client, reopened, now=clock.at)
            assert report.mode == "resume"
            assert reopened.warnings == []
            _assert_complete(org, clock, reopened)
        finally:
            reopened.close()
