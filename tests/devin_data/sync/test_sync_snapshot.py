"""After a sync, the columnar snapshot holds exactly what the records say, typed the same way."""

from __future__ import annotations

from datetime import timedelta

import orjson
import pandas as pd
from sync_fakes import Clock

from devin_data.api.client import DevinClient
from devin_data.frames import build_sessions_frame, frame_from_table
from devin_data.models.columnar import json_batch, record_batch
from devin_data.store.store import Store
from devin_data.sync import SyncOptions, sync


def _by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("session_id", kind="stable").reset_index(drop=True)


def test_the_snapshot_frame_equals_the_frame_of_the_records(
    client: DevinClient, store: Store, clock: Clock
) -> None:
    sync(client, store, SyncOptions(full=True), now=clock.at)
    records = store.session_records()
    assert len(records) > 500
    from_snapshot = frame_from_table(store.snapshot())
    assert from_snapshot["session_id"].is_unique
    pd.testing.assert_frame_equal(_by_id(from_snapshot), _by_id(build_sessions_frame(records)))
    assert from_snapshot["pr_states"].map(len).sum() == sum(
        len(r["pull_requests"]) for r in records
    )


def test_arrow_reads_the_stored_json_as_the_python_path_does(
    client: DevinClient, store: Store, clock: Clock
) -> None:
    sync(client, store, SyncOptions(full=True), now=clock.at)
    for chunk in store.table.raw_chunks("record", size=400):
        lines = [raw for _, raw in chunk]
        records = [orjson.loads(line) for line in lines]
        assert json_batch(lines).equals(record_batch(records))


def test_an_incremental_sync_updates_the_snapshot_in_place(
    client: DevinClient, store: Store, clock: Clock
) -> None:
    sync(client, store, now=clock.at)
    before = store.snapshot()
    clock.advance(timedelta(hours=6))
    sync(client, store, now=clock.at)
    after = store.snapshot()
    assert int(after.schema.metadata[b"seq"]) > int(before.schema.metadata[b"seq"])
    expected = _by_id(build_sessions_frame(store.session_records()))
    pd.testing.assert_frame_equal(_by_id(frame_from_table(after)), expected)


def test_a_sync_that_finds_nothing_new_keeps_the_data_version_and_the_snapshot(
    client: DevinClient, store: Store, clock: Clock
) -> None:
    sync(client, store, now=clock.at)
    version, inode = store.data_version(), store.snapshot_file.path.stat().st_ino
    bookkeeping = store.version()
    again = sync(client, store, now=clock.at)
    assert again.fetched > 0  # the overlap read sessions again, and they were all the same
    assert again.new == again.changed == 0
    assert store.data_version() == version
    assert store.snapshot_file.path.stat().st_ino == inode
    assert store.version() != bookkeeping  # the watermark and last sync still moved
