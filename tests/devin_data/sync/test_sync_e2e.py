"""Cold, unchanged and incremental syncs against the emulator served over real HTTP."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sync_fakes import SPAN, Clock, make_client, visible_ids

from devin_data.emulator import ADMIN_KEY, DemoOrg, Emulator, serve
from devin_data.models import TERMINAL_STATUSES
from devin_data.store.store import Store
from devin_data.sync.entry import SyncProgress, sync


def test_cold_unchanged_then_incremental_over_http(
    org: DemoOrg, emulator: Emulator, clock: Clock, store: Store, tmp_path: Path
) -> None:
    events: list[SyncProgress] = []
    with serve(emulator) as server, make_client(base_url=server.url) as client:
        cold = sync(client, store, now=clock.at, progress=events.append)

        expected = visible_ids(org, clock.now, clock.at - SPAN)
        records = store.session_records()
        assert [r["session_id"] for r in records if r["session_id"] not in expected] == []
        assert {r["session_id"] for r in records} == expected
        assert len(records) == len(expected)
        assert (cold.mode, cold.fetched, cold.new) == ("cold", len(expected), len(expected))
        assert cold.sessions_total == len(expected)
        windows = 2 * client.config.concurrency  # one first page per window, then the rest
        assert cold.requests == emulator.stats.total >= windows
        assert cold.coverage_start == clock.at - SPAN
        meta = store.meta()
        assert "plan" not in meta
        newest = max(r["updated_at"] for r in records)
        assert newest - 660 < meta["watermark"] <= newest - 600  # read from the data
        assert meta["last_sync"]["mode"] == "cold"
        assert events[0].phase == "plan"
        assert events[-1].phase == "done"
        last = events[-2]
        assert (last.phase, last.done) == ("windows", last.total)
        assert last.message == f"window {last.total} of {last.total} stored"
        assert last.total is not None
        assert last.total >= windows

        emulator.reset_stats()
        again = sync(client, store, now=clock.at)
        assert emulator.stats.total <= 2
        assert again.requests == emulator.stats.total
        assert (again.mode, again.new, again.changed) == ("incremental", 0, 0)
        assert again.coverage_start == cold.coverage_start

        before = {r["session_id"]: r for r in store.session_records()}
        running = {s for s, r in before.items() if r["status"] not in TERMINAL_STATUSES}
        assert running
        clock.advance(timedelta(hours=6))
        emulator.reset_stats()
        later = sync(client, store, now=clock.at)
        assert emulator.stats.total <= 3
        assert later.mode == "incremental"
        assert later.changed > 0
        assert later.new == len(visible_ids(org, clock.now)) - len(
            visible_ids(org, clock.at.timestamp() - 6 * 3600)
        )

    after = {r["session_id"]: r for r in store.session_records()}
    moved = [s for s in running if after[s]["status"] != before[s]["status"]]
    assert moved
    history = store.status_history()
    for sid in moved:
        observed = history[sid]
        assert len(observed) >= 2
        assert observed[-1]["observed_at"] == clock.now
        assert (observed[-1]["status"], observed[-1]["status_detail"]) == (
            after[sid]["status"],
            after[sid]["status_detail"],
        )
    untouched = [s for s, r in before.items() if r == after[s]]
    assert all(len(history[s]) == 1 for s in untouched)
    for path in (tmp_path / "cache").rglob("*"):
        if path.is_file():
            assert ADMIN_KEY.encode() not in path.read_bytes()
