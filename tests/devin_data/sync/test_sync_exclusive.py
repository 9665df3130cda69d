"""One sync at a time per organization on a shared store: a second writer does not start, it
reads the first one's progress, and it sees the first one's data when that ends."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import sqlalchemy as sa
from sync_fakes import Clock, make_client

from devin_data.emulator import Emulator, EmulatorTransport
from devin_data.store.shared.store import SharedStore
from devin_data.sync import SyncOptions, SyncProgress
from devin_data.sync.exclusive import follow, running_progress, sync_exclusive


class Counting(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return self.inner.handle_request(request)


def test_a_second_replica_follows_the_running_sync_instead_of_starting_one(
    emulator: Emulator, clock: Clock, store_url: str, tmp_path: Path
) -> None:
    engine = sa.create_engine(store_url)
    writer = SharedStore(engine, tmp_path / "a", "scope")
    reader = SharedStore(engine, tmp_path / "b", "scope")
    started, release = threading.Event(), threading.Event()
    seen: list[SyncProgress] = []

    def hold(progress: SyncProgress) -> None:
        if progress.phase == "plan" and not started.is_set():
            started.set()
            release.wait(30)

    outcome: dict[str, object] = {}

    def run_writer() -> None:
        with make_client(EmulatorTransport(emulator)) as client:
            outcome["report"] = sync_exclusive(
                client, writer, SyncOptions(), progress=hold, now=clock.at
            )

    thread = threading.Thread(target=run_writer)
    thread.start()
    try:
        assert started.wait(30)
        counting = Counting(EmulatorTransport(emulator))
        with make_client(counting) as client:
            assert sync_exclusive(client, reader, SyncOptions(), now=clock.at) is None
        assert counting.requests == 0
        current = running_progress(reader)
        assert current is not None
        assert current.phase == "plan"
    finally:
        release.set()
    assert follow(reader, seen.append, poll=0.05, timeout=60)
    thread.join(30)
    assert outcome["report"] is not None
    assert reader.count() == writer.count() > 0
    assert running_progress(reader) is None
    assert reader.sync_progress() == {}
    assert [run["outcome"] for run in reader.sync_runs()] == ["cold"]
    assert reader.snapshot().num_rows == reader.count()
    engine.dispose()
